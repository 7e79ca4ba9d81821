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
    private long last;

    @Override
    public void handle(long now) {
        if (last != 0) {
            gapsMillis.add((now - last) / 1e6);
        }
        last = now;
    }

    void reset() {
        gapsMillis.clear();
        last = 0;
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
