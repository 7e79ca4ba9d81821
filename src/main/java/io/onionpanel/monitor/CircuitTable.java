package io.onionpanel.monitor;

import io.onionpanel.tor.TorEvent;
import io.onionpanel.tor.TorEventParser;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * tor's open circuits, kept from CIRC events and re-seeded from {@code GETINFO circuit-status} whenever the
 * control connection is new. Closed and failed circuits leave the table. Not thread-safe: the monitor's
 * thread owns it.
 */
final class CircuitTable {
    /** What one CIRC event changed, for the series: a circuit that became BUILT, with its build time. */
    record Change(boolean built, Long buildMillis) {
        static final Change NONE = new Change(false, null);
    }

    private static final class Entry {
        String id;
        String state;
        String purpose;
        String hsState;
        String rendQuery;
        List<String> path = List.of();
        Instant created;
        /** When the panel first saw it launched, if it did (a seeded circuit was already built). */
        Long launchedNanos;
        Long buildMillis;
    }

    private final Map<String, Entry> circuits = new LinkedHashMap<>();
    /** Fingerprints of the bridges tor is configured with: such a hop is shown as "bridge <nick>". */
    private java.util.Set<String> bridges = java.util.Set.of();

    /** The bridges of the tor in use (upper-case fingerprints; empty without bridges). */
    void bridges(java.util.Set<String> fingerprints) {
        bridges = java.util.Set.copyOf(fingerprints);
    }

    /** {@link #nicknames} with the bridge marked: with bridges every circuit's first hop is one. */
    private List<String> hops(String path) {
        List<String> hops = nicknames(path);
        if (!bridges.isEmpty() && !hops.isEmpty()) {
            String first = path.split(",")[0];
            String fp = (first.startsWith("$") ? first.substring(1) : first).split("[~=]")[0].toUpperCase(java.util.Locale.ROOT);
            if (bridges.contains(fp)) {
                hops = new ArrayList<>(hops);
                hops.set(0, BRIDGE_MARK + hops.get(0));
            }
        }
        return hops;
    }

    static final String BRIDGE_MARK = "bridge ";

    void clear() {
        circuits.clear();
    }

    int size() {
        return circuits.size();
    }

    /** Replaces the table with tor's list: one "id status path KEY=…" line per circuit. */
    void seed(String circuitStatus, Instant now) {
        circuits.clear();
        for (String line : circuitStatus.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (TorEventParser.parse("CIRC " + trimmed) instanceof TorEvent.Circuit c) {
                update(c, now, null);
            }
        }
    }

    /** Applies one CIRC event. */
    Change apply(TorEvent.Circuit c, Instant now, long nanos) {
        String status = c.status();
        if (status.equals("CLOSED") || status.equals("FAILED")) {
            circuits.remove(c.id());
            return Change.NONE;
        }
        Entry before = circuits.get(c.id());
        boolean wasBuilt = before != null && "BUILT".equals(before.state);
        Entry e = update(c, now, nanos);
        if (e != null && "BUILT".equals(e.state) && !wasBuilt) {
            return new Change(true, e.buildMillis);
        }
        return Change.NONE;
    }

    /** {@code nanos} is when the event arrived, or null for a seeded line (launched before the panel watched). */
    /**
     * Applies a CIRC_MINOR line ("CIRC_MINOR id PURPOSE_CHANGED|CANNIBALIZED path KEY=…"): tor reports an intro
     * circuit becoming established (HS_STATE HSSI_CONNECTING → HSSI_ESTABLISHED) only here. Returns whether a
     * known circuit changed.
     */
    boolean applyMinor(String line) {
        List<String> words = io.onionpanel.tor.ControlWords.split(line);
        if (words.size() < 3 || !words.get(0).equals("CIRC_MINOR")) {
            return false;
        }
        Entry e = circuits.get(words.get(1));
        if (e == null) {
            return false;
        }
        Map<String, String> f = io.onionpanel.tor.ControlWords.keywords(words.subList(3, words.size()));
        if (words.size() > 3 && !words.get(3).contains("=")) {
            e.path = hops(words.get(3));
        }
        if (f.containsKey("PURPOSE")) {
            e.purpose = f.get("PURPOSE");
        }
        // A purpose without HS state (e.g. cannibalized into GENERAL) clears the old one.
        e.hsState = f.get("HS_STATE");
        if (f.containsKey("REND_QUERY")) {
            e.rendQuery = f.get("REND_QUERY");
        }
        return true;
    }

    private Entry update(TorEvent.Circuit c, Instant now, Long nanos) {
        String status = c.status();
        if (status.equals("CLOSED") || status.equals("FAILED")) {
            return null;
        }
        Entry e = circuits.computeIfAbsent(c.id(), id -> {
            Entry n = new Entry();
            n.id = id;
            n.launchedNanos = nanos;
            return n;
        });
        e.state = status;
        Map<String, String> f = c.fields();
        e.purpose = f.getOrDefault("PURPOSE", e.purpose == null ? "GENERAL" : e.purpose);
        if (f.containsKey("HS_STATE")) {
            e.hsState = f.get("HS_STATE");
        }
        if (f.containsKey("REND_QUERY")) {
            e.rendQuery = f.get("REND_QUERY");
        }
        if (!c.path().isEmpty()) {
            e.path = hops(c.path());
        }
        Instant created = parseTime(f.get("TIME_CREATED"));
        if (created != null) {
            e.created = created;
        } else if (e.created == null) {
            e.created = now;
        }
        // Only a launch the panel saw gives a build time; a seeded circuit's would be made up.
        if (status.equals("BUILT") && e.buildMillis == null && e.launchedNanos != null && nanos != null) {
            e.buildMillis = (nanos - e.launchedNanos) / 1_000_000L;
        }
        return e;
    }

    /** "$FP~nick,$FP~nick" → [nick, nick]; a hop without nickname keeps its fingerprint. */
    static List<String> nicknames(String path) {
        List<String> hops = new ArrayList<>();
        for (String hop : path.split(",")) {
            int tilde = hop.indexOf('~');
            int eq = hop.indexOf('=');
            int cut = tilde >= 0 ? tilde : eq;
            hops.add(cut >= 0 ? hop.substring(cut + 1) : hop.startsWith("$") ? hop.substring(1) : hop);
        }
        return hops;
    }

    /** TIME_CREATED=2026-11-24T23:59:01.123456 (UTC, no zone). */
    static Instant parseTime(String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    List<CircuitRow> rows() {
        List<CircuitRow> rows = new ArrayList<>(circuits.size());
        for (Entry e : circuits.values()) {
            rows.add(new CircuitRow(e.id, e.state, CircuitPurposes.fold(e.purpose), e.path, e.created, e.buildMillis));
        }
        return rows;
    }

    /** Built circuits per folded purpose (every purpose present, zero when none). */
    Map<String, Integer> builtByPurpose() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String p : SeriesKeys.CIRCUIT_PURPOSES) {
            counts.put(p, 0);
        }
        for (Entry e : circuits.values()) {
            if ("BUILT".equals(e.state)) {
                counts.merge(CircuitPurposes.fold(e.purpose), 1, Integer::sum);
            }
        }
        return counts;
    }

    int built() {
        int n = 0;
        for (Entry e : circuits.values()) {
            if ("BUILT".equals(e.state)) {
                n++;
            }
        }
        return n;
    }

    /** Built introduction circuits of the service {@code address} (without ".onion") that tor says are established. */
    int establishedIntro(String address) {
        int n = 0;
        for (Entry e : circuits.values()) {
            if ("BUILT".equals(e.state) && "HS_SERVICE_INTRO".equals(e.purpose) && "HSSI_ESTABLISHED".equals(e.hsState)
                    && address.equals(e.rendQuery)) {
                n++;
            }
        }
        return n;
    }
}
