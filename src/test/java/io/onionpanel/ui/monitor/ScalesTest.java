package io.onionpanel.ui.monitor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Axis scaling: round value steps, pixel mapping, and time labels on round local times. */
class ScalesTest {
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    @Test
    void valueAxisStartsAtZeroAndEndsOnARoundStep() {
        Scales.ValueAxis a = Scales.valueAxis(3, 1_370, 4);
        assertEquals(0, a.lo());
        assertEquals(500, a.step());
        assertEquals(1_500, a.hi());
        assertArrayEquals(new double[]{0, 500, 1_000, 1_500}, a.ticks());
        assertEquals(100, a.y(0, 20, 80), 1e-9, "zero at the bottom of the plot");
        assertEquals(20, a.y(1_500, 20, 80), 1e-9, "the top value at the top");

        Scales.ValueAxis empty = Scales.valueAxis(Double.NaN, Double.NaN, 4);
        assertTrue(empty.hi() > empty.lo(), "no data still gives a usable axis");
        Scales.ValueAxis flat = Scales.valueAxis(3, 3, 4);
        assertTrue(flat.hi() >= 3 && flat.lo() == 0);
        assertEquals(-10, Scales.valueAxis(-7, 8, 3).lo(), "negative values are not cut off");
    }

    @Test
    void byteAxesStepInBinaryUnits() {
        Scales.ValueAxis a = Scales.valueAxis(0, 97_000, 4, ValueFormat.BYTES_PER_SECOND.axisUnit(97_000));
        assertEquals(20 * 1024, a.step());
        assertEquals(100 * 1024, a.hi());
    }

    @Test
    void niceSteps() {
        assertEquals(1, Scales.niceStep(0.7));
        assertEquals(2, Scales.niceStep(1.3));
        assertEquals(5, Scales.niceStep(4.9));
        assertEquals(10, Scales.niceStep(5.1));
        assertEquals(20_000, Scales.niceStep(12_000));
    }

    @Test
    void timeTicksFallOnRoundLocalTimesAndKeepTheirDistance() {
        long to = ZonedDateTime.of(2026, 11, 25, 14, 7, 31, 0, ZONE).toInstant().toEpochMilli();
        long hour = 3_600_000L;
        List<Scales.TimeTick> ticks = Scales.timeTicks(to - hour, to, 600, 70, ZONE);
        assertEquals("13:10", ticks.get(0).label());
        assertEquals(600_000, ticks.get(1).time() - ticks.get(0).time(), "10-minute steps: 100 px apart on 600 px");
        assertEquals("14:00", ticks.get(ticks.size() - 1).label());

        List<Scales.TimeTick> month = Scales.timeTicks(to - 30 * 24 * hour, to, 700, 70, ZONE);
        assertTrue(month.get(0).label().matches("\\d+ Oct|\\d+ Nov"), month.get(0).label());
        long step = month.get(1).time() - month.get(0).time();
        assertTrue(step * 700.0 / (30 * 24 * hour) >= 70);

        List<Scales.TimeTick> day = Scales.timeTicks(to - 24 * hour, to, 700, 70, ZONE);
        assertTrue(day.stream().allMatch(t -> t.label().endsWith(":00")), day.toString());
    }

    @Test
    void valuesAreWrittenWithTheirUnit() {
        assertEquals("3", ValueFormat.COUNT.format(3));
        assertEquals("2.5", ValueFormat.COUNT.format(2.5));
        assertEquals("850 ms", ValueFormat.MILLIS.format(850));
        assertEquals("0.4 ms", ValueFormat.MILLIS.format(0.4));
        assertEquals("2 ms", ValueFormat.MILLIS.format(2));
        assertEquals("0.5 B/s", ValueFormat.BYTES_PER_SECOND.format(0.5));
        assertEquals("1.5 s", ValueFormat.MILLIS.format(1_500));
        assertEquals("512 B/s", ValueFormat.BYTES_PER_SECOND.format(512));
        assertEquals("20 KiB/s", ValueFormat.BYTES_PER_SECOND.format(20_480));
        assertEquals("2.5 KiB/s", ValueFormat.BYTES_PER_SECOND.format(2_560));
        assertEquals("3 MiB/s", ValueFormat.BYTES_PER_SECOND.format(3 * 1024 * 1024));
    }
}
