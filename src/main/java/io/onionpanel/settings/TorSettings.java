package io.onionpanel.settings;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.onionpanel.connection.ConnectionSettings;
import java.util.List;

/**
 * How the panel runs tor.
 *
 * @param binary                  path of an operator-chosen tor, or null for the newest supported one found
 * @param extraTorrcLines         operator lines appended to the generated torrc (bridges, private networks)
 * @param bootstrapTimeoutSeconds how long tor may take to reach 100 % before the start counts as failed
 * @param publishTimeoutSeconds   how long a service may take to upload its descriptor before it is reported
 * @param fixedSocksPort          a second SOCKS port on 127.0.0.1 that does not move, for other programs (curl,
 *                                Routstr's TOR_PROXY_URL); 0 = none. The engine keeps its automatic port.
 * @param singleOnion             single-onion mode: services are not anonymous (one-hop circuits), tor has no SOCKS port
 * @param attach                  a running tor to attach to instead of launching one, or null
 * @param allowUnsupported        run a tor older than the supported minimum anyway (private test networks only)
 * @param connection              how tor reaches the network: direct, bridges, an upstream proxy (never null)
 */
public record TorSettings(String binary, List<String> extraTorrcLines, int bootstrapTimeoutSeconds,
                          int publishTimeoutSeconds, Integer fixedSocksPort,
                          @JsonInclude(JsonInclude.Include.NON_DEFAULT) Boolean singleOnion,
                          @JsonInclude(JsonInclude.Include.NON_NULL) AttachSettings attach,
                          @JsonInclude(JsonInclude.Include.NON_DEFAULT) Boolean allowUnsupported,
                          @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = ConnectionSettings.OmitWhenDirect.class)
                          ConnectionSettings connection) {
    public static final int DEFAULT_BOOTSTRAP_TIMEOUT = 180;
    public static final int DEFAULT_PUBLISH_TIMEOUT = 180;

    @JsonCreator
    public TorSettings {
        extraTorrcLines = extraTorrcLines == null ? List.of() : List.copyOf(extraTorrcLines);
        singleOnion = Boolean.TRUE.equals(singleOnion); // boxed: older settings.json files have no such field
        allowUnsupported = Boolean.TRUE.equals(allowUnsupported);
        connection = connection == null ? ConnectionSettings.NONE : connection;
        if (bootstrapTimeoutSeconds <= 0) {
            bootstrapTimeoutSeconds = DEFAULT_BOOTSTRAP_TIMEOUT;
        }
        if (publishTimeoutSeconds <= 0) {
            publishTimeoutSeconds = DEFAULT_PUBLISH_TIMEOUT;
        }
        // Integer, not int: settings.json files written before this field have no value for it, and the store
        // refuses a missing primitive. Never null after construction.
        if (fixedSocksPort == null || fixedSocksPort < 0 || fixedSocksPort > 65535) {
            fixedSocksPort = 0;
        }
    }

    /** Settings written before the fixed SOCKS port, single-onion mode and attach mode existed. */
    public TorSettings(String binary, List<String> extraTorrcLines, int bootstrapTimeoutSeconds, int publishTimeoutSeconds) {
        this(binary, extraTorrcLines, bootstrapTimeoutSeconds, publishTimeoutSeconds, 0, false, null, false, null);
    }

    public TorSettings(String binary, List<String> extraTorrcLines, int bootstrapTimeoutSeconds, int publishTimeoutSeconds,
                       Integer fixedSocksPort) {
        this(binary, extraTorrcLines, bootstrapTimeoutSeconds, publishTimeoutSeconds, fixedSocksPort, false, null, false, null);
    }

    public TorSettings(String binary, List<String> extraTorrcLines, int bootstrapTimeoutSeconds, int publishTimeoutSeconds,
                       Boolean singleOnion, AttachSettings attach) {
        this(binary, extraTorrcLines, bootstrapTimeoutSeconds, publishTimeoutSeconds, 0, singleOnion, attach, false, null);
    }

    public static TorSettings defaults() {
        return new TorSettings(null, List.of(), DEFAULT_BOOTSTRAP_TIMEOUT, DEFAULT_PUBLISH_TIMEOUT);
    }

    public TorSettings withBinary(String value) {
        return new TorSettings(value, extraTorrcLines, bootstrapTimeoutSeconds, publishTimeoutSeconds, fixedSocksPort, singleOnion, attach, allowUnsupported, connection);
    }

    public TorSettings withExtraTorrcLines(List<String> value) {
        return new TorSettings(binary, value, bootstrapTimeoutSeconds, publishTimeoutSeconds, fixedSocksPort, singleOnion, attach, allowUnsupported, connection);
    }

    public TorSettings withBootstrapTimeoutSeconds(int value) {
        return new TorSettings(binary, extraTorrcLines, value, publishTimeoutSeconds, fixedSocksPort, singleOnion, attach, allowUnsupported, connection);
    }

    public TorSettings withFixedSocksPort(int value) {
        return new TorSettings(binary, extraTorrcLines, bootstrapTimeoutSeconds, publishTimeoutSeconds, value, singleOnion, attach, allowUnsupported, connection);
    }

    public TorSettings withSingleOnion(boolean value) {
        return new TorSettings(binary, extraTorrcLines, bootstrapTimeoutSeconds, publishTimeoutSeconds, fixedSocksPort, value, attach, allowUnsupported, connection);
    }

    public TorSettings withAttach(AttachSettings value) {
        return new TorSettings(binary, extraTorrcLines, bootstrapTimeoutSeconds, publishTimeoutSeconds, fixedSocksPort, singleOnion, value, allowUnsupported, connection);
    }

    public TorSettings withAllowUnsupported(boolean value) {
        return new TorSettings(binary, extraTorrcLines, bootstrapTimeoutSeconds, publishTimeoutSeconds, fixedSocksPort, singleOnion, attach, value, connection);
    }

    public TorSettings withConnection(ConnectionSettings value) {
        return new TorSettings(binary, extraTorrcLines, bootstrapTimeoutSeconds, publishTimeoutSeconds, fixedSocksPort, singleOnion, attach, allowUnsupported, value);
    }
}
