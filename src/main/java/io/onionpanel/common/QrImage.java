package io.onionpanel.common;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;

/** The text of the QR code in an image file (a screenshot or photo of bridge lines, a pairing code). */
public final class QrImage {
    private QrImage() {
    }

    public static String text(Path image) {
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
        try {
            return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
        } catch (NotFoundException e) {
            throw new ValidationException("No QR code found in " + image.getFileName());
        } catch (ReaderException e) {
            throw new ValidationException("The QR code in " + image.getFileName() + " could not be read");
        }
    }
}
