package io.onionpanel.monitor;

import io.onionpanel.common.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Every series the monitor keeps, by key ({@link SeriesKeys}), with bounded memory: a fixed number of
 * primitive buckets per series. Saved to one file atomically; a file that cannot be read is set aside and the
 * history starts empty rather than wrong.
 */
public final class SeriesStore {
    private static final int MAGIC = 0x4f504d53; // "OPMS"
    private static final int VERSION = 1;
    /** Series with nothing newer than this (e.g. of a removed service) are dropped when loading. */
    private static final Duration KEEP = Duration.ofDays(30);

    private final Map<String, TieredSeries> series = new HashMap<>();
    /** Whether anything was recorded since the last save or load. */
    private boolean modified;

    /** Adds one sample of a gauge (averaged per bucket) or of a per-interval count (summed per bucket). */
    public synchronized void record(String key, long timeMillis, double value, boolean sum, boolean continuous) {
        series.computeIfAbsent(key, k -> new TieredSeries(sum ? TieredSeries.Aggregation.SUM : TieredSeries.Aggregation.MEAN,
                continuous)).add(timeMillis, value);
        modified = true;
    }

    /** Whether samples were recorded since the last save (or load). */
    public synchronized boolean modified() {
        return modified;
    }

    public synchronized SeriesPoints points(String key, long nowMillis, Duration span, int maxPoints) {
        TieredSeries s = series.get(key);
        if (s == null || maxPoints <= 0) {
            return SeriesPoints.empty();
        }
        return s.points(nowMillis, span.toMillis(), maxPoints);
    }

    public synchronized Set<String> keys() {
        return new TreeSet<>(series.keySet());
    }

    public synchronized byte[] toBytes() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(bytes)))) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(series.size());
            for (Map.Entry<String, TieredSeries> e : series.entrySet()) {
                out.writeUTF(e.getKey());
                e.getValue().write(out);
            }
        }
        return bytes.toByteArray();
    }

    /** Writes the history atomically (temp file, fsync, rename). */
    public void save(Path file) throws IOException {
        byte[] bytes;
        synchronized (this) {
            bytes = toBytes();
            modified = false;
        }
        AtomicFiles.write(file, bytes);
    }

    /**
     * Loads a saved history into this (empty) store; series not updated for 30 days are dropped. Returns false
     * when there was no file.
     */
    public boolean load(Path file, long nowMillis) throws IOException {
        try (InputStream raw = Files.newInputStream(file)) {
            read(raw, nowMillis);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    synchronized void read(InputStream raw, long nowMillis) throws IOException {
        Map<String, TieredSeries> loaded = new HashMap<>();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw)))) {
            if (in.readInt() != MAGIC) {
                throw new IOException("not a series file");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IOException("series file version " + version + " is not supported");
            }
            int count = in.readInt();
            if (count < 0 || count > 100_000) {
                throw new IOException("corrupt series file (" + count + " series)");
            }
            for (int i = 0; i < count; i++) {
                String key = in.readUTF();
                TieredSeries s = TieredSeries.read(in);
                if (s.newestMillis(nowMillis) >= nowMillis - KEEP.toMillis()) {
                    loaded.put(key, s);
                }
            }
        }
        series.putAll(loaded);
    }
}
