package io.onionpanel.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import io.onionpanel.common.ValidationException;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BridgeQrTest {
    @TempDir Path dir;

    @Test
    void readsTheListFormBridgesTorprojectOrgShows() throws Exception {
        String second = "198.51.100.2:9001 " + BridgeLineTest.FP;
        Path png = qr("['" + BridgeLineTest.OBFS4 + "', '" + second + "']");
        assertEquals(List.of(BridgeLineTest.OBFS4, second), BridgeQr.read(png));
    }

    @Test
    void readsPlainLinesAndRefusesWhatIsNoBridge() throws Exception {
        assertEquals(List.of(BridgeLineTest.OBFS4), BridgeQr.read(qr(BridgeLineTest.OBFS4 + "\n")));
        ValidationException bad = assertThrows(ValidationException.class, () -> BridgeQr.read(qr("https://example.com/")));
        assertTrue(bad.getMessage().startsWith("Bridge line 1"), bad.getMessage());
        Path blank = dir.resolve("blank.png");
        ImageIO.write(new BufferedImage(50, 50, BufferedImage.TYPE_INT_RGB), "png", blank.toFile());
        assertTrue(assertThrows(ValidationException.class, () -> BridgeQr.read(blank)).getMessage().startsWith("No QR code"));
        Path text = Files.writeString(dir.resolve("x.png"), "not an image");
        assertTrue(assertThrows(ValidationException.class, () -> BridgeQr.read(text)).getMessage().contains("not an image"));
    }

    private Path qr(String text) throws Exception {
        BitMatrix m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 400, 400);
        BufferedImage img = new BufferedImage(m.getWidth(), m.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < m.getWidth(); x++) {
            for (int y = 0; y < m.getHeight(); y++) {
                img.setRGB(x, y, m.get(x, y) ? 0x000000 : 0xFFFFFF);
            }
        }
        Path file = dir.resolve("qr" + System.nanoTime() + ".png");
        ImageIO.write(img, "png", file.toFile());
        return file;
    }
}
