package io.onionpanel.ui.monitor;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Axis arithmetic for the charts: round value ticks (1, 2, 5 × 10ⁿ) and time ticks on local clock boundaries. */
final class Scales {
    private static final long MINUTE = 60_000L;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;
    private static final long[] TIME_STEPS = {
        MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE,
        HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 5 * DAY, 7 * DAY, 14 * DAY};
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

    private Scales() {
    }

    /** A value axis from {@code lo} (usually 0) to a round number at or above {@code hi}, about {@code target} steps. */
    record ValueAxis(double lo, double hi, double step) {
        double[] ticks() {
            int n = (int) Math.round((hi - lo) / step);
            double[] t = new double[n + 1];
            for (int i = 0; i <= n; i++) {
                t[i] = lo + i * step;
            }
            return t;
        }

        /** Pixel row of {@code v} in a plot whose top is {@code top} and height {@code height}. */
        double y(double v, double top, double height) {
            return top + height - (v - lo) / (hi - lo) * height;
        }
    }

    static ValueAxis valueAxis(double dataMin, double dataMax, int target) {
        return valueAxis(dataMin, dataMax, target, 1);
    }

    /** Steps round in {@code unit} (e.g. 1024 for KiB/s: 20 KiB/s rather than 19.5). */
    static ValueAxis valueAxis(double dataMin, double dataMax, int target, double unit) {
        ValueAxis inUnit = scaledAxis(dataMin / unit, dataMax / unit, target);
        return new ValueAxis(inUnit.lo() * unit, inUnit.hi() * unit, inUnit.step() * unit);
    }

    private static ValueAxis scaledAxis(double dataMin, double dataMax, int target) {
        double lo = Double.isNaN(dataMin) || dataMin >= 0 ? 0 : dataMin;
        double hi = Double.isNaN(dataMax) ? 1 : dataMax;
        if (hi <= lo) {
            hi = lo + 1;
        }
        // A step a little under the exact share: about target steps, rather than as few as half of them.
        double step = niceStep((hi - lo) / Math.max(1, target) / 1.5);
        lo = Math.floor(lo / step) * step;
        hi = Math.ceil(hi / step) * step;
        if (hi <= lo) {
            hi = lo + step;
        }
        return new ValueAxis(lo, hi, step);
    }

    /** The smallest of 1, 2, 5 × 10ⁿ that is at least {@code raw}. */
    static double niceStep(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[]{1, 2, 5, 10}) {
            if (m * magnitude >= raw * (1 - 1e-9)) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }

    /** One time label. */
    record TimeTick(long time, String label) {
    }

    /** Labels at round local times, at least {@code minPixels} apart on a plot {@code width} pixels wide. */
    static List<TimeTick> timeTicks(long from, long to, double width, double minPixels, ZoneId zone) {
        List<TimeTick> ticks = new ArrayList<>();
        if (to <= from || width <= 0) {
            return ticks;
        }
        double pxPerMs = width / (to - from);
        long step = TIME_STEPS[TIME_STEPS.length - 1];
        for (long s : TIME_STEPS) {
            if (s * pxPerMs >= minPixels) {
                step = s;
                break;
            }
        }
        long offset = zone.getRules().getOffset(Instant.ofEpochMilli(from)).getTotalSeconds() * 1000L;
        long t = Math.floorDiv(from + offset + step - 1, step) * step - offset;
        DateTimeFormatter format = (step >= DAY ? DATE : CLOCK).withZone(zone);
        for (; t <= to; t += step) {
            ticks.add(new TimeTick(t, format.format(Instant.ofEpochMilli(t))));
        }
        return ticks;
    }
}
