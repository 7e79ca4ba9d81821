package io.onionpanel.common;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.EncodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.EnumMap;
import java.util.Map;

/**
 * A QR code as pixels that ZXing's own reader reads back. ZXing picks the mask with the lowest penalty score, and for
 * about 1 in 125 onion URLs its reader then cannot read the perfect picture of that code (a ChecksumException or
 * NotFoundException, at any size or quiet zone); scanners built on ZXing, and this panel's "read a QR image", would
 * fail on it. Such a code is made again with the first mask whose picture reads back (one always did, in thousands
 * of random addresses).
 */
public final class QrMatrix {
    /** Pixels per module when checking a code drawn one character per module (the terminal's). */
    private static final int CHECK_SCALE = 4;

    private QrMatrix() {
    }

    /**
     * @param size the side in pixels: the modules are scaled to exactly this by nearest neighbour (a blurred or padded
     *             code scans badly); 0 for one pixel per module
     */
    public static BitMatrix encode(String text, ErrorCorrectionLevel level, int margin, int size) {
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.ERROR_CORRECTION, level);
        hints.put(EncodeHintType.MARGIN, margin);
        BitMatrix zxingsChoice = null;
        for (int mask = -1; mask < 8; mask++) {
            if (mask >= 0) {
                hints.put(EncodeHintType.QR_MASK_PATTERN, mask);
            }
            BitMatrix pixels = scale(modules(text, hints), size);
            if (readsBack(text, size == 0 ? scale(pixels, pixels.getWidth() * CHECK_SCALE) : pixels)) {
                return pixels;
            }
            zxingsChoice = zxingsChoice == null ? pixels : zxingsChoice;
        }
        return zxingsChoice;
    }

    static BitMatrix modules(String text, Map<EncodeHintType, Object> hints) {
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, hints);
        } catch (WriterException e) {
            throw new IllegalArgumentException("Text too long for a QR code", e);
        }
    }

    static BitMatrix scale(BitMatrix modules, int size) {
        if (size == 0) {
            return modules;
        }
        int n = modules.getWidth();
        BitMatrix out = new BitMatrix(size);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                if (modules.get(x * n / size, y * n / size)) {
                    out.set(x, y);
                }
            }
        }
        return out;
    }

    /** As a scanner reads a screenshot: the reader looks for the code in the picture (no hint that it is a pure code). */
    static boolean readsBack(String text, BitMatrix picture) {
        int w = picture.getWidth();
        int h = picture.getHeight();
        int[] pixels = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                pixels[y * w + x] = picture.get(x, y) ? 0xFF000000 : 0xFFFFFFFF;
            }
        }
        try {
            return text.equals(new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                    new RGBLuminanceSource(w, h, pixels)))).getText());
        } catch (ReaderException e) {
            return false;
        }
    }
}
