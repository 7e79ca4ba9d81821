package io.onionpanel.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.onionpanel.common.AtomicFiles;
import io.onionpanel.common.json.JsonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * settings.json in the data folder. Every change is a read-modify-write under an exclusive file lock, so a
 * CLI and a running panel on the same folder never lose each other's edits; writes are atomic and keep the
 * previous version as settings.json.bak. A file that does not parse is reported and left untouched.
 */
public final class SettingsStore {
    public static final String FILE_NAME = "settings.json";
    // FileLock is per JVM, not per thread: a second lock attempt from this JVM would throw, so serialise here first.
    private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final Path file;
    private final Path backup;
    private final Path lockFile;
    // Refuses an unknown field (a typing error in a file operators may edit by hand) and a missing or null number or
    // boolean, as ObjectMapper with FAIL_ON_UNKNOWN_PROPERTIES and FAIL_ON_NULL_FOR_PRIMITIVES did.
    private static final JsonCodec MAPPER = JsonCodec.STANDARD.failOnUnknownProperties(true).failOnNullForPrimitives(true);

    public SettingsStore(Path dataDir) {
        this.file = dataDir.resolve(FILE_NAME);
        this.backup = dataDir.resolve(FILE_NAME + ".bak");
        this.lockFile = dataDir.resolve(".settings.lock");
    }

    /**
     * Reads every settings type's shape now (its components and annotations, by reflection) and loads the JSON
     * classes, by a round trip of the defaults: time a cold JVM spends beside picocli's parsing instead of between
     * {@code run} and tor's launch.
     */
    public static void warmUp() {
        try {
            MAPPER.treeToValue(MAPPER.readTree(MAPPER.writeValueAsBytes(Settings.defaults())), Settings.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path file() {
        return file;
    }

    /** The current settings, or the defaults when no file exists yet. */
    public Settings load() {
        return parse(readBytes());
    }

    /** The raw bytes on disk (empty when there is no file), for cheap change detection. */
    public byte[] readBytes() {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new byte[0];
        } catch (IOException e) {
            throw new SettingsException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public Settings parse(byte[] bytes) {
        if (bytes.length == 0) {
            return Settings.defaults();
        }
        try {
            JsonNode tree = MAPPER.readTree(bytes);
            int version = tree.path("schemaVersion").asInt(-1);
            if (version > Settings.SCHEMA_VERSION) {
                throw new SettingsException(file + " was written by a newer Onion Panel (schema " + version
                        + "); this version understands schema " + Settings.SCHEMA_VERSION + ". It was left unchanged.");
            }
            if (version < 1) {
                throw new SettingsException(file + " has no valid schemaVersion. It was left unchanged; fix it or"
                        + " restore " + backup.getFileName() + ".");
            }
            return MAPPER.treeToValue(tree, Settings.class);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            throw new SettingsException(file + " is corrupt" + where + ": " + e.getOriginalMessage()
                    + ". It was left unchanged; fix it or restore " + backup.getFileName() + ".", e);
        } catch (IOException e) {
            throw new SettingsException("Cannot parse " + file + ": " + e.getMessage(), e);
        }
    }

    public byte[] serialize(Settings settings) {
        try {
            return MAPPER.writePrettyBytes(settings);
        } catch (IllegalArgumentException e) {
            throw new SettingsException("Cannot serialise settings: " + e.getMessage(), e);
        }
    }

    /**
     * Applies {@code change} to the settings on disk. If the change throws, or changes nothing, the file is
     * not touched.
     */
    public Settings update(UnaryOperator<Settings> change) {
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(lockFile.toAbsolutePath().normalize(), p -> new ReentrantLock());
        jvmLock.lock();
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                removeTempFilesOfKilledWriters();
                byte[] before = readBytes();
                Settings current = parse(before);
                Settings next = change.apply(current);
                byte[] after = serialize(next);
                if (Arrays.equals(before, after)) {
                    return next;
                }
                // Owner-only: the file can hold bridge lines and an upstream proxy's password (Settings → Connection).
                if (before.length > 0) {
                    AtomicFiles.writePrivate(backup, before);
                }
                AtomicFiles.writePrivate(file, after);
                return next;
            }
        } catch (IOException e) {
            throw new SettingsException("Cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            jvmLock.unlock();
        }
    }

    /**
     * A writer killed mid-save (SIGKILL, power loss) leaves its temp file behind; settings.json itself is whole
     * (the temp file is renamed over it only when complete). Called under the file lock, when no other writer
     * can have a temp file of its own in flight.
     */
    private void removeTempFilesOfKilledWriters() {
        String prefix = "." + file.getFileName() + ".";
        try (var entries = Files.newDirectoryStream(file.getParent(), f -> {
            String n = f.getFileName().toString();
            return n.startsWith(prefix) && n.endsWith(".tmp");
        })) {
            for (Path f : entries) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            // Only clutter: the next save tries again.
        }
    }
}
