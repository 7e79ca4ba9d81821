package io.onionpanel.connection;

import io.onionpanel.common.QrImage;
import io.onionpanel.common.ValidationException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Bridge lines from a QR code image, as bridges.torproject.org and Tor Browser show them: the code holds either
 * plain lines or a list written like {@code ['obfs4 …', 'obfs4 …']}. Each line is then validated as if pasted.
 */
public final class BridgeQr {
    private BridgeQr() {
    }

    public static List<String> read(Path image) {
        String text = QrImage.text(image);
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
