package io.onionpanel.connection;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The torrc lines for a connection: {@code UseBridges 1}, one {@code Bridge} per bridge, one
 * {@code ClientTransportPlugin} per transport in use, and the proxy's lines. Everything is validated first, so bad
 * input stops here with a message and never reaches tor.
 */
public final class ConnectionTorrc {
    private ConnectionTorrc() {
    }

    /** The bridges the settings stand for (built-in ones from {@code builtin}). */
    public static List<BridgeLine> bridges(ConnectionSettings settings, BuiltinBridges builtin) {
        return switch (settings.mode()) {
            case ConnectionSettings.BUILTIN -> builtin.of(Transport.named(settings.builtin()).orElseThrow());
            case ConnectionSettings.CUSTOM -> BridgeLine.parseAll(settings.bridges());
            default -> List.of();
        };
    }

    public static List<String> lines(ConnectionSettings settings, BuiltinBridges builtin, TransportBinaries binaries) {
        settings.validated();
        if (settings.isDirect()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        lines.add("# Connection (Settings → Connection, or the CLI: tor bridges, tor proxy)");
        List<BridgeLine> bridges = bridges(settings, builtin);
        if (!bridges.isEmpty()) {
            lines.add("UseBridges 1");
            Set<Transport> transports = new LinkedHashSet<>();
            for (BridgeLine b : bridges) {
                lines.add("Bridge " + b.torrcValue());
                if (b.transport().pluggable()) {
                    transports.add(b.transport());
                }
            }
            for (Transport t : transports) {
                lines.add("ClientTransportPlugin " + t.torName() + " exec " + binaries.find(t, settings).path());
            }
        }
        if (settings.proxy() != null) {
            lines.addAll(settings.proxy().torrcLines());
        }
        return lines;
    }
}
