package io.onionpanel.tor;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * tor's four-part version number, read from what tor says ({@code 0.4.9.11}, {@code 0.4.9.2-alpha},
 * {@code 0.4.7.13 (git-7c1601fb6edd780f)} from {@code GETINFO version}), to tell what a tor takes before asking it.
 * The status tag (alpha, rc) is ignored: a feature is in every release of the version that added it.
 */
public record TorVersion(int major, int minor, int micro, int patch) implements Comparable<TorVersion> {
    private static final Pattern NUMBERS = Pattern.compile("^\\s*(\\d+)\\.(\\d+)\\.(\\d+)\\.(\\d+)");

    public static Optional<TorVersion> parse(String text) {
        Matcher m = NUMBERS.matcher(text == null ? "" : text);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new TorVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4))));
        } catch (NumberFormatException e) {
            return Optional.empty(); // more digits than an int: not a version tor prints
        }
    }

    public boolean atLeast(TorVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(TorVersion o) {
        int c = Integer.compare(major, o.major);
        c = c != 0 ? c : Integer.compare(minor, o.minor);
        c = c != 0 ? c : Integer.compare(micro, o.micro);
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + micro + "." + patch;
    }
}
