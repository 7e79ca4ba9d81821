package io.onionpanel.monitor;

import io.onionpanel.common.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
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
    /**
     * The service name each onion address (without ".onion") was last seen under: series are kept by name, so a
     * rename made while the panel was closed is recognised at the next start by the address.
     */
    private final Map<String, String> serviceNames = new HashMap<>();
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

    /** The name the service at this onion address (without ".onion") had when last seen, or null. */
    public synchronized String serviceName(String address) {
        return serviceNames.get(address);
    }

    /** Remembers the service's name for its address (saved with the history). */
    public synchronized void nameService(String address, String name) {
        if (!name.equals(serviceNames.put(address, name))) {
            modified = true;
        }
    }

    /**
     * Moves a service's series to its new name. Series the new name already had (a former service of that name,
     * at another address) are replaced: the history follows the address.
     */
    public synchronized void renameService(String from, String to) {
        List<String> old = SeriesKeys.ofService(from);
        List<String> next = SeriesKeys.ofService(to);
        for (int i = 0; i < old.size(); i++) {
            TieredSeries s = series.remove(old.get(i));
            series.remove(next.get(i));
            if (s != null) {
                series.put(next.get(i), s);
            }
        }
        serviceNames.replaceAll((address, name) -> name.equals(from) ? to : name);
        modified = true;
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
            // After the series, so a panel that predates this section still reads the file (it stops before).
            out.writeInt(serviceNames.size());
            for (Map.Entry<String, String> e : serviceNames.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
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
        Map<String, String> names;
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
            names = readNames(in);
        }
        series.putAll(loaded);
        serviceNames.putAll(names);
    }

    /** The optional names section; files written before it existed end after the series. */
    private static Map<String, String> readNames(DataInputStream in) throws IOException {
        int count;
        try {
            count = in.readInt();
        } catch (EOFException e) {
            return Map.of();
        }
        if (count < 0 || count > 100_000) {
            throw new IOException("corrupt series file (" + count + " service names)");
        }
        Map<String, String> names = new HashMap<>();
        for (int i = 0; i < count; i++) {
            names.put(in.readUTF(), in.readUTF());
        }
        return names;
    }
}
