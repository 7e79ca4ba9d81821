package io.onionpanel.monitor;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * One resolution of a time series: a ring of {@code capacity} buckets of {@code bucketMillis} each, in
 * primitive arrays (no boxing, fixed size). A slot remembers which bucket it holds, so a slot left over
 * from an earlier lap of the ring (the panel was not running) reads as empty instead of as old data.
 */
final class SeriesTier {
    private final long bucketMillis;
    private final int capacity;
    /**
     * Which lap of the ring each slot's bucket is from: bucket = lap × capacity + slot. An int rather than the bucket's
     * long number (4 bytes a slot less: ~0.4 MB over the engine's series, issue 17); the laps of 1 s buckets in a ring
     * of 3,600 stay within an int for 245,000 years.
     */
    private final int[] lap;
    private final float[] min;
    private final float[] max;
    private final double[] sum;
    private final int[] count;

    SeriesTier(long bucketMillis, int capacity) {
        this.bucketMillis = bucketMillis;
        this.capacity = capacity;
        this.lap = new int[capacity];
        Arrays.fill(lap, Integer.MIN_VALUE);
        this.min = new float[capacity];
        this.max = new float[capacity];
        this.sum = new double[capacity];
        this.count = new int[capacity];
    }

    long bucketMillis() {
        return bucketMillis;
    }

    int capacity() {
        return capacity;
    }

    /** How far back this tier reaches. */
    long spanMillis() {
        return bucketMillis * capacity;
    }

    long bucketOf(long timeMillis) {
        return Math.floorDiv(timeMillis, bucketMillis);
    }

    void add(long timeMillis, double value) {
        long b = bucketOf(timeMillis);
        int slot = slot(b);
        long l = Math.floorDiv(b, (long) capacity);
        if (l != (int) l) {
            return; // a time no clock gives (hundreds of thousands of years away)
        }
        if (lap[slot] != l) {
            if (lap[slot] > l) {
                return; // older than what the ring holds there: out of range
            }
            lap[slot] = (int) l;
            min[slot] = (float) value;
            max[slot] = (float) value;
            sum[slot] = value;
            count[slot] = 1;
            return;
        }
        min[slot] = Math.min(min[slot], (float) value);
        max[slot] = Math.max(max[slot], (float) value);
        sum[slot] += value;
        count[slot]++;
    }

    /** Whether bucket {@code b} holds samples. */
    boolean has(long b) {
        return lap[slot(b)] == Math.floorDiv(b, (long) capacity) && count[slot(b)] > 0;
    }

    double min(long b) {
        return has(b) ? min[slot(b)] : Double.NaN;
    }

    double max(long b) {
        return has(b) ? max[slot(b)] : Double.NaN;
    }

    double sum(long b) {
        return has(b) ? sum[slot(b)] : Double.NaN;
    }

    int count(long b) {
        return has(b) ? count[slot(b)] : 0;
    }

    private int slot(long b) {
        return (int) Math.floorMod(b, (long) capacity);
    }


    /** Writes the occupied slots only. */
    void write(DataOutputStream out) throws IOException {
        out.writeLong(bucketMillis);
        out.writeInt(capacity);
        int used = 0;
        for (int i = 0; i < capacity; i++) {
            if (count[i] > 0) {
                used++;
            }
        }
        out.writeInt(used);
        for (int i = 0; i < capacity; i++) {
            if (count[i] > 0) {
                out.writeLong((long) lap[i] * capacity + i); // the bucket's number, as before
                out.writeFloat(min[i]);
                out.writeFloat(max[i]);
                out.writeDouble(sum[i]);
                out.writeInt(count[i]);
            }
        }
    }

    /** Reads what {@link #write} wrote; a tier saved with another layout is skipped, not misread. */
    void read(DataInputStream in) throws IOException {
        long savedBucket = in.readLong();
        int savedCapacity = in.readInt();
        int used = in.readInt();
        if (used < 0 || used > savedCapacity) {
            throw new IOException("corrupt series file (slot count " + used + ")");
        }
        boolean same = savedBucket == bucketMillis && savedCapacity == capacity;
        for (int i = 0; i < used; i++) {
            long b = in.readLong();
            float lo = in.readFloat();
            float hi = in.readFloat();
            double s = in.readDouble();
            int c = in.readInt();
            long l = Math.floorDiv(b, (long) capacity);
            if (same && c > 0 && l == (int) l) {
                int slot = slot(b);
                if (lap[slot] < l) {
                    lap[slot] = (int) l;
                    min[slot] = lo;
                    max[slot] = hi;
                    sum[slot] = s;
                    count[slot] = c;
                }
            }
        }
    }
}
