package io.onionpanel.common;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.onionpanel.common.json.JsonCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * runtime.json, the running instance's note in its data folder: written and read here so that features below
 * the engine (backup's "the running panel switches within seconds") can ask whether an instance runs without
 * depending on the engine. The engine's {@code RuntimeInfo} record is the file's content and reads it through
 * this class. A file left by a killed process is ignored because its pid is gone.
 */
public final class RuntimeFile {
    public static final String FILE_NAME = "runtime.json";
    private static final JsonCodec MAPPER = JsonCodec.STANDARD;

    /** Only the pid: enough to tell whether the instance still runs, whatever else the file holds. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Pid(long pid) {
    }

    private RuntimeFile() {
    }

    public static void write(Path dataDir, Object content) throws IOException {
        AtomicFiles.writePrivate(dataDir.resolve(FILE_NAME), MAPPER.writeValueAsBytes(content));
    }

    public static void delete(Path dataDir) {
        try {
            Files.deleteIfExists(dataDir.resolve(FILE_NAME));
        } catch (IOException ignored) {
            // A stale file is harmless: readers check the pid.
        }
    }

    /** The file's content, while the process that wrote it (its {@code pid}) is alive. */
    public static <T> Optional<T> read(Path dataDir, Class<T> type, ToLongFunction<T> pid) {
        try {
            T info = MAPPER.readValue(dataDir.resolve(FILE_NAME), type);
            return ProcessHandle.of(pid.applyAsLong(info)).filter(ProcessHandle::isAlive).map(p -> info);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether an instance runs on this data folder (its runtime.json names a live process). */
    public static boolean instanceRunning(Path dataDir) {
        return read(dataDir, Pid.class, Pid::pid).isPresent();
    }
}
