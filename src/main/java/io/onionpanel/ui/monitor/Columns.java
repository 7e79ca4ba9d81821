package io.onionpanel.ui.monitor;

import io.onionpanel.monitor.SeriesPoints;
import java.util.Arrays;

/**
 * One series folded into one min/max segment per pixel column, however many points it holds: drawing cost
 * then depends on the chart's width, never on the history's length. A column holding only NaN samples is a
 * gap (the line breaks there); a column without samples is empty (the line is drawn across it, since a
 * coarser tier simply has fewer points than pixels).
 */
final class Columns {
    static final byte EMPTY = 0;
    static final byte VALUE = 1;
    static final byte GAP = 2;

    final int count;
    final byte[] state;
    final double[] min;
    final double[] max;
    final double[] first;
    final double[] last;
    final double[] sum;
    /** The column's first sample was NaN: the line must not come in from the left. */
    final boolean[] breakBefore;
    /** The column's last sample was NaN: the line must not go on to the right. */
    final boolean[] breakAfter;

    private Columns(int count) {
        this.count = count;
        state = new byte[count];
        min = new double[count];
        max = new double[count];
        first = new double[count];
        last = new double[count];
        sum = new double[count];
        breakBefore = new boolean[count];
        breakAfter = new boolean[count];
        Arrays.fill(min, Double.NaN);
        Arrays.fill(max, Double.NaN);
        Arrays.fill(first, Double.NaN);
        Arrays.fill(last, Double.NaN);
    }

    /** Points with {@code from <= time <= to} spread over {@code columns} equal slices of time. */
    static Columns reduce(SeriesPoints points, long from, long to, int columns) {
        if (columns <= 0 || to <= from) {
            return new Columns(Math.max(columns, 0));
        }
        Columns c = new Columns(columns);
        long[] times = points.times();
        double[] values = points.values();
        long span = to - from;
        int n = times.length;
        int i = firstIndexAtOrAfter(times, from);
        // Column by column, with the running min/max in locals: a day of 1 Hz points costs one pass.
        while (i < n && times[i] <= to) {
            int col = (int) Math.min(columns - 1, (times[i] - from) * columns / span);
            long end = col == columns - 1 ? Long.MAX_VALUE : from + Math.floorDiv((long) (col + 1) * span + columns - 1, columns);
            boolean any = false;
            boolean lastNaN = false;
            c.breakBefore[col] = Double.isNaN(values[i]);
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double first = Double.NaN;
            double last = Double.NaN;
            double sum = 0;
            for (; i < n && times[i] < end && times[i] <= to; i++) {
                double v = values[i];
                if (v != v) {
                    lastNaN = true;
                    continue;
                }
                if (!any) {
                    first = v;
                    any = true;
                }
                if (v < min) {
                    min = v;
                }
                if (v > max) {
                    max = v;
                }
                last = v;
                sum += v;
                lastNaN = false;
            }
            c.breakAfter[col] = lastNaN;
            if (any) {
                c.state[col] = VALUE;
                c.min[col] = min;
                c.max[col] = max;
                c.first[col] = first;
                c.last[col] = last;
                c.sum[col] = sum;
            } else {
                c.state[col] = GAP;
            }
        }
        return c;
    }

    static int firstIndexAtOrAfter(long[] times, long from) {
        int lo = 0;
        int hi = times.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] < from) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    boolean hasValues() {
        for (byte s : state) {
            if (s == VALUE) {
                return true;
            }
        }
        return false;
    }

    /** Largest value in any column, or NaN when there is none. */
    double maxValue() {
        double m = Double.NaN;
        for (int i = 0; i < count; i++) {
            if (state[i] == VALUE && !(max[i] <= m)) {
                m = max[i];
            }
        }
        return m;
    }

    double minValue() {
        double m = Double.NaN;
        for (int i = 0; i < count; i++) {
            if (state[i] == VALUE && !(min[i] >= m)) {
                m = min[i];
            }
        }
        return m;
    }

    int valueColumns() {
        int n = 0;
        for (byte s : state) {
            if (s == VALUE) {
                n++;
            }
        }
        return n;
    }
}
