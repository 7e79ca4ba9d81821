package io.onionpanel.tor;

import io.onionpanel.common.FilePermissions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * The tor shipped inside the app (Briar's tor-linux / tor-windows jars on the class path). It is copied
 * into the data folder because a jar entry cannot be executed; its SHA-256 is checked against the shipped
 * copy at every start so a damaged or outdated copy is replaced.
 */
public final class BundledTor {
    /** Checks started ahead of need, each used by the next {@link #extract} of its folder, once. */
    private static final ConcurrentHashMap<Path, CompletableFuture<Path>> AHEAD = new ConcurrentHashMap<>();

    private BundledTor() {
    }

    /**
     * Starts checking (and if needed extracting) the copy in {@code dataDir} on a background thread, so the two
     * SHA-256 passes overlap the JVM's own start instead of delaying tor's launch. Tor is still never run
     * before its copy is checked: {@link #extract} waits for this result.
     */
    public static void extractAhead(Path dataDir) {
        if (!isAvailable()) {
            return;
        }
        Path key = dataDir.toAbsolutePath().normalize();
        AHEAD.computeIfAbsent(key, k -> CompletableFuture.supplyAsync(() -> {
            try {
                Path binary = extractNow(k);
                TorBinary.probe(binary, true); // fills the probe cache the launch reads
                return binary;
            } catch (TorException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, runnable -> {
            Thread t = new Thread(runnable, "tor-check");
            t.setDaemon(true);
            t.start();
        }));
    }

    /** The class-path entry for this OS and CPU, if this build ships one. */
    public static Optional<String> resourceName() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String dir = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            case "arm", "armv7l", "armhf" -> "armhf";
            default -> null;
        };
        if (dir == null) {
            return Optional.empty();
        }
        String name = os.startsWith("windows") ? dir + "/tor.exe" : dir + "/tor";
        return BundledTor.class.getResource("/" + name) == null ? Optional.empty() : Optional.of(name);
    }

    public static boolean isAvailable() {
        return resourceName().isPresent();
    }

    /** Copies the bundled tor to {@code <data>/tor/bin/} (0700) unless an identical copy is already there. */
    public static Path extract(Path dataDir) throws TorException {
        CompletableFuture<Path> ahead = AHEAD.remove(dataDir.toAbsolutePath().normalize());
        if (ahead != null) {
            try {
                return ahead.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TorException("Interrupted while checking the bundled tor", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TorException te) {
                    throw te;
                }
                throw new TorException("Cannot check the bundled tor: " + e.getCause(), e.getCause());
            }
        }
        return extractNow(dataDir);
    }

    private static Path extractNow(Path dataDir) throws TorException {
        String resource = resourceName().orElseThrow(() -> new TorException("This build has no bundled tor for "
                + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + "; choose a tor binary with --tor PATH"));
        Path binDir = dataDir.resolve("tor").resolve("bin");
        Path target = binDir.resolve(resource.substring(resource.indexOf('/') + 1));
        try {
            FilePermissions.createPrivateDirectories(dataDir);
            FilePermissions.createPrivateDirectories(dataDir.resolve("tor"));
            FilePermissions.createPrivateDirectories(binDir);
            String shipped = sha256OfResource(resource);
            if (Files.isRegularFile(target) && shipped.equals(sha256(target)) && Files.isExecutable(target)) {
                return target;
            }
            Path temp = Files.createTempFile(binDir, ".tor", ".tmp");
            try {
                try (InputStream in = open(resource); OutputStream out = Files.newOutputStream(temp)) {
                    in.transferTo(out);
                }
                if (!shipped.equals(sha256(temp))) {
                    throw new TorException("The extracted tor does not match the bundled one (disk full or damaged?)");
                }
                if (!temp.toFile().setExecutable(true, true)) {
                    throw new TorException("Cannot make " + temp + " executable");
                }
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
            return target;
        } catch (IOException e) {
            throw new TorException("Cannot extract the bundled tor to " + target + ": " + e.getMessage(), e);
        }
    }

    private static InputStream open(String resource) throws IOException {
        InputStream in = BundledTor.class.getResourceAsStream("/" + resource);
        if (in == null) {
            throw new IOException("resource " + resource + " vanished");
        }
        return in;
    }

    private static String sha256OfResource(String resource) throws IOException {
        try (InputStream in = open(resource)) {
            return digest(in);
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return digest(in);
        }
    }

    private static String digest(InputStream in) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (DigestInputStream d = new DigestInputStream(in, sha)) {
                d.transferTo(OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
