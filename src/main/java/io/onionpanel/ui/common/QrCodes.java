package io.onionpanel.ui.common;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.Map;
import javafx.scene.image.Image;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

/** QR codes (ZXing) as JavaFX images, for scanning an address or key into a phone or another machine. */
public final class QrCodes {
    private QrCodes() {
    }

    public static Image of(String text, int size) {
        try {
            BitMatrix m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, size, size,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2));
            WritableImage image = new WritableImage(m.getWidth(), m.getHeight());
            PixelWriter w = image.getPixelWriter();
            for (int y = 0; y < m.getHeight(); y++) {
                for (int x = 0; x < m.getWidth(); x++) {
                    w.setColor(x, y, m.get(x, y) ? Color.BLACK : Color.WHITE);
                }
            }
            return image;
        } catch (WriterException e) {
            throw new IllegalArgumentException("Text too long for a QR code", e);
        }
    }

    /**
     * A code of exactly {@code size} pixels whatever its content: ZXing pads a larger requested size with white to a
     * whole number of pixels per module, so render one pixel per module and scale to the size with nearest-neighbour
     * sampling (ImageView's smoothing hint is not honoured by every pipeline, and a blurred code scans badly).
     */
    public static Image crisp(String text, int size) {
        Image modules = of(text, 1);
        int n = (int) modules.getWidth();
        javafx.scene.image.PixelReader in = modules.getPixelReader();
        WritableImage out = new WritableImage(size, size);
        PixelWriter w = out.getPixelWriter();
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                w.setArgb(x, y, in.getArgb(x * n / size, y * n / size));
            }
        }
        return out;
    }
}
