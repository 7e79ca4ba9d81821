package io.onionpanel.monitor;

import io.onionpanel.engine.TorStatus;
import io.onionpanel.tor.TorControl;
import io.onionpanel.tor.TorEvent;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * tor's circuits: the table starts from tor's own list on each new control connection and follows CIRC and
 * CIRC_MINOR events from there; listeners hear of it at most five times a second, however fast tor reports.
 * Monitor thread, except the two snapshots.
 */
final class CircuitFeed {
    private static final Logger LOG = LoggerFactory.getLogger(CircuitFeed.class);
    private static final Duration COALESCE = Duration.ofMillis(200);
    private final CircuitTable table = new CircuitTable();
    private final MonitorThread thread;
    private final Listeners listeners;
    private final SeriesStore series;
    private final Supplier<Optional<TorControl>> control;
    private boolean seeded;
    private boolean dirty;
    private boolean flushScheduled;
    private volatile List<CircuitRow> rowsSnapshot = List.of();
    private volatile Map<String, Integer> builtSnapshot = Map.of();

    CircuitFeed(MonitorThread thread, Listeners listeners, SeriesStore series, Supplier<Optional<TorControl>> control) {
        this.thread = thread;
        this.listeners = listeners;
        this.series = series;
        this.control = control;
    }

    void circuit(TorEvent.Circuit c, long nowMillis, long nanos) {
        CircuitTable.Change change = table.apply(c, Instant.ofEpochMilli(nowMillis), nanos);
        if (change.built() && change.buildMillis() != null) {
            series.record(SeriesKeys.CIRCUIT_BUILD_MS, nowMillis, change.buildMillis(), false, false);
        }
        changed();
    }

    void minor(String line) {
        if (table.applyMinor(line)) {
            changed();
        }
    }

    /** A tor that stops forgets its circuits; one that connects again is asked for its list. */
    void torStatus(TorStatus status) {
        switch (status.state()) {
            case STARTING, RESTARTING, FAILED, STOPPED -> {
                if (seeded || table.size() > 0) {
                    table.clear();
                    changed();
                }
                seeded = false;
            }
            case BOOTSTRAPPING, RUNNING -> {
                if (!seeded) {
                    seed();
                }
            }
        }
    }

    /** The tick's sample of built circuits by purpose: zeros while there is no table to count. */
    void sample(long nowMillis, boolean torUp) {
        if (seeded && torUp) {
            Map<String, Integer> built = table.builtByPurpose();
            builtSnapshot = Map.copyOf(built);
            for (Map.Entry<String, Integer> e : built.entrySet()) {
                series.record(SeriesKeys.circuits(e.getKey()), nowMillis, e.getValue(), false, true);
            }
        } else {
            builtSnapshot = zeroCircuits();
        }
    }

    int built() {
        return table.built();
    }

    int establishedIntro(String address) {
        return table.establishedIntro(address);
    }

    /** Any thread. */
    List<CircuitRow> rows() {
        return rowsSnapshot;
    }

    /** Any thread: built circuits by purpose at the last tick. */
    Map<String, Integer> builtByPurpose() {
        return builtSnapshot;
    }

    /** A new control connection: the table starts from tor's own list, not from whatever was shown before. */
    private void seed() {
        Optional<TorControl> c = control.get();
        if (c.isEmpty()) {
            seeded = true; // nothing to ask: events alone keep the table
            return;
        }
        try {
            table.bridges(bridgeFingerprints(c.get()));
            table.seed(c.get().getInfo("circuit-status"), Instant.now());
            seeded = true;
        } catch (IOException | RuntimeException e) {
            LOG.debug("GETINFO circuit-status failed: {}", e.toString());
            table.clear();
            seeded = true; // events keep the table from here on
        }
        changed();
    }

    /**
     * The fingerprints of tor's configured bridges (GETCONF Bridge), so the table can mark the bridge hop. Only the
     * fingerprints are kept: the rest of a bridge line (address, cert) is a secret and is dropped here.
     */
    static java.util.Set<String> bridgeFingerprints(TorControl control) {
        java.util.Set<String> fps = new java.util.HashSet<>();
        try {
            for (String line : control.command("GETCONF Bridge")) {
                for (String word : line.split("[\\s=]+")) {
                    if (word.matches("[0-9A-Fa-f]{40}")) {
                        fps.add(word.toUpperCase(java.util.Locale.ROOT));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("GETCONF Bridge failed: {}", e.toString());
        }
        return fps;
    }

    private void changed() {
        dirty = true;
        if (!flushScheduled) {
            flushScheduled = thread.schedule(this::flush, COALESCE);
        }
    }

    private void flush() {
        flushScheduled = false;
        if (!dirty) {
            return;
        }
        dirty = false;
        List<CircuitRow> rows = List.copyOf(table.rows());
        rowsSnapshot = rows;
        listeners.fire(l -> l.circuitsChanged(rows));
    }

    private static Map<String, Integer> zeroCircuits() {
        Map<String, Integer> m = new LinkedHashMap<>();
        SeriesKeys.CIRCUIT_PURPOSES.forEach(p -> m.put(p, 0));
        return m;
    }
}
