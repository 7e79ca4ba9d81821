package io.onionpanel.connection;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.onionpanel.common.ValidationException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Bridge lines from a QR code image, as bridges.torproject.org and Tor Browser show them: the code holds either
 * plain lines or a list written like {@code ['obfs4 …', 'obfs4 …']}. Each line is then validated as if pasted.
 */
public final class BridgeQr {
    private BridgeQr() {
    }

    public static List<String> read(Path image) {
        BufferedImage img;
        try {
            img = ImageIO.read(image.toFile());
        } catch (IOException e) {
            throw new ValidationException("Cannot read the image " + image.getFileName() + ": " + e.getMessage());
        }
        if (img == null) {
            throw new ValidationException(image.getFileName() + " is not an image this Java can read (PNG, JPEG, GIF, BMP)");
        }
        int[] pixels = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
        var bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(img.getWidth(), img.getHeight(), pixels)));
        String text;
        try {
            text = new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
        } catch (NotFoundException e) {
            throw new ValidationException("No QR code found in " + image.getFileName());
        } catch (ReaderException e) {
            throw new ValidationException("The QR code in " + image.getFileName() + " could not be read");
        }
        List<String> lines = lines(text);
        BridgeLine.parseAll(lines); // bad content: a clear message now, nothing taken
        return lines;
    }

    /** The bridge lines in a QR code's text: one per line, or the quoted items of a bracketed list. */
    static List<String> lines(String text) {
        String t = text.strip();
        List<String> out = new ArrayList<>();
        if (t.startsWith("[") && t.endsWith("]")) {
            for (String item : t.substring(1, t.length() - 1).split(",(?=\\s*['\"])")) {
                String s = item.strip();
                if (s.length() >= 2 && (s.charAt(0) == '\'' || s.charAt(0) == '"')) {
                    s = s.substring(1, s.length() - 1);
                }
                if (!s.isBlank()) {
                    out.add(s.strip());
                }
            }
        } else {
            for (String l : t.split("\\R")) {
                if (!l.isBlank()) {
                    out.add(l.strip());
                }
            }
        }
        if (out.isEmpty()) {
            throw new ValidationException("The QR code holds no bridge line");
        }
        return out;
    }
}
