package io.onionpanel.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/** Median, min and max of a few timed runs, printed the same way by every benchmark. */
final class BenchStats {
    private final List<Double> values = new ArrayList<>();

    void add(double value) {
        values.add(value);
    }

    double median() {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    int size() {
        return values.size();
    }

    /** Nearest-rank percentile, {@code p} in 0..100. */
    double percentile(double p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    double min() {
        return Collections.min(values);
    }

    double max() {
        return Collections.max(values);
    }

    String describe(String unit) {
        return String.format("median %.2f %s (min %.2f, max %.2f; runs: %s)", median(), unit, min(), max(),
                values.stream().map(v -> String.format("%.2f", v)).collect(Collectors.joining(", ")));
    }
}
