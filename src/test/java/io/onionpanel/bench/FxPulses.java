package io.onionpanel.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javafx.animation.AnimationTimer;

/**
 * Gaps between consecutive FX pulses, seen from an AnimationTimer (which also keeps pulses coming at ~60 Hz):
 * a gap well over 16.7 ms is a frame the user saw late, whatever held the FX thread or the renderer.
 */
final class FxPulses extends AnimationTimer {
    private final List<Double> gapsMillis = Collections.synchronizedList(new ArrayList<>());
    /** Where each gap ended, in seconds since the last reset. */
    private final List<Double> gapEnds = Collections.synchronizedList(new ArrayList<>());
    /** CPU time the FX thread itself spent between consecutive pulses: its work, whatever else the machine runs. */
    private final List<Double> cpuMillis = Collections.synchronizedList(new ArrayList<>());
    private final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    private long last;
    private long lastCpu;
    private volatile long origin = System.nanoTime();

    @Override
    public void handle(long now) {
        long cpu = threads.getCurrentThreadCpuTime();
        if (last != 0) {
            synchronized (gapsMillis) {
                gapsMillis.add((now - last) / 1e6);
                gapEnds.add((now - origin) / 1e9);
                cpuMillis.add((cpu - lastCpu) / 1e6);
            }
        }
        last = now;
        lastCpu = cpu;
    }

    /** The {@code n} pulses with the most FX-thread CPU time, as "ms at s". */
    String busiest(int n) {
        List<double[]> all = new ArrayList<>();
        synchronized (gapsMillis) {
            for (int i = 0; i < cpuMillis.size(); i++) {
                all.add(new double[]{cpuMillis.get(i), gapEnds.get(i)});
            }
        }
        all.sort((a, b) -> Double.compare(b[0], a[0]));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(n, all.size()); i++) {
            out.append(String.format("%s%.0f ms at %.1f s", i == 0 ? "" : ", ", all.get(i)[0], all.get(i)[1]));
        }
        return out.toString();
    }

    /** The most FX-thread CPU time of one pulse that ended after {@code seconds}. */
    double busiestAfter(double seconds) {
        double max = 0;
        synchronized (gapsMillis) {
            for (int i = 0; i < cpuMillis.size(); i++) {
                if (gapEnds.get(i) > seconds) {
                    max = Math.max(max, cpuMillis.get(i));
                }
            }
        }
        return max;
    }

    /** FX-thread CPU time between pulses, sorted. */
    List<Double> sortedCpu() {
        List<Double> copy;
        synchronized (gapsMillis) {
            copy = new ArrayList<>(cpuMillis);
        }
        Collections.sort(copy);
        return copy;
    }

    void reset() {
        synchronized (gapsMillis) {
            gapsMillis.clear();
            gapEnds.clear();
            cpuMillis.clear();
        }
        last = 0;
        origin = System.nanoTime();
    }

    /** The longest gap that ended after {@code seconds} since the reset (steady state, past the warm-up). */
    double longestAfter(double seconds) {
        double max = 0;
        synchronized (gapsMillis) {
            for (int i = 0; i < gapsMillis.size(); i++) {
                if (gapEnds.get(i) > seconds) {
                    max = Math.max(max, gapsMillis.get(i));
                }
            }
        }
        return max;
    }

    /** The {@code n} longest gaps as "ms at s" (when they ended), longest first. */
    String longest(int n) {
        List<double[]> all = new ArrayList<>();
        synchronized (gapsMillis) {
            for (int i = 0; i < gapsMillis.size(); i++) {
                all.add(new double[]{gapsMillis.get(i), gapEnds.get(i)});
            }
        }
        all.sort((a, b) -> Double.compare(b[0], a[0]));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(n, all.size()); i++) {
            out.append(String.format("%s%.0f ms at %.1f s", i == 0 ? "" : ", ", all.get(i)[0], all.get(i)[1]));
        }
        return out.toString();
    }

    List<Double> sorted() {
        List<Double> copy;
        synchronized (gapsMillis) {
            copy = new ArrayList<>(gapsMillis);
        }
        Collections.sort(copy);
        return copy;
    }

    static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100 * sorted.size()) - 1));
    }
}
