package io.onionpanel.installer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The icon files icons/generate.sh writes and the installers use: every size present, each image the size it claims. */
class IconFilesTest {
    private static final Path ICONS = Path.of("icons");

    @Test
    void pngsHaveTheirNamedSize() throws IOException {
        for (int size : new int[]{16, 24, 32, 48, 64, 128, 256, 512, 1024}) {
            BufferedImage image = ImageIO.read(ICONS.resolve("onion-panel-" + size + ".png").toFile());
            assertEquals(size, image.getWidth(), "onion-panel-" + size + ".png");
            assertEquals(size, image.getHeight(), "onion-panel-" + size + ".png");
            assertTrue(image.getColorModel().hasAlpha(), "transparent corners need alpha");
        }
    }

    @Test
    void windowsIconHoldsSixteenToTwoHundredFiftySix() throws IOException {
        ByteBuffer ico = ByteBuffer.wrap(Files.readAllBytes(ICONS.resolve("onion-panel.ico"))).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0, ico.getShort(0), "reserved");
        assertEquals(1, ico.getShort(2), "type 1 = icon");
        int count = ico.getShort(4);
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int entry = 6 + 16 * i;
            int width = Byte.toUnsignedInt(ico.get(entry));
            int height = Byte.toUnsignedInt(ico.get(entry + 1));
            assertEquals(width, height);
            int bytes = ico.getInt(entry + 8);
            int offset = ico.getInt(entry + 12);
            assertTrue(offset + bytes <= ico.capacity(), "entry " + i + " inside the file");
            sizes.add(width == 0 ? 256 : width);
        }
        assertEquals(List.of(16, 24, 32, 48, 64, 128, 256), sizes);
    }

    @Test
    void macIconHoldsEveryTypeAsAPngOfItsSize() throws IOException {
        byte[] bytes = Files.readAllBytes(ICONS.resolve("onion-panel.icns"));
        ByteBuffer icns = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        assertEquals("icns", new String(bytes, 0, 4, StandardCharsets.US_ASCII));
        assertEquals(bytes.length, icns.getInt(4), "length in the header");
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("icp4", 16);
        expected.put("ic11", 32);
        expected.put("icp5", 32);
        expected.put("ic12", 64);
        expected.put("ic07", 128);
        expected.put("ic13", 256);
        expected.put("ic08", 256);
        expected.put("ic14", 512);
        expected.put("ic09", 512);
        expected.put("ic10", 1024);
        Map<String, Integer> found = new LinkedHashMap<>();
        int at = 8;
        while (at < bytes.length) {
            String type = new String(bytes, at, 4, StandardCharsets.US_ASCII);
            int length = icns.getInt(at + 4);
            byte[] png = Arrays.copyOfRange(bytes, at + 8, at + length);
            assertArrayEquals(new byte[]{(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4), type + " holds a PNG");
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            found.put(type, image.getWidth());
            at += length;
        }
        assertEquals(expected, found);
    }
}
