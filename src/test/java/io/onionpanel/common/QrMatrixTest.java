package io.onionpanel.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.EncodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QrMatrixTest {
    /** ZXing's default mask for this address makes a code its own reader cannot read (seen in CI, at 180 px). */
    private static final String MISREAD = "http://fk72pw3lb5ofuwk4jo7c4idzn4axhkv466i6x7l4dxu4zf3vtklwfpid.onion/";

    @Test
    void aCodeZxingsReaderMisreadsIsMadeWithAnotherMask() throws Exception {
        Map<EncodeHintType, Object> zxingDefault = new EnumMap<>(EncodeHintType.class);
        zxingDefault.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
        zxingDefault.put(EncodeHintType.MARGIN, 2);
        assertFalse(QrMatrix.readsBack(MISREAD, QrMatrix.scale(QrMatrix.modules(MISREAD, zxingDefault), 180)),
                "ZXing's own choice is misread: the case this class is for");
        for (int size : new int[] {150, 180, 240}) {
            assertEquals(MISREAD, read(QrMatrix.encode(MISREAD, ErrorCorrectionLevel.M, 2, size)), "at " + size + " px");
        }
    }

    @Test
    void everyAddressOfAThousandReadsBackAtTheWindowsSizes() throws Exception {
        Random random = new Random(7);
        String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        for (int i = 0; i < 1000; i++) {
            StringBuilder url = new StringBuilder("http://");
            for (int k = 0; k < 55; k++) {
                url.append(alphabet.charAt(random.nextInt(32)));
            }
            url.append("d.onion/");
            for (int size : new int[] {150, 180}) {
                assertEquals(url.toString(), read(QrMatrix.encode(url.toString(), ErrorCorrectionLevel.M, 2, size)));
            }
        }
    }

    /** As a scanner reads a screenshot: the reader finds the code in the picture (no hint that it is a pure code). */
    private static String read(BitMatrix m) throws Exception {
        int w = m.getWidth();
        int h = m.getHeight();
        int[] pixels = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                pixels[y * w + x] = m.get(x, y) ? 0xFF000000 : 0xFFFFFFFF;
            }
        }
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(w, h, pixels)))).getText();
    }
}
