package io.onionpanel.cli;

import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.onionpanel.common.QrMatrix;

/** A QR code as text for a terminal: two rows of modules per line with half blocks, dark on a light quiet zone. */
final class TerminalQr {
    private TerminalQr() {
    }

    static String render(String text) {
        BitMatrix m = QrMatrix.encode(text, ErrorCorrectionLevel.L, 2, 0);
        StringBuilder b = new StringBuilder();
        for (int y = 0; y < m.getHeight(); y += 2) {
            for (int x = 0; x < m.getWidth(); x++) {
                boolean top = m.get(x, y);
                boolean bottom = y + 1 < m.getHeight() && m.get(x, y + 1);
                // Light modules are drawn (terminals are mostly dark): a full block is two light modules.
                b.append(!top && !bottom ? '█' : !top ? '▀' : !bottom ? '▄' : ' ');
            }
            b.append('\n');
        }
        return b.toString();
    }
}
