package io.onionpanel.connection;

import java.util.Locale;
import java.util.Optional;

/** The kinds of bridge the panel can use: tor's plain bridges and the two pluggable transports it ships. */
public enum Transport {
    /** A plain bridge: an unlisted relay, no disguise (no transport binary). */
    PLAIN(null, null),
    OBFS4("obfs4", "obfs4proxy"),
    SNOWFLAKE("snowflake", "snowflake-client");

    private final String torName;
    private final String systemBinary;

    Transport(String torName, String systemBinary) {
        this.torName = torName;
        this.systemBinary = systemBinary;
    }

    /** The transport's name in torrc ("obfs4"); null for a plain bridge. */
    public String torName() {
        return torName;
    }

    /** Debian's package and command of the transport ("obfs4proxy", "snowflake-client"); null for plain. */
    public String systemBinary() {
        return systemBinary;
    }

    public boolean pluggable() {
        return torName != null;
    }

    /** The transport named in a bridge line or on the command line, ignoring case. */
    public static Optional<Transport> named(String name) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
        for (Transport t : values()) {
            if (t.torName != null && t.torName.equals(n)) {
                return Optional.of(t);
            }
        }
        return n.equals("plain") || n.equals("vanilla") ? Optional.of(PLAIN) : Optional.empty();
    }
}
