package io.onionpanel.tor;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tor version as tor prints it ({@code 0.4.9.11}, {@code 0.4.8.13-dev}, {@code 0.4.9.2-alpha}, and
 * {@code 0.4.7.13 (git-7c1601fb6edd780f)} from {@code GETINFO version}), ordered by its four numbers; the status
 * tag is kept for display only: a feature is in every release of the version that added it. Used to compare against the supported minimum, never
 * to guess what the network thinks of a version: tor tells that itself ({@link NetworkVersionStatus}).
 */
public record TorVersion(int major, int minor, int micro, int patch, String tag) implements Comparable<TorVersion> {
    private static final Pattern FORM = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)(?:\\.(\\d+))?(?:-([A-Za-z0-9.-]+))?(?:\\s.*)?");

    public TorVersion(int major, int minor, int micro, int patch) {
        this(major, minor, micro, patch, "");
    }

    public static Optional<TorVersion> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new TorVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), m.group(4) == null ? 0 : Integer.parseInt(m.group(4)),
                    m.group(5) == null ? "" : m.group(5)));
        } catch (NumberFormatException e) {
            return Optional.empty(); // a number too long for an int is no tor version
        }
    }

    /** The release series, e.g. 0.4.9: the unit the Tor Project supports and retires. */
    public String series() {
        return major + "." + minor + "." + micro;
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
        return series() + "." + patch + (tag.isEmpty() ? "" : "-" + tag);
    }
}
