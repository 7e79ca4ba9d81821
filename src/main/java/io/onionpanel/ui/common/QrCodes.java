package io.onionpanel.ui.common;

import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.onionpanel.common.QrMatrix;
import javafx.scene.image.Image;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;

/** QR codes (ZXing) as JavaFX images, for scanning an address or key into a phone or another machine. */
public final class QrCodes {
    private QrCodes() {
    }

    /**
     * A code of exactly {@code size} pixels whatever its content, its modules scaled by nearest neighbour (ImageView's
     * smoothing hint is not honoured by every pipeline, and a blurred code scans badly), checked to read back.
     */
    public static Image of(String text, int size) {
        BitMatrix m = QrMatrix.encode(text, ErrorCorrectionLevel.M, 2, size);
        WritableImage image = new WritableImage(size, size);
        PixelWriter w = image.getPixelWriter();
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                w.setArgb(x, y, m.get(x, y) ? 0xFF000000 : 0xFFFFFFFF);
            }
        }
        return image;
    }
}
