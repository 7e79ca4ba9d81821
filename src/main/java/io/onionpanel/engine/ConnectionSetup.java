package io.onionpanel.engine;

import io.onionpanel.connection.BuiltinBridges;
import io.onionpanel.connection.ConnectionSettings;
import io.onionpanel.connection.ConnectionTorrc;
import io.onionpanel.connection.TransportBinaries;
import io.onionpanel.tor.BundledTransport;
import java.nio.file.Path;
import java.util.List;

/**
 * The connection's parts for one data folder: the transports (shipped ones extracted there, else the system's) and
 * the torrc lines. Here, above both {@code tor} and {@code connection}, so neither needs the other.
 */
public final class ConnectionSetup {
    private ConnectionSetup() {
    }

    public static TransportBinaries binaries(Path dataDir) {
        return new TransportBinaries(name -> BundledTransport.extract(name, dataDir));
    }

    /** The torrc lines for {@code settings} (validated; throws ValidationException with the reason). */
    public static List<String> torrcLines(ConnectionSettings settings, Path dataDir) {
        return ConnectionTorrc.lines(settings, BuiltinBridges.load(dataDir), binaries(dataDir));
    }
}
