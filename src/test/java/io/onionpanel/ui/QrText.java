package io.onionpanel.ui;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import javafx.scene.image.Image;
import javafx.scene.image.WritablePixelFormat;

/** What a phone scanning a QR code on screen would read. */
public final class QrText {
    private QrText() {
    }

    public static String decode(Image image) throws Exception {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, WritablePixelFormat.getIntArgbInstance(), argb, 0, w);
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(w, h, argb)));
        return new QRCodeReader().decode(bitmap).getText();
    }
}
