package io.onionpanel.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onionpanel.common.AtomicFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * When each service was last exported: {@code <data>/backups.json}, a JSON object of service name → ISO-8601
 * instant. Kept apart from settings.json so the settings' shape does not change. Unreadable content counts
 * as "never backed up"; it is never a reason to fail.
 */
public final class BackupHistory {
    public static final String FILE_NAME = "backups.json";
    private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private BackupHistory() {
    }

    /** When the service was last exported, if ever (names compare case-insensitively, as service names do). */
    public static Optional<Instant> lastBackup(Path dataDir, String serviceName) {
        Map<String, Instant> all = all(dataDir);
        Instant exact = all.get(serviceName);
        if (exact != null) {
            return Optional.of(exact);
        }
        return all.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(serviceName))
                .map(Map.Entry::getValue).findFirst();
    }

    /** Every recorded service and its last export. */
    public static Map<String, Instant> all(Path dataDir) {
        try {
            return parse(Files.readAllBytes(dataDir.resolve(FILE_NAME)));
        } catch (IOException e) {
            return Map.of();
        }
    }

    /** Records an export; the read-modify-write is locked against other processes on the same data folder. */
    public static void record(Path dataDir, String serviceName, Instant when) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        Path lockFile = dataDir.resolve(".backups.lock");
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(lockFile.toAbsolutePath().normalize(), p -> new ReentrantLock());
        jvmLock.lock();
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            Map<String, Instant> all = new TreeMap<>();
            try {
                all.putAll(parse(Files.readAllBytes(file)));
            } catch (NoSuchFileException e) {
                // First export.
            }
            all.keySet().removeIf(k -> k.equalsIgnoreCase(serviceName));
            all.put(serviceName, when);
            ObjectNode out = ServiceKeys.JSON.createObjectNode();
            all.forEach((k, v) -> out.put(k, v.toString()));
            AtomicFiles.write(file, ServiceKeys.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(out));
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
                    out.put(e.getKey(), Instant.parse(e.getValue().asText()));
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
