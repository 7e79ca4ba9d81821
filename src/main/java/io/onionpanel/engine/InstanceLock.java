package io.onionpanel.engine;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One running engine per data folder: a second panel or headless run on the same folder would fight over
 * tor's DataDirectory and the keys. The OS releases the lock if the process dies.
 */
public final class InstanceLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private InstanceLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    public static InstanceLock acquire(Path dataDir) throws EngineException {
        return acquire(dataDir, "instance.lock");
    }

    /** A lock of its own name in the data folder (the daemon's, held for its life). */
    public static InstanceLock acquire(Path dataDir, String fileName) throws EngineException {
        Path file = dataDir.resolve(fileName);
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                String who = RuntimeInfo.read(dataDir).map(r -> " (pid " + r.pid() + ")").orElse("");
                throw new EngineException("Another Onion Panel" + who + " is already running on the data folder "
                        + dataDir + ". Stop it first, or use another --data-dir.");
            }
            return new InstanceLock(channel, lock);
        } catch (IOException e) {
            throw new EngineException("Cannot lock the data folder " + dataDir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // The OS drops the lock with the channel anyway.
        }
    }
}
