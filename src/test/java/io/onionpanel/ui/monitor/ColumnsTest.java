package io.onionpanel.ui.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.monitor.SeriesPoints;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Downsampling to one min/max segment per pixel column: nothing lost that a pixel could show. */
class ColumnsTest {
    @Test
    void aDayAtOneHertzFoldsIntoColumnsKeepingEveryColumnsMinAndMax() {
        long end = 1_700_000_000_000L;
        int n = 86_400;
        Random r = new Random(1);
        long[] t = new long[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = end - (long) (n - 1 - i) * 1000;
            v[i] = r.nextDouble() * 100;
        }
        v[40_000] = 1_000;   // one spike must survive downsampling
        v[40_001] = -5;
        long from = end - 86_400_000L;
        int width = 800;
        Columns c = Columns.reduce(new SeriesPoints(t, v), from, end, width);

        assertEquals(width, c.count);
        assertEquals(width, c.valueColumns(), "108 samples per column: every column has values");
        double[] min = new double[width];
        double[] max = new double[width];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            int col = Math.min(width - 1, (int) ((t[i] - from) * (long) width / (end - from)));
            min[col] = Math.min(min[col], v[i]);
            max[col] = Math.max(max[col], v[i]);
        }
        for (int col = 0; col < width; col++) {
            assertEquals(min[col], c.min[col], "min of column " + col);
            assertEquals(max[col], c.max[col], "max of column " + col);
        }
        assertEquals(1_000, c.maxValue());
        assertEquals(-5, c.minValue());
    }

    @Test
    void pointsOutsideTheWindowAreIgnoredAndSparsePointsLeaveEmptyColumns() {
        SeriesPoints p = new SeriesPoints(new long[]{0, 500, 1_000, 5_000, 9_999, 12_000}, new double[]{7, 1, 2, 3, 4, 99});
        Columns c = Columns.reduce(p, 1_000, 11_000, 10);
        assertEquals(Columns.VALUE, c.state[0]);
        assertEquals(2, c.first[0]);
        assertEquals(Columns.EMPTY, c.state[1]);
        assertEquals(Columns.VALUE, c.state[4]);
        assertEquals(3, c.last[4]);
        assertEquals(Columns.VALUE, c.state[8]);
        assertEquals(3, c.valueColumns());
        assertEquals(4, c.maxValue(), "7 and 99 lie outside the window");
    }

    @Test
    void nanIsAGapNotAZero() {
        SeriesPoints p = new SeriesPoints(new long[]{0, 1_000, 2_000, 3_000, 4_000}, new double[]{5, Double.NaN, Double.NaN, 6, Double.NaN});
        Columns c = Columns.reduce(p, 0, 5_000, 5);
        assertEquals(Columns.VALUE, c.state[0]);
        assertEquals(Columns.GAP, c.state[1]);
        assertEquals(Columns.GAP, c.state[2]);
        assertEquals(Columns.VALUE, c.state[3]);
        assertEquals(Columns.GAP, c.state[4]);
        assertEquals(5, c.minValue(), "NaN never becomes 0");

        // A NaN after a value within one column breaks the line to the next column.
        Columns coarse = Columns.reduce(new SeriesPoints(new long[]{0, 100, 1_000}, new double[]{5, Double.NaN, 6}), 0, 2_000, 2);
        assertTrue(coarse.breakAfter[0]);
        assertFalse(coarse.breakBefore[1]);
        assertEquals(Columns.VALUE, coarse.state[1]);
    }

    @Test
    void emptySeriesOrWindowGivesNoValues() {
        assertFalse(Columns.reduce(SeriesPoints.empty(), 0, 1_000, 100).hasValues());
        assertEquals(0, Columns.reduce(SeriesPoints.empty(), 1_000, 1_000, 100).valueColumns());
        assertEquals(Double.NaN, Columns.reduce(SeriesPoints.empty(), 0, 1_000, 10).maxValue());
    }
}
