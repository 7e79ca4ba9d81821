package io.onionpanel.monitor;

/**
 * Points of one time series, oldest first: {@code times} in epoch milliseconds, {@code values} in the
 * series' unit. A missing sample is {@link Double#NaN} (a gap in the chart), never zero.
 */
public record SeriesPoints(long[] times, double[] values) {
    public SeriesPoints {
        if (times.length != values.length) {
            throw new IllegalArgumentException("times and values differ in length");
        }
    }

    public static SeriesPoints empty() {
        return new SeriesPoints(new long[0], new double[0]);
    }

    public int size() {
        return times.length;
    }
}
