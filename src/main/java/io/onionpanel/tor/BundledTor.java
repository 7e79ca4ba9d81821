package io.onionpanel.tor;

import io.onionpanel.common.AtomicFiles;
import io.onionpanel.common.FilePermissions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.zip.GZIPInputStream;

/**
 * The tor shipped inside the Windows and macOS builds: kmp-tor-resource's GPL build (tor 0.4.9.x with the PoW
 * module), found only in that project's jar layout ({@link BundledTorLayout}). Linux builds ship no tor (the
 * distribution's is used), and Briar's obsolete {@code <arch>/tor} jars, which the tests keep on their class path,
 * are never taken for a bundled tor.
 * <p>
 * A jar entry cannot be executed, so tor and the library it loads are copied into the data folder, decompressed,
 * side by side. Each copy's SHA-256 is checked against the shipped content when it is written, and whenever the
 * copy or the shipped entry changed since (size, time, identity), so a damaged or outdated copy is replaced.
 */
public final class BundledTor {
    private static final BundledTor THIS_PLATFORM = new BundledTor(BundledTor.class.getClassLoader(),
            System.getProperty("os.name", ""), System.getProperty("os.arch", ""));

    private final ClassLoader loader;
    private final String platform;
    /** Tor first; empty when this build ships no tor for this OS and CPU (or only part of one). */
    private final List<BundledTorLayout.Entry> files;

    BundledTor(ClassLoader loader, String osName, String osArch) {
        this(loader, osName + "/" + osArch, BundledTorLayout.forPlatform(osName, osArch).orElse(List.of()));
    }

    /** Any shipped executable with its files ({@link BundledTransport} extracts the pluggable transports this way). */
    BundledTor(ClassLoader loader, String platform, List<BundledTorLayout.Entry> candidates) {
        this.loader = loader;
        this.platform = platform;
        this.files = candidates.stream().allMatch(e -> loader.getResource(e.resource()) != null) ? candidates : List.of();
    }

    /** The class-path entry of tor for this OS and CPU, if this build ships one. */
    public static Optional<String> resourceName() {
        return THIS_PLATFORM.torResource();
    }

    public static boolean isAvailable() {
        return THIS_PLATFORM.torResource().isPresent();
    }

    /** Copies the bundled tor (and its library) to {@code <data>/tor/bin/} (0700) unless identical copies are there. */
    public static Path extract(Path dataDir) throws TorException {
        return THIS_PLATFORM.install(dataDir);
    }

    Optional<String> torResource() {
        return files.isEmpty() ? Optional.empty() : Optional.of(files.get(0).resource());
    }

    Path install(Path dataDir) throws TorException {
        if (files.isEmpty()) {
            throw new TorException("This build has no bundled tor for " + platform + "; choose a tor binary with --tor PATH");
        }
        return installInto(dataDir, dataDir.resolve("tor").resolve("bin"));
    }

    /** Copies the files into {@code binDir} (below {@code dataDir}, all folders 0700); returns the first. */
    Path installInto(Path dataDir, Path binDir) throws TorException {
        if (files.isEmpty()) {
            throw new TorException("This build has nothing bundled for " + platform);
        }
        try {
            FilePermissions.createPrivateDirectories(dataDir);
            FilePermissions.createPrivateDirectories(binDir.getParent());
            FilePermissions.createPrivateDirectories(binDir);
        } catch (IOException e) {
            throw new TorException("Cannot create " + binDir + " for the bundled binaries: " + e.getMessage(), e);
        }
        for (BundledTorLayout.Entry file : files) {
            installFile(file, binDir.resolve(file.fileName()));
        }
        return binDir.resolve(files.get(0).fileName());
    }

    private void installFile(BundledTorLayout.Entry file, Path target) throws TorException {
        try {
            Optional<String> entry = entryStamp(file.resource());
            Path stampFile = target.resolveSibling(target.getFileName() + ".verified");
            if (entry.isPresent() && inPlace(file, target) && stamp(entry.get(), target).equals(readStamp(stampFile))) {
                return; // checked by SHA-256 when it was written, and the file has not changed since
            }
            String shipped = digest(open(file));
            if (inPlace(file, target) && shipped.equals(sha256(target))) {
                writeStamp(stampFile, entry, target);
                return;
            }
            writeChecked(file, target, shipped);
            writeStamp(stampFile, entry, target);
        } catch (IOException e) {
            throw new TorException("Cannot extract the bundled tor to " + target + ": " + e.getMessage(), e);
        }
    }

    private static boolean inPlace(BundledTorLayout.Entry file, Path target) {
        return Files.isRegularFile(target) && (!file.executable() || Files.isExecutable(target));
    }

    /** Temp file, fsync, SHA-256 of what reached the disk, atomic rename: tor never sees a partial or wrong copy. */
    private void writeChecked(BundledTorLayout.Entry file, Path target, String shipped) throws IOException, TorException {
        Path dir = target.getParent();
        Path temp = Files.createTempFile(dir, "." + file.fileName() + ".", ".tmp");
        try {
            try (InputStream in = open(file); FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                in.transferTo(Channels.newOutputStream(out));
                out.force(true);
            }
            if (!shipped.equals(sha256(temp))) {
                throw new TorException("The extracted " + file.fileName() + " does not match the bundled one (disk full or damaged?)");
            }
            if (file.executable() && !temp.toFile().setExecutable(true, true)) {
                throw new TorException("Cannot make " + temp + " executable");
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            AtomicFiles.syncDirectory(dir);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * The shipped entry as its jar describes it (CRC-32 and size from the jar's directory, read without
     * inflating anything); empty when tor is not in a jar (e.g. an exploded class path), which always hashes.
     */
    private Optional<String> entryStamp(String resource) {
        try {
            URL url = loader.getResource(resource);
            if (url != null && url.openConnection() instanceof JarURLConnection jar) {
                jar.setUseCaches(true);
                JarEntry e = jar.getJarEntry();
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
     * size, modification time and file identity unchanged since its SHA-256 matched. Hashing tor at every start
     * (in a JVM whose compiler has not warmed up) cost ~0.18 s on the path to tor's launch; a copy that changes
     * in any of these ways is hashed, and replaced if it differs.
     */
    private static String stamp(String entry, Path copy) throws IOException {
        var attrs = Files.readAttributes(copy, BasicFileAttributes.class);
        return entry + " copy-size=" + attrs.size() + " copy-mtime=" + attrs.lastModifiedTime().toMillis()
                + " copy-id=" + attrs.fileKey();
    }

    private static String readStamp(Path stampFile) {
        try {
            return Files.readString(stampFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static void writeStamp(Path stampFile, Optional<String> entry, Path copy) throws IOException {
        if (entry.isPresent()) {
            AtomicFiles.writePrivate(stampFile, stamp(entry.get(), copy).getBytes(StandardCharsets.UTF_8));
        } else {
            Files.deleteIfExists(stampFile);
        }
    }

    /** The shipped content as tor will see it: gunzipped when the jar gzips it (the gzip trailer's CRC is checked too). */
    private InputStream open(BundledTorLayout.Entry file) throws IOException {
        InputStream in = loader.getResourceAsStream(file.resource());
        if (in == null) {
            throw new IOException("resource " + file.resource() + " vanished");
        }
        if (!file.gzipped()) {
            return in;
        }
        try {
            return new GZIPInputStream(in, 64 * 1024);
        } catch (IOException e) {
            in.close();
            throw e;
        }
    }

    static String sha256(Path file) throws IOException {
        return digest(Files.newInputStream(file));
    }

    /** Reads {@code in} to its end and closes it. */
    private static String digest(InputStream in) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (DigestInputStream d = new DigestInputStream(in, sha)) {
                d.transferTo(OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            in.close();
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
