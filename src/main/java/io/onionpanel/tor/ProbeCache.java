package io.onionpanel.tor;

import io.onionpanel.common.AtomicFiles;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * What each tor binary said of itself (version, modules), kept in the data folder and keyed by the binary's
 * path, size, modification time and file identity: the answers cannot change unless the file does, and asking
 * costs two process starts (~90 ms) on the way to every launch. An upgraded package changes the stamp.
 */
final class ProbeCache {
    private final Path file;
    private final Properties entries = new Properties();
    private boolean changed;

    ProbeCache(Path dataDir) {
        this.file = TorPaths.in(dataDir).root().resolve("probes.properties");
        try {
            if (Files.isRegularFile(file)) {
                entries.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
            }
        } catch (IOException | IllegalArgumentException e) {
            entries.clear(); // a damaged cache is only a lost shortcut
        }
    }

    Optional<TorBinary> read(Path binary, TorOrigin origin) {
        String key = key(binary);
        try {
            if (!stamp(binary).equals(entries.getProperty(key + ".stamp"))) {
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        String version = entries.getProperty(key + ".version");
        if (version == null) {
            return Optional.empty();
        }
        Map<String, Boolean> modules = new LinkedHashMap<>();
        String prefix = key + ".module.";
        for (String name : entries.stringPropertyNames()) {
            if (name.startsWith(prefix)) {
                modules.put(name.substring(prefix.length()), Boolean.parseBoolean(entries.getProperty(name)));
            }
        }
        return Optional.of(new TorBinary(binary, origin, version, Map.copyOf(modules)));
    }

    void remember(TorBinary tor) {
        String key = key(tor.path());
        try {
            String stamp = stamp(tor.path());
            if (stamp.equals(entries.getProperty(key + ".stamp"))) {
                return;
            }
            entries.stringPropertyNames().stream().filter(n -> n.startsWith(key + ".")).forEach(entries::remove);
            entries.setProperty(key + ".path", tor.path().toString());
            entries.setProperty(key + ".stamp", stamp);
            entries.setProperty(key + ".version", tor.version());
            tor.modules().forEach((name, on) -> entries.setProperty(key + ".module." + name, Boolean.toString(on)));
            changed = true;
        } catch (IOException e) {
            // The file vanished since it was probed: nothing worth keeping.
        }
    }

    /** Writes the cache if anything was learnt; callers do so only once a tor was accepted (a refusal writes nothing). */
    void save() {
        if (!changed) {
            return;
        }
        try {
            StringWriter text = new StringWriter();
            entries.store(text, "What each tor binary reported of itself; an entry is ignored once its binary changes");
            io.onionpanel.common.FilePermissions.createPrivateDirectories(file.getParent().getParent());
            io.onionpanel.common.FilePermissions.createPrivateDirectories(file.getParent());
            AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
            changed = false;
        } catch (IOException e) {
            // Only a lost shortcut: the next launch asks tor again.
        }
    }

    /** A digest of the path: property keys use '.' as this file's separator, and paths contain dots. */
    private static String key(Path binary) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(
                    binary.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            return "tor-" + java.util.HexFormat.of().formatHex(d, 0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String stamp(Path binary) throws IOException {
        BasicFileAttributes a = Files.readAttributes(binary, BasicFileAttributes.class);
        return a.size() + ":" + a.lastModifiedTime().toMillis() + ":" + a.fileKey();
    }
}
