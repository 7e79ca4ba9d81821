package io.onionpanel.engine;

import io.onionpanel.common.RuntimeFile;
import io.onionpanel.tor.TorHandle;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import org.slf4j.LoggerFactory;
import java.nio.file.Path;
import java.util.Optional;

/**
 * runtime.json: how other commands (probe, client, …) reach the running instance's tor. Present only
 * while an engine runs; a file left by a killed process is ignored because its pid is gone. The file
 * itself is handled by {@link RuntimeFile} (common), which features below the engine can also ask.
 */
public record RuntimeInfo(long pid, long torPid, String socks, String control, String startedAt) {
    public static final String FILE_NAME = RuntimeFile.FILE_NAME;

    public void write(Path dataDir) throws IOException {
        RuntimeFile.write(dataDir, this);
    }

    /**
     * Records the tor just launched (best effort: without the file, other commands cannot find this tor's SOCKS port,
     * but the panel itself runs on).
     */
    static void record(Path dataDir, TorHandle tor, InetSocketAddress socks) {
        try {
            new RuntimeInfo(ProcessHandle.current().pid(), tor.pid(), socks == null ? null : socks.getHostString() + ":" + socks.getPort(),
                    tor.controlEndpoint(), Instant.now().toString()).write(dataDir);
        } catch (IOException e) {
            LoggerFactory.getLogger(RuntimeInfo.class).warn("Could not write {}: {}", FILE_NAME, e.toString());
        }
    }

    /** The SOCKS port as an address (unresolved: the file holds a literal loopback address); empty while there is none. */
    public Optional<InetSocketAddress> socksAddress() {
        return hostPort(socks);
    }

    /**
     * "host:port" as this file and the engine's {@code socks} answer write an address, unresolved; empty when the text
     * is not one.
     */
    public static Optional<InetSocketAddress> hostPort(String text) {
        int colon = text == null ? -1 : text.lastIndexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetSocketAddress.createUnresolved(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1))));
        } catch (IllegalArgumentException e) { // NumberFormatException, or a port out of range
            return Optional.empty();
        }
    }

    public static void delete(Path dataDir) {
        RuntimeFile.delete(dataDir);
    }

    public static Optional<RuntimeInfo> read(Path dataDir) {
        return RuntimeFile.read(dataDir, RuntimeInfo.class, RuntimeInfo::pid);
    }
}
