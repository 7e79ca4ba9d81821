package io.onionpanel.ui.monitor;

import io.onionpanel.monitor.CircuitRow;
import io.onionpanel.monitor.HealthCheck;
import io.onionpanel.monitor.HealthLevel;
import io.onionpanel.monitor.LogEntry;
import io.onionpanel.monitor.SeriesKeys;
import io.onionpanel.monitor.SeriesPoints;
import io.onionpanel.monitor.ServiceHealth;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongToDoubleFunction;

/** Plausible monitor data for screenshots, benchmarks and tests: a day of 1 Hz samples, a few circuits, tor's messages. */
public final class FakeData {
    private static final String[] RELAYS = {"test000a", "test001a", "test002r", "test003r", "test004r", "test005r", "test006r", "test007r"};

    private FakeData() {
    }

    /** {@code count} samples, one every {@code stepMillis}, ending at {@code end}. */
    public static SeriesPoints series(long end, int count, long stepMillis, LongToDoubleFunction value) {
        long[] t = new long[count];
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            t[i] = end - (long) (count - 1 - i) * stepMillis;
            v[i] = value.applyAsDouble(t[i]);
        }
        return new SeriesPoints(t, v);
    }

    /** Every chart's series over the last 24 h at 1 Hz (probes every 30 s), with two outages of service {@code service}. */
    public static void fill(FakeMonitor m, long now, String service) {
        fill(m, now, service, 86_400);
    }

    /** The same over the last {@code n} seconds. */
    public static void fill(FakeMonitor m, long now, String service, int n) {
        Random r = new Random(7);
        m.series.put(SeriesKeys.circuits("general"), steps(now, n, r, 4, 2, 8, 1.0 / 300));
        m.series.put(SeriesKeys.circuits("hs_intro"), steps(now, n, r, 3, 3, 4, 1.0 / 5_000));
        m.series.put(SeriesKeys.circuits("hs_rend"), steps(now, n, r, 1, 0, 5, 1.0 / 150));
        m.series.put(SeriesKeys.circuits("hs_client"), steps(now, n, r, 0, 0, 1, 1.0 / 2_000));
        m.series.put(SeriesKeys.circuits("other"), steps(now, n, r, 0, 0, 1, 1.0 / 1_500));
        m.series.put(SeriesKeys.CIRCUIT_BUILD_MS, smooth(now, n, 1000, r, t -> 420 + 70 * Math.sin(t / 3.3e6), 25, 0.02));
        int probes = n / 30;
        SeriesPoints p50 = smooth(now, probes, 30_000, r, t -> 640 + 120 * Math.sin(t / 4.1e6), 60, 0.3);
        SeriesPoints p95 = smooth(now, probes, 30_000, r, t -> 1_200 + 220 * Math.sin(t / 4.1e6), 140, 0.3);
        double[] failures = new double[probes];
        for (int i = 0; i < probes; i++) {
            if (outage(now, p50.times()[i])) {
                p50.values()[i] = Double.NaN;
                p95.values()[i] = Double.NaN;
                failures[i] = 1;
            } else {
                failures[i] = r.nextDouble() < 0.004 ? 1 : 0;
            }
        }
        m.series.put(SeriesKeys.probeP50(service), p50);
        m.series.put(SeriesKeys.probeP95(service), p95);
        m.series.put(SeriesKeys.probeFailures(service), new SeriesPoints(p50.times(), failures));
        m.series.put(SeriesKeys.BANDWIDTH_READ, smooth(now, n, 1000, r, t -> 14_000 + 9_000 * Math.sin(t / 7e6) + 5_000 * Math.sin(t / 9e5), 3_000, 0.05));
        m.series.put(SeriesKeys.BANDWIDTH_WRITTEN, smooth(now, n, 1000, r, t -> 38_000 + 22_000 * Math.sin(t / 7e6 + 1) + 9_000 * Math.sin(t / 9e5), 6_000, 0.05));
    }

    /** A count that stays put and now and then moves by one, within {@code lo..hi}. */
    private static SeriesPoints steps(long end, int count, Random r, int start, int lo, int hi, double changePerSample) {
        long[] t = new long[count];
        double[] v = new double[count];
        int value = start;
        for (int i = 0; i < count; i++) {
            t[i] = end - (long) (count - 1 - i) * 1000;
            if (r.nextDouble() < changePerSample) {
                value = Math.max(lo, Math.min(hi, value + (r.nextBoolean() ? 1 : -1)));
            }
            v[i] = value;
        }
        return new SeriesPoints(t, v);
    }

    /** A slow curve plus smoothed noise (exponential moving average with weight {@code alpha}). */
    private static SeriesPoints smooth(long end, int count, long step, Random r, LongToDoubleFunction base, double noise, double alpha) {
        long[] t = new long[count];
        double[] v = new double[count];
        double wobble = 0;
        for (int i = 0; i < count; i++) {
            t[i] = end - (long) (count - 1 - i) * step;
            wobble += alpha * (r.nextGaussian() * noise / Math.sqrt(alpha) - wobble);
            v[i] = Math.max(0, base.applyAsDouble(t[i]) + wobble);
        }
        return new SeriesPoints(t, v);
    }

    /** The local target was down for 45 minutes, 6 hours ago, and 4 minutes ago for 90 seconds. */
    private static boolean outage(long now, long t) {
        long ago = now - t;
        return (ago > 6 * 3_600_000L && ago < 6 * 3_600_000L + 2_700_000L) || (ago > 150_000 && ago < 240_000);
    }

    public static List<CircuitRow> circuits(Instant now, int count, long seed) {
        Random r = new Random(seed);
        String[] purposes = {"GENERAL", "HS_SERVICE_INTRO", "HS_SERVICE_REND", "HS_CLIENT_HSDIR", "GENERAL"};
        String[] states = {"BUILT", "BUILT", "BUILT", "EXTENDED", "LAUNCHED"};
        List<CircuitRow> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String state = states[r.nextInt(states.length)];
            int hops = state.equals("LAUNCHED") ? 0 : state.equals("EXTENDED") ? 2 : 3 + (r.nextInt(4) == 0 ? 1 : 0);
            List<String> path = new ArrayList<>();
            for (int h = 0; h < hops; h++) {
                path.add(RELAYS[r.nextInt(RELAYS.length)]);
            }
            rows.add(new CircuitRow(String.valueOf(10 + i), state, purposes[r.nextInt(purposes.length)], path,
                    now.minusSeconds(r.nextInt(3_000)), state.equals("BUILT") ? Long.valueOf(180 + r.nextInt(900)) : null));
        }
        return rows;
    }

    public static ServiceHealth health(String service, Instant now, boolean targetDown) {
        HealthLevel target = targetDown ? HealthLevel.FAIL : HealthLevel.OK;
        List<HealthCheck> checks = List.of(
                new HealthCheck("Tor process", HealthLevel.OK, "tor 0.4.7.13 running as pid 4121", now.minusSeconds(7_300)),
                new HealthCheck("Bootstrapped", HealthLevel.OK, "100 % (done)", now.minusSeconds(7_280)),
                new HealthCheck("Circuit established", HealthLevel.OK, "tor reports CIRCUIT_ESTABLISHED", now.minusSeconds(7_270)),
                new HealthCheck("Descriptor published", HealthLevel.OK, "6 HSDir uploads in the last hour", now.minusSeconds(7_200)),
                new HealthCheck("Introduction points", HealthLevel.OK, "3 intro circuits established", now.minusSeconds(7_210)),
                new HealthCheck("Reachable", targetDown ? HealthLevel.FAIL : HealthLevel.OK,
                        targetDown ? "last self-probe failed: HTTP 502 from the onion (target refused)" : "last self-probe 612 ms, HTTP 200",
                        now.minusSeconds(targetDown ? 95 : 4_000)),
                new HealthCheck("Local target", target, targetDown ? "127.0.0.1:8000 refused the connection" : "127.0.0.1:8000 answered /v1/info in 3 ms",
                        now.minusSeconds(targetDown ? 100 : 4_000)));
        return new ServiceHealth(service, checks, targetDown ? HealthLevel.FAIL : HealthLevel.OK,
                targetDown ? "Local target 127.0.0.1:8000 is not answering" : "All checks pass", now.minusSeconds(targetDown ? 95 : 4_000));
    }

    private static final String[][] MESSAGES = {
        {"tor", "NOTICE", "Bootstrapped 100% (done): Done"},
        {"tor", "INFO", "circuit_build_times_add_time(): Adding circuit build time 412"},
        {"tor", "NOTICE", "New control connection opened from 127.0.0.1."},
        {"panel", "INFO", "Descriptor for 'api' uploaded to 6 of 6 HSDirs"},
        {"tor", "WARN", "Problem bootstrapping. Stuck at 85% (ap_conn_done): Connected to a relay to build circuits."},
        {"panel", "NOTICE", "Self-probe of 'api' through tor: 612 ms, HTTP 200"},
        {"tor", "INFO", "rend_service_intro_established(): Received INTRO_ESTABLISHED cell on circuit 17"},
        {"panel", "ERR", "Local target 127.0.0.1:8000 refused the connection"},
        {"tor", "NOTICE", "Have tried resolving or connecting to address '[scrubbed]' at 3 different places. Giving up."},
        {"tor", "DEBUG", "conn_read_callback(): socket 14 wants to read."},
    };

    public static LogEntry log(long sequence, Instant time) {
        String[] m = MESSAGES[(int) (sequence % MESSAGES.length)];
        return new LogEntry(sequence, time, m[0], m[1], m[2]);
    }
}
