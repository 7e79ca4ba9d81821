package io.onionpanel.settings;

import io.onionpanel.common.DaemonThreads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one reader of a data folder's settings.json in this process: the engine, the monitor and the window
 * subscribe, and each change (made by this process, the CLI or a hand edit) is read and parsed once and handed to
 * all of them on the watcher's thread, in order. Subscribers hand the snapshot to their own thread.
 *
 * <p>A file can change between two polls and be read by someone first: {@link #current()} reads now, on the
 * caller's thread, and tells the subscribers if that was news. The watcher runs while it has subscribers and
 * polls as often as the most demanding one asked.
 */
public final class SettingsWatcher {
    private static final Logger LOG = LoggerFactory.getLogger(SettingsWatcher.class);
    private static final Map<Path, SettingsWatcher> SHARED = new HashMap<>();

    private final Path dataDir;
    private final SettingsStore store;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final List<FileFollower> files = new CopyOnWriteArrayList<>();
    // Guarded by this.
    private ScheduledExecutorService thread;
    private ScheduledFuture<?> poll;
    private Duration every;
    private SettingsSnapshot latest;
    private long sequence;

    private SettingsWatcher(Path dataDir) {
        this.dataDir = dataDir;
        this.store = new SettingsStore(dataDir);
    }

    /** The watcher of this data folder, shared by everyone in this process who names the same folder. */
    public static SettingsWatcher of(Path dataDir) {
        Path key = dataDir.toAbsolutePath().normalize();
        synchronized (SHARED) {
            return SHARED.computeIfAbsent(key, SettingsWatcher::new);
        }
    }

    public Path dataDir() {
        return dataDir;
    }

    /**
     * The file as it is now (read on the caller's thread; parsed only if its bytes changed). A change found here
     * goes to the subscribers as if the poll had found it.
     */
    public SettingsSnapshot current() {
        SettingsSnapshot now;
        boolean news;
        synchronized (this) {
            byte[] bytes;
            try {
                bytes = store.readBytes();
            } catch (SettingsException e) {
                return SettingsSnapshot.unreadable(++sequence, e);
            }
            news = latest == null || !latest.holds(bytes);
            if (news) {
                latest = SettingsSnapshot.read(++sequence, bytes, store);
            }
            now = latest;
            if (news && thread != null) {
                thread.execute(() -> deliver(now));
            }
        }
        return now;
    }

    /** Looks at the file now instead of at the next poll (after this process changed it); returns at once. */
    public void lookNow() {
        synchronized (this) {
            if (thread != null) {
                thread.execute(this::look);
                return;
            }
        }
        current();
    }

    /**
     * Hands every change of the file to {@code onChange} on the watcher's thread, starting with the file as it is
     * now; the file is looked at at least every {@code every}. Close the subscription to stop.
     */
    public AutoCloseable subscribe(Duration every, Consumer<SettingsSnapshot> onChange) {
        Subscription s = new Subscription(onChange);
        subscriptions.add(s);
        synchronized (this) {
            ensurePolling(every);
            thread.execute(() -> {
                SettingsSnapshot first = current();
                s.deliver(first);
            });
        }
        return () -> unsubscribe(s);
    }

    /**
     * Another file of the data folder to look at on the same thread (the window's backup history): its bytes,
     * empty when it is missing, whenever they change, starting now.
     */
    public AutoCloseable follow(String fileName, Duration every, Consumer<byte[]> onChange) {
        FileFollower f = new FileFollower(dataDir.resolve(fileName), onChange);
        files.add(f);
        synchronized (this) {
            ensurePolling(every);
            thread.execute(f::look);
        }
        return () -> {
            files.remove(f);
            stopIfIdle();
        };
    }

    /** Whether the watcher's thread runs (it does while anyone subscribes). */
    public synchronized boolean polling() {
        return thread != null;
    }

    private void unsubscribe(Subscription s) {
        subscriptions.remove(s);
        stopIfIdle();
    }

    private synchronized void ensurePolling(Duration wanted) {
        if (thread == null) {
            thread = Executors.newSingleThreadScheduledExecutor(DaemonThreads.factory("onion-panel-settings-watch"));
        }
        if (every == null || wanted.compareTo(every) < 0) {
            every = wanted;
            if (poll != null) {
                poll.cancel(false);
            }
            long millis = Math.max(10, wanted.toMillis());
            poll = thread.scheduleWithFixedDelay(this::look, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void stopIfIdle() {
        if (subscriptions.isEmpty() && files.isEmpty() && thread != null) {
            thread.shutdownNow();
            thread = null;
            poll = null;
            every = null;
        }
    }

    /** Watcher thread: {@link #current()} delivers what changed. */
    private void look() {
        current();
        files.forEach(FileFollower::look);
    }

    private void deliver(SettingsSnapshot snapshot) {
        subscriptions.forEach(s -> s.deliver(snapshot));
    }

    /** One subscriber; gets each snapshot once, never an older one after a newer. Watcher thread. */
    private static final class Subscription {
        private final Consumer<SettingsSnapshot> onChange;
        private long delivered = -1;

        Subscription(Consumer<SettingsSnapshot> onChange) {
            this.onChange = onChange;
        }

        void deliver(SettingsSnapshot snapshot) {
            if (snapshot.sequence() <= delivered) {
                return;
            }
            delivered = snapshot.sequence();
            try {
                onChange.accept(snapshot);
            } catch (RuntimeException e) {
                // A subscriber shutting down must not stop the others' watch (an exception ends the poll).
                LOG.debug("Settings subscriber failed: {}", e.toString());
            }
        }
    }

    /** Watcher thread. */
    private static final class FileFollower {
        private final Path file;
        private final Consumer<byte[]> onChange;
        private byte[] last;

        FileFollower(Path file, Consumer<byte[]> onChange) {
            this.file = file;
            this.onChange = onChange;
        }

        void look() {
            byte[] now;
            try {
                now = Files.readAllBytes(file);
            } catch (IOException e) {
                now = new byte[0];
            }
            if (last == null || !Arrays.equals(last, now)) {
                last = now;
                try {
                    onChange.accept(now);
                } catch (RuntimeException e) {
                    LOG.debug("File follower failed: {}", e.toString());
                }
            }
        }
    }
}
