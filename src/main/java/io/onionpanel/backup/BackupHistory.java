package io.onionpanel.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onionpanel.common.AtomicFiles;
import io.onionpanel.common.json.JsonCodec;
import io.onionpanel.onion.OnionAddress;
import io.onionpanel.onion.ServiceFolders;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.settings.SettingsStore;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * When each service's keys were last exported: {@code <data>/backups.json}, a JSON object keyed by onion address
 * (without ".onion"): {@code {"<address>": {"service": "<name>", "at": "<ISO-8601 instant>"}}}, with
 * {@code "restoredFrom": "<file name>"} when the keys came from that backup (made at "at"). Keyed by address,
 * not name, because a backup is of keys: a renamed service keeps its history, and a new service that takes an
 * old name does not inherit one. Files written before addresses were recorded ({@code "<name>": "<instant>"})
 * still read, by name. Kept apart from settings.json so the settings' shape does not change. Unreadable content
 * counts as "never backed up"; it is never a reason to fail.
 */
public final class BackupHistory {
    public static final String FILE_NAME = "backups.json";
    /** Prefix of entries in {@link #parse}'s map that come from the old by-name format. */
    static final String LEGACY = "name:";
    private static final String RESTORED_FROM = "restoredFrom";
    private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private BackupHistory() {
    }

    /** When the service's current keys were last exported, if ever. */
    public static Optional<Instant> lastBackup(Path dataDir, String serviceName) {
        String actualName;
        try {
            actualName = new SettingsStore(dataDir).load().service(serviceName).map(ServiceConfig::name).orElse(serviceName);
        } catch (RuntimeException e) {
            actualName = serviceName; // unreadable settings: the folder of the name as given
        }
        String onion = OnionAddress.readHostname(new ServiceFolders(dataDir).dir(actualName)).orElse(null);
        return lookup(all(dataDir), serviceName, onion);
    }

    /**
     * The last export of the service with this address (null when tor has not made its keys yet) in a map from
     * {@link #parse}; old by-name entries match names case-insensitively, as service names do.
     */
    public static Optional<Instant> lookup(Map<String, Instant> history, String serviceName, String onion) {
        if (onion != null) {
            Instant byAddress = history.get(OnionAddress.bare(onion));
            if (byAddress != null) {
                return Optional.of(byAddress);
            }
        }
        return history.entrySet().stream()
                .filter(e -> e.getKey().startsWith(LEGACY) && e.getKey().substring(LEGACY.length()).equalsIgnoreCase(serviceName))
                .map(Map.Entry::getValue).findFirst();
    }

    /** Every recorded export: by address, and old by-name entries under {@code "name:<name>"}. */
    public static Map<String, Instant> all(Path dataDir) {
        try {
            return parse(Files.readAllBytes(dataDir.resolve(FILE_NAME)));
        } catch (IOException e) {
            return Map.of();
        }
    }

    /** Records an export; the read-modify-write is locked against other processes on the same data folder. */
    public static void record(Path dataDir, String serviceName, String onion, Instant when) throws IOException {
        write(dataDir, serviceName, onion, when, null);
    }

    /**
     * Records that the keys were restored from {@code file}, a backup made at {@code made}: that file is a backup
     * of these keys, so the service is not "never backed up". The next export replaces the entry.
     */
    public static void recordRestore(Path dataDir, String serviceName, String onion, Instant made, String file)
            throws IOException {
        write(dataDir, serviceName, onion, made, file);
    }

    /** The file each address was last restored from (see {@link #recordRestore}), from a backups.json file's bytes. */
    public static Map<String, String> restores(byte[] bytes) {
        Map<String, String> out = new TreeMap<>();
        try {
            JsonNode tree = ServiceKeys.JSON.readTree(bytes);
            if (tree != null && tree.isObject()) {
                tree.fields().forEachRemaining(e -> {
                    if (e.getValue().isObject() && e.getValue().path(RESTORED_FROM).isTextual()) {
                        out.put(e.getKey(), e.getValue().path(RESTORED_FROM).asText());
                    }
                });
            }
        } catch (IOException e) {
            return Map.of();
        }
        return Collections.unmodifiableMap(out);
    }

    private static void write(Path dataDir, String serviceName, String onion, Instant when, String restoredFrom)
            throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        Path lockFile = dataDir.resolve(".backups.lock");
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(lockFile.toAbsolutePath().normalize(), p -> new ReentrantLock());
        jvmLock.lock();
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            ObjectNode out = JsonCodec.objectNode();
            try {
                JsonNode old = ServiceKeys.JSON.readTree(Files.readAllBytes(file));
                if (old != null && old.isObject()) {
                    out.setAll((ObjectNode) old);
                }
            } catch (NoSuchFileException e) {
                // First export.
            } catch (IOException e) {
                // A damaged file is replaced by what is known now; it held nothing readable.
            }
            // This export supersedes an old by-name entry of the same service.
            List<String> legacy = new ArrayList<>();
            out.fields().forEachRemaining(e -> {
                if (e.getValue().isTextual() && e.getKey().equalsIgnoreCase(serviceName)) {
                    legacy.add(e.getKey());
                }
            });
            out.remove(legacy);
            ObjectNode entry = out.putObject(OnionAddress.bare(onion)).put("service", serviceName).put("at", when.toString());
            if (restoredFrom != null) {
                entry.put(RESTORED_FROM, restoredFrom);
            }
            AtomicFiles.write(file, ServiceKeys.JSON.writePrettyBytes(out));
        } finally {
            jvmLock.unlock();
        }
    }

    /** The history held in a backups.json file's bytes (empty when they do not parse). */
    public static Map<String, Instant> parse(byte[] bytes) {
        Map<String, Instant> out = new TreeMap<>();
        try {
            JsonNode tree = ServiceKeys.JSON.readTree(bytes);
            if (tree == null || !tree.isObject()) {
                return Map.of();
            }
            tree.fields().forEachRemaining(e -> {
                try {
                    if (e.getValue().isObject()) {
                        out.put(e.getKey(), Instant.parse(e.getValue().path("at").asText()));
                    } else {
                        out.put(LEGACY + e.getKey(), Instant.parse(e.getValue().asText()));
                    }
                } catch (DateTimeParseException ignored) {
                    // One bad value does not hide the others.
                }
            });
        } catch (IOException e) {
            return Map.of();
        }
        return Collections.unmodifiableMap(out);
    }
}
