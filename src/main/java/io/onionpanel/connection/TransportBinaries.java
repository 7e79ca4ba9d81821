package io.onionpanel.connection;

import io.onionpanel.common.ValidationException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which obfs4proxy or snowflake client tor runs: the operator's choice, else the one shipped with the panel
 * (extracted and SHA-256-checked), else the system's (Debian's {@code obfs4proxy}, {@code snowflake-client}).
 */
public final class TransportBinaries {
    /** Where each comes from, for the operator: "chosen", "bundled" or "system". */
    public record Found(Transport transport, Path path, String origin) {
        public String describe() {
            return transport.torName() + ": " + origin + " " + path;
        }
    }

    /**
     * Extracts the transport shipped with the panel ({@code tor.BundledTransport}); empty when this build has none for
     * this machine. Passed in, so this package stays below {@code tor} (which reads the settings that hold it).
     */
    public interface Bundled {
        Optional<Path> extract(String name) throws Exception;
    }

    private final Bundled bundled;

    public TransportBinaries(Bundled bundled) {
        this.bundled = bundled;
    }

    /** Throws, saying what to install or choose, when there is no usable binary. */
    public Found find(Transport transport, ConnectionSettings settings) {
        String chosen = settings.transports().get(transport.torName());
        if (chosen != null) {
            Path p = Path.of(chosen);
            if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
                throw new ValidationException("The chosen " + transport.torName() + " binary " + p
                        + " is not an executable file");
            }
            return new Found(transport, p.toAbsolutePath(), "chosen");
        }
        try {
            Optional<Path> shipped = bundled.extract(bundledName(transport));
            if (shipped.isPresent()) {
                return new Found(transport, shipped.get(), "bundled");
            }
        } catch (Exception e) {
            throw new ValidationException("Cannot extract the bundled " + transport.torName() + ": " + e.getMessage());
        }
        return system(transport).map(p -> new Found(transport, p, "system")).orElseThrow(() -> new ValidationException(
                transport.torName() + " bridges need " + transport.systemBinary() + ", which this build does not ship"
                + " for this machine and which is not installed: install it (Debian: sudo apt-get install "
                + transport.systemBinary() + ") or choose its path in Settings → Connection"));
    }

    /** The name inside Briar's jars. */
    static String bundledName(Transport transport) {
        return transport == Transport.SNOWFLAKE ? "snowflake" : "obfs4proxy";
    }

    /** The system's binary on the PATH (or /usr/bin), if installed. */
    public static Optional<Path> system(Transport transport) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin";
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, transport.systemBinary());
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p.toAbsolutePath());
            }
        }
        return Optional.empty();
    }
}
