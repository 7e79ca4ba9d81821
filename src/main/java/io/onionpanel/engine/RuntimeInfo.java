package io.onionpanel.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.onionpanel.common.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * runtime.json: how other commands (probe, client, …) reach the running instance's tor. Present only
 * while an engine runs; a file left by a killed process is ignored because its pid is gone.
 */
public record RuntimeInfo(long pid, long torPid, String socks, String control, String startedAt) {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    public static final String FILE_NAME = "runtime.json";

    public void write(Path dataDir) throws IOException {
        AtomicFiles.writePrivate(dataDir.resolve(FILE_NAME), MAPPER.writeValueAsBytes(this));
    }

    public static void delete(Path dataDir) {
        try {
            Files.deleteIfExists(dataDir.resolve(FILE_NAME));
        } catch (IOException ignored) {
            // A stale file is harmless: readers check the pid.
        }
    }

    public static Optional<RuntimeInfo> read(Path dataDir) {
        try {
            RuntimeInfo info = MAPPER.readValue(dataDir.resolve(FILE_NAME).toFile(), RuntimeInfo.class);
            return ProcessHandle.of(info.pid()).filter(ProcessHandle::isAlive).map(p -> info);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
