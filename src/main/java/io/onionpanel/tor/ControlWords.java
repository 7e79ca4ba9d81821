package io.onionpanel.tor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Splits control-port replies into words, honouring quoted strings with backslash escapes (control-spec 2.1). */
public final class ControlWords {
    private ControlWords() {
    }

    public static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '\\' && i + 1 < text.length()) {
                    word.append(text.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                } else {
                    word.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ' ') {
                if (word.length() > 0) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(c);
            }
        }
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }

    /** The KEY=VALUE words among {@code words}, in order. */
    public static Map<String, String> keywords(List<String> words) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String w : words) {
            int eq = w.indexOf('=');
            if (eq > 0) {
                map.put(w.substring(0, eq), w.substring(eq + 1));
            }
        }
        return map;
    }

    /** Quotes a value for a control command; the value has passed {@code SafeText} so it holds no quote or line break. */
    public static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\") + "\"";
    }

    /** Removes the quotes of a quoted GETINFO value such as {@code "127.0.0.1:9050"}. */
    public static String unquote(String value) {
        List<String> words = split(value.trim());
        return words.isEmpty() ? "" : words.get(0);
    }
}
