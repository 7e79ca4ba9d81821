package io.onionpanel.monitor;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * One time series at three resolutions: 1 s for the last hour, 1 min for 24 h, 15 min for 30 days. Every
 * sample goes into all three, so a coarse bucket keeps the min and max of its fine samples and a spike
 * survives into the 30-day view.
 */
final class TieredSeries {
    /** How a bucket's samples become one value: averaged (gauges) or added up (events per interval). */
    enum Aggregation { MEAN, SUM }

    static final long[] BUCKET_MILLIS = {1_000L, 60_000L, 900_000L};
    static final int[] CAPACITY = {3_600, 1_440, 2_880};

    private final Aggregation aggregation;
    /** Sampled every second while tor runs: an empty bucket is a gap (NaN); otherwise it is just no event. */
    private final boolean continuous;
    private final SeriesTier[] tiers = new SeriesTier[BUCKET_MILLIS.length];

    TieredSeries(Aggregation aggregation, boolean continuous) {
        this.aggregation = aggregation;
        this.continuous = continuous;
        for (int i = 0; i < tiers.length; i++) {
            tiers[i] = new SeriesTier(BUCKET_MILLIS[i], CAPACITY[i]);
        }
    }

    Aggregation aggregation() {
        return aggregation;
    }

    boolean continuous() {
        return continuous;
    }

    void add(long timeMillis, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return;
        }
        for (SeriesTier t : tiers) {
            t.add(timeMillis, value);
        }
    }

    /** The finest tier that reaches back {@code spanMillis}. */
    SeriesTier tierFor(long spanMillis) {
        for (SeriesTier t : tiers) {
            if (t.spanMillis() >= spanMillis) {
                return t;
            }
        }
        return tiers[tiers.length - 1];
    }

    /** The newest bucket start (ms) holding data in the coarsest tier, or Long.MIN_VALUE. */
    long newestMillis(long nowMillis) {
        SeriesTier coarse = tiers[tiers.length - 1];
        long last = coarse.bucketOf(nowMillis);
        for (long b = last; b > last - coarse.capacity(); b--) {
            if (coarse.has(b)) {
                return b * coarse.bucketMillis();
            }
        }
        return Long.MIN_VALUE;
    }

    /**
     * At most {@code maxPoints} points from {@code nowMillis - spanMillis} to {@code nowMillis}. When there are
     * more buckets than points, neighbouring buckets are grouped and each group gives its minimum and its
     * maximum (in time order), so a one-second spike still shows in a month.
     */
    SeriesPoints points(long nowMillis, long spanMillis, int maxPoints) {
        SeriesTier tier = tierFor(spanMillis);
        long last = tier.bucketOf(nowMillis);
        long first = Math.max(tier.bucketOf(nowMillis - spanMillis) + 1, last - tier.capacity() + 1);
        int n = (int) (last - first + 1);
        int groups = Math.max(1, Math.max(2, maxPoints) / 2);
        int perGroup = Math.max(1, (n + groups - 1) / groups);
        long[] times = new long[Math.min(maxPoints, 2 * ((n + perGroup - 1) / perGroup))];
        double[] values = new double[times.length];
        int out = 0;
        for (long g = first; g <= last; g += perGroup) {
            long end = Math.min(last, g + perGroup - 1);
            long loBucket = Long.MIN_VALUE;
            long hiBucket = Long.MIN_VALUE;
            double lo = Double.NaN;
            double hi = Double.NaN;
            for (long b = g; b <= end; b++) {
                if (!tier.has(b)) {
                    continue;
                }
                double bLo;
                double bHi;
                if (aggregation == Aggregation.SUM) {
                    bLo = tier.sum(b);
                    bHi = bLo;
                } else if (perGroup == 1 && tier.count(b) == 1) {
                    bLo = tier.sum(b);
                    bHi = bLo;
                } else {
                    bLo = tier.min(b);
                    bHi = tier.max(b);
                }
                if (Double.isNaN(lo) || bLo < lo) {
                    lo = bLo;
                    loBucket = b;
                }
                if (Double.isNaN(hi) || bHi > hi) {
                    hi = bHi;
                    hiBucket = b;
                }
            }
            if (Double.isNaN(lo)) {
                if (continuous && out < times.length) {
                    times[out] = g * tier.bucketMillis();
                    values[out++] = Double.NaN;
                }
                continue;
            }
            long loTime = loBucket * tier.bucketMillis();
            long hiTime = hiBucket * tier.bucketMillis();
            if (lo == hi || out + 1 >= times.length) {
                // One value, or room for one point only (maxPoints of 1): the maximum is what must not vanish.
                times[out] = lo == hi ? loTime : hiTime;
                values[out++] = lo == hi ? lo : hi;
                continue;
            }
            if (loBucket == hiBucket) {
                // Both extremes come from one bucket: show them within it, the minimum first.
                hiTime = loTime + tier.bucketMillis() / 2;
            }
            boolean minFirst = loTime <= hiTime;
            times[out] = minFirst ? loTime : hiTime;
            values[out++] = minFirst ? lo : hi;
            times[out] = minFirst ? hiTime : loTime;
            values[out++] = minFirst ? hi : lo;
        }
        if (out == times.length) {
            return new SeriesPoints(times, values);
        }
        return new SeriesPoints(java.util.Arrays.copyOf(times, out), java.util.Arrays.copyOf(values, out));
    }

    void write(DataOutputStream out) throws IOException {
        out.writeByte(aggregation.ordinal());
        out.writeBoolean(continuous);
        for (SeriesTier t : tiers) {
            t.write(out);
        }
    }

    static TieredSeries read(DataInputStream in) throws IOException {
        int agg = in.readUnsignedByte();
        if (agg >= Aggregation.values().length) {
            throw new IOException("corrupt series file (aggregation " + agg + ")");
        }
        TieredSeries s = new TieredSeries(Aggregation.values()[agg], in.readBoolean());
        for (SeriesTier t : s.tiers) {
            t.read(in);
        }
        return s;
    }
}
