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
 * copy when it is written and whenever the copy or the shipped entry changed since (size, time, identity), so a
 * damaged or outdated copy is replaced.
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
            Optional<String> entry = entryStamp(resource);
            Path stampFile = target.resolveSibling(target.getFileName() + ".verified");
            if (entry.isPresent() && Files.isRegularFile(target) && Files.isExecutable(target)
                    && stamp(entry.get(), target).equals(readStamp(stampFile))) {
                return target; // checked by SHA-256 when it was written, and the file has not changed since
            }
            String shipped = sha256OfResource(resource);
            if (Files.isRegularFile(target) && shipped.equals(sha256(target)) && Files.isExecutable(target)) {
                writeStamp(stampFile, entry, target);
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
            writeStamp(stampFile, entry, target);
            return target;
        } catch (IOException e) {
            throw new TorException("Cannot extract the bundled tor to " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * The shipped entry as its jar describes it (CRC-32 and size from the jar's directory, read without
     * inflating anything); empty when tor is not in a jar (e.g. an exploded class path), which always hashes.
     */
    private static Optional<String> entryStamp(String resource) {
        try {
            java.net.URL url = BundledTor.class.getResource("/" + resource);
            if (url != null && url.openConnection() instanceof java.net.JarURLConnection jar) {
                jar.setUseCaches(true);
                java.util.jar.JarEntry e = jar.getJarEntry();
                if (e != null && e.getCrc() >= 0 && e.getSize() >= 0) {
                    return Optional.of(jar.getJarFileURL() + "!" + resource + " crc=" + Long.toHexString(e.getCrc())
                            + " size=" + e.getSize());
                }
            }
        } catch (IOException | RuntimeException e) {
            // Hash instead.
        }
        return Optional.empty();
    }

    /**
     * What must still hold for a copy checked earlier to count as checked: the same shipped entry, and the copy's
     * size, modification time and file identity unchanged since its SHA-256 matched. Hashing 6.6 MB twice at
     * every start (in a JVM whose compiler has not warmed up) took ~0.18 s on the path to tor's launch; a copy
     * that changes in any of these ways is hashed, and replaced if it differs.
     */
    private static String stamp(String entry, Path copy) throws IOException {
        var attrs = Files.readAttributes(copy, java.nio.file.attribute.BasicFileAttributes.class);
        return entry + " copy-size=" + attrs.size() + " copy-mtime=" + attrs.lastModifiedTime().toMillis()
                + " copy-id=" + attrs.fileKey();
    }

    private static String readStamp(Path stampFile) {
        try {
            return Files.readString(stampFile, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static void writeStamp(Path stampFile, Optional<String> entry, Path copy) throws IOException {
        if (entry.isPresent()) {
            io.onionpanel.common.AtomicFiles.writePrivate(stampFile, stamp(entry.get(), copy).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } else {
            Files.deleteIfExists(stampFile);
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
