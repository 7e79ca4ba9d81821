package io.onionpanel.connection;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.onionpanel.common.ValidationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the panel's tor reaches the Tor network: directly, through tor's built-in bridges, through the operator's own
 * bridge lines, and optionally through an upstream proxy. Bridge lines and the proxy password are secrets: they live
 * in settings.json and the torrc (both owner-only) and nowhere else.
 *
 * @param mode       {@link #DIRECT}, {@link #BUILTIN} or {@link #CUSTOM}
 * @param builtin    the built-in transport ({@code obfs4} or {@code snowflake}) when mode is builtin
 * @param bridges    the operator's bridge lines when mode is custom
 * @param proxy      an upstream proxy, or null
 * @param transports per transport ("obfs4", "snowflake"), a chosen binary; missing = automatic (bundled, else system)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ConnectionSettings(String mode, String builtin, List<String> bridges, UpstreamProxy proxy,
                                 Map<String, String> transports) {
    public static final String DIRECT = "direct";
    public static final String BUILTIN = "builtin";
    public static final String CUSTOM = "custom";
    public static final ConnectionSettings NONE = new ConnectionSettings(DIRECT, null, List.of(), null, Map.of());

    public ConnectionSettings {
        mode = mode == null ? DIRECT : mode;
        bridges = bridges == null ? List.of() : List.copyOf(bridges);
        transports = transports == null ? Map.of() : Map.copyOf(transports);
    }

    /** True when tor connects as it always did: no bridges, no proxy. */
    @JsonIgnore
    public boolean isDirect() {
        return mode.equals(DIRECT) && proxy == null;
    }

    @JsonIgnore
    public boolean usesBridges() {
        return !mode.equals(DIRECT);
    }

    /** Checks everything tor would be given; throws naming the first problem (never quoting a bridge line). */
    public ConnectionSettings validated() {
        switch (mode) {
            case DIRECT -> { }
            case BUILTIN -> {
                Transport t = Transport.named(builtin).filter(Transport::pluggable).orElse(null);
                if (t == null) {
                    throw new ValidationException("Built-in bridges are obfs4 or snowflake, not '" + builtin + "'");
                }
            }
            case CUSTOM -> {
                if (BridgeLine.parseAll(bridges).isEmpty()) {
                    throw new ValidationException("Custom bridges need at least one bridge line");
                }
            }
            default -> throw new ValidationException("Connection mode must be direct, builtin or custom, not '" + mode + "'");
        }
        if (proxy != null) {
            proxy.validated();
        }
        for (Map.Entry<String, String> e : transports.entrySet()) {
            if (Transport.named(e.getKey()).filter(Transport::pluggable).isEmpty()) {
                throw new ValidationException("Unknown transport '" + e.getKey() + "'");
            }
            io.onionpanel.common.SafeText.requireSafe("Transport binary", e.getValue());
        }
        return this;
    }

    public static ConnectionSettings direct(UpstreamProxy proxy) {
        return new ConnectionSettings(DIRECT, null, List.of(), proxy, Map.of());
    }

    public ConnectionSettings withBuiltin(String transport) {
        return new ConnectionSettings(BUILTIN, transport, List.of(), proxy, transports);
    }

    public ConnectionSettings withBridges(List<String> lines) {
        return new ConnectionSettings(CUSTOM, null, lines, proxy, transports);
    }

    public ConnectionSettings withoutBridges() {
        return new ConnectionSettings(DIRECT, null, List.of(), proxy, transports);
    }

    public ConnectionSettings withProxy(UpstreamProxy value) {
        return new ConnectionSettings(mode, builtin, bridges, value, transports);
    }

    /** {@code path} null = automatic. */
    public ConnectionSettings withTransportBinary(Transport transport, String path) {
        Map<String, String> next = new LinkedHashMap<>(transports);
        if (path == null) {
            next.remove(transport.torName());
        } else {
            next.put(transport.torName(), path);
        }
        return new ConnectionSettings(mode, builtin, bridges, proxy, next);
    }

    /** "direct", "built-in obfs4 bridges", "2 custom bridges", each "+ SOCKS5 proxy host:port": no secret. */
    @JsonIgnore
    public String describe() {
        String base = switch (mode) {
            case BUILTIN -> "built-in " + builtin + " bridges";
            case CUSTOM -> bridges.stream().filter(l -> !l.isBlank() && !l.strip().startsWith("#")).count() + " custom bridge(s)";
            default -> "direct";
        };
        return proxy == null ? base : base + " through a " + proxy.describe();
    }

    @Override
    public String toString() {
        return describe();
    }

    /** Jackson's filter for {@code @JsonInclude(CUSTOM)}: settings.json stays as it was for a direct connection. */
    public static final class OmitWhenDirect {
        @Override
        public boolean equals(Object value) {
            return value == null || NONE.equals(value);
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }
}
