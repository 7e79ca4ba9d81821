package io.onionpanel.monitor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeriesStoreTest {
    private static final long T0 = 1_800_000_000_000L; // a whole second, minute and quarter hour
    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void oneSecondTierReturnsEverySampleOfTheLastHour() {
        SeriesStore s = new SeriesStore();
        for (int i = 0; i < 3_600; i++) {
            s.record("g", T0 + i * 1_000L, i, false, true);
        }
        SeriesPoints p = s.points("g", T0 + 3_599_000L, HOUR, 10_000);
        assertEquals(3_600, p.size());
        assertEquals(T0, p.times()[0]);
        assertEquals(0.0, p.values()[0]);
        assertEquals(3_599.0, p.values()[3_599]);
    }

    @Test
    void downsamplingKeepsAOneSecondSpikeInTheMonthView() {
        SeriesStore s = new SeriesStore();
        long end = T0 + Duration.ofDays(30).toMillis();
        // A flat gauge every minute for 30 days, and one second at 1000.
        for (long t = T0; t < end; t += 60_000L) {
            s.record("g", t, 5, false, true);
        }
        long spike = T0 + Duration.ofDays(12).toMillis() + 7_000L;
        s.record("g", spike, 1_000, false, true);
        SeriesPoints p = s.points("g", end - 1, Duration.ofDays(30), 500);
        assertTrue(p.size() <= 500, "at most maxPoints: " + p.size());
        assertEquals(1_000.0, Arrays.stream(p.values()).filter(v -> !Double.isNaN(v)).max().orElseThrow());
        assertEquals(5.0, Arrays.stream(p.values()).filter(v -> !Double.isNaN(v)).min().orElseThrow());
        for (int i = 1; i < p.size(); i++) {
            assertTrue(p.times()[i] >= p.times()[i - 1], "time order");
        }
    }

    @Test
    void dayViewUsesMinuteBucketsWithMinAndMax() {
        SeriesStore s = new SeriesStore();
        for (int i = 0; i < 60; i++) {
            s.record("g", T0 + i * 1_000L, i == 30 ? 100 : 1, false, true);
        }
        SeriesPoints p = s.points("g", T0 + 59_000L, Duration.ofHours(24), 10_000);
        // 1440 minute buckets, the one with data gives its min and its max.
        double[] present = Arrays.stream(p.values()).filter(v -> !Double.isNaN(v)).toArray();
        assertArrayEquals(new double[]{1, 100}, present);
    }

    @Test
    void continuousSeriesShowGapsAsNaNAndEventSeriesSkipThem() {
        SeriesStore s = new SeriesStore();
        s.record("gauge", T0, 3, false, true);
        s.record("gauge", T0 + 10_000L, 4, false, true);
        s.record("events", T0, 200, false, false);
        s.record("events", T0 + 10_000L, 300, false, false);
        SeriesPoints gauge = s.points("gauge", T0 + 10_000L, Duration.ofMinutes(10), 10_000);
        assertEquals(600, gauge.size());
        assertTrue(Double.isNaN(gauge.values()[595]));
        assertEquals(3.0, gauge.values()[589]);
        SeriesPoints events = s.points("events", T0 + 10_000L, Duration.ofMinutes(10), 10_000);
        assertArrayEquals(new double[]{200, 300}, events.values());
        assertArrayEquals(new long[]{T0, T0 + 10_000L}, events.times());
    }

    @Test
    void sumSeriesAddUpPerBucket() {
        SeriesStore s = new SeriesStore();
        for (int i = 0; i < 7; i++) {
            s.record("failures", T0 + i * 5_000L, i % 2, true, false);
        }
        SeriesPoints p = s.points("failures", T0 + 59_000L, Duration.ofHours(24), 10_000);
        assertArrayEquals(new double[]{3}, p.values());
    }

    @Test
    void oldDataIsNotServedAfterTheRingWrapped() {
        SeriesStore s = new SeriesStore();
        s.record("g", T0, 9, false, false);
        // Exactly one lap of the 1 s ring later, the slot is reused for a new second.
        s.record("g", T0 + 3_600_000L, 1, false, false);
        SeriesPoints p = s.points("g", T0 + 3_600_000L, Duration.ofMinutes(10), 100);
        assertArrayEquals(new double[]{1}, p.values());
        // A long pause: nothing from two hours ago appears in the last ten minutes.
        assertEquals(0, s.points("g", T0 + 7_200_000L + 3_600_000L, Duration.ofMinutes(10), 100).size());
    }

    @Test
    void maxPointsIsAlwaysRespected() {
        SeriesStore s = new SeriesStore();
        for (int i = 0; i < 3_600; i++) {
            s.record("g", T0 + i * 1_000L, Math.sin(i) * 100, false, true);
        }
        for (int max : new int[]{1, 2, 3, 7, 100, 599, 600, 601, 1_199}) {
            SeriesPoints p = s.points("g", T0 + 3_599_000L, HOUR, max);
            assertTrue(p.size() <= max, max + " → " + p.size());
            assertTrue(p.size() >= Math.min(max, 1), max + " → " + p.size());
        }
        assertEquals(0, s.points("missing", T0, HOUR, 10).size());
    }

    @Test
    void historySurvivesASaveAndLoadAndStaleSeriesAreDropped(@TempDir Path dir) throws IOException {
        SeriesStore s = new SeriesStore();
        long now = System.currentTimeMillis();
        for (int i = 0; i < 100; i++) {
            s.record("circuits.general", now - i * 1_000L, i, false, true);
        }
        s.record("probe.old.p50_ms", now - Duration.ofDays(40).toMillis(), 1, false, false);
        Path file = dir.resolve("history.bin");
        s.save(file);
        SeriesStore loaded = new SeriesStore();
        assertTrue(loaded.load(file, now));
        SeriesPoints a = s.points("circuits.general", now, Duration.ofMinutes(10), 1_000);
        SeriesPoints b = loaded.points("circuits.general", now, Duration.ofMinutes(10), 1_000);
        assertArrayEquals(a.times(), b.times());
        assertArrayEquals(a.values(), b.values());
        assertFalse(loaded.keys().contains("probe.old.p50_ms"));
        assertFalse(new SeriesStore().load(dir.resolve("absent.bin"), now));
        assertTrue(Files.size(file) < 100_000, "occupied slots only: " + Files.size(file));
    }

    @Test
    void aCorruptFileIsRefusedNotMisread() {
        SeriesStore s = new SeriesStore();
        assertThrows(IOException.class, () -> s.read(new ByteArrayInputStream(new byte[]{1, 2, 3, 4}), T0));
        assertTrue(s.keys().isEmpty());
    }

    @Test
    void renamingMovesAServicesSeriesAndReplacesStaleOnesOfTheNewName(@TempDir Path dir) throws IOException {
        SeriesStore s = new SeriesStore();
        s.record(SeriesKeys.probeP50("api"), T0, 120, false, false);
        s.record(SeriesKeys.probeFailures("api"), T0, 1, true, false);
        s.record(SeriesKeys.probeP50("routstr"), T0 - 60_000, 999, false, false); // a former service of that name
        s.record(SeriesKeys.CIRCUIT_BUILD_MS, T0, 300, false, false);
        s.nameService("addr1", "api");
        s.save(dir.resolve("h.bin"));

        s.renameService("api", "routstr");
        assertArrayEquals(new double[]{120}, s.points(SeriesKeys.probeP50("routstr"), T0, HOUR, 100).values());
        assertArrayEquals(new double[]{1}, s.points(SeriesKeys.probeFailures("routstr"), T0, HOUR, 100).values());
        assertEquals(0, s.points(SeriesKeys.probeP50("api"), T0, HOUR, 100).size());
        assertEquals("routstr", s.serviceName("addr1"));
        assertTrue(s.modified(), "a rename is saved");
        assertEquals(1, s.points(SeriesKeys.CIRCUIT_BUILD_MS, T0, HOUR, 100).size(), "other series untouched");

        // The names are saved with the history: a rename made while the panel was closed is recognised by address.
        SeriesStore loaded = new SeriesStore();
        assertTrue(loaded.load(dir.resolve("h.bin"), T0));
        assertEquals("api", loaded.serviceName("addr1"));
        assertEquals(null, loaded.serviceName("addr2"));
    }

    @Test
    void aHistoryWrittenBeforeServiceNamesExistedStillLoads() throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        SeriesStore old = new SeriesStore();
        old.record("g", T0, 5, false, false);
        // The earlier format: the series, then nothing.
        try (java.io.DataInputStream in = new java.io.DataInputStream(new java.util.zip.GZIPInputStream(new ByteArrayInputStream(old.toBytes())));
             java.io.DataOutputStream out = new java.io.DataOutputStream(new java.util.zip.GZIPOutputStream(bytes))) {
            byte[] all = in.readAllBytes();
            out.write(all, 0, all.length - 4); // without the (empty) names section's count
        }
        SeriesStore s = new SeriesStore();
        s.read(new ByteArrayInputStream(bytes.toByteArray()), T0);
        assertArrayEquals(new double[]{5}, s.points("g", T0, HOUR, 10).values());
        assertEquals(null, s.serviceName("addr1"));
    }
}
