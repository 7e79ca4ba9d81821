package io.onionpanel.tor;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The pluggable transports shipped with the panel: Briar's builds on Maven Central
 * ({@code org.briarproject:obfs4proxy-linux|windows:0.0.14-tor2}, {@code snowflake-linux|windows:2.5.1}), whose jars
 * hold {@code <arch>/obfs4proxy} and {@code <arch>/snowflake} (Linux: x86_64, aarch64, armhf; Windows: x86_64,
 * with ".exe"). Extracted to {@code <data>/tor/pt/} and checked by SHA-256 exactly as the bundled tor is.
 */
public final class BundledTransport {
    private BundledTransport() {
    }

    /** The jar entry for this OS and CPU; empty where Briar publishes no build (macOS, 32-bit x86). */
    static Optional<BundledTorLayout.Entry> entry(String name, String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            case "arm", "armv7l", "armhf" -> "armhf";
            default -> "";
        };
        if (os.startsWith("linux") && !arch.isEmpty()) {
            return Optional.of(new BundledTorLayout.Entry(arch + "/" + name, name, false, true));
        }
        if (os.startsWith("windows") && arch.equals("x86_64")) {
            return Optional.of(new BundledTorLayout.Entry(arch + "/" + name + ".exe", name + ".exe", false, true));
        }
        return Optional.empty();
    }

    /**
     * Extracts the shipped {@code name} ("obfs4proxy" or "snowflake") for this machine; empty when this build has
     * none for it (the system's is used then).
     */
    public static Optional<Path> extract(String name, Path dataDir) throws TorException {
        return extract(BundledTransport.class.getClassLoader(), name, dataDir, System.getProperty("os.name", ""),
                System.getProperty("os.arch", ""));
    }

    static Optional<Path> extract(ClassLoader loader, String name, Path dataDir, String osName, String osArch)
            throws TorException {
        Optional<BundledTorLayout.Entry> entry = entry(name, osName, osArch);
        if (entry.isEmpty() || loader.getResource(entry.get().resource()) == null) {
            return Optional.empty();
        }
        BundledTor shipped = new BundledTor(loader, osName + "/" + osArch, List.of(entry.get()));
        return Optional.of(shipped.installInto(dataDir, dataDir.resolve("tor").resolve("pt")));
    }
}
