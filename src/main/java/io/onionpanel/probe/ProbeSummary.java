package io.onionpanel.probe;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts and latency percentiles of a run. Latencies are those of successful requests (a failure's time says
 * how long tor took to give up, not how fast the service is); null when none succeeded.
 */
public record ProbeSummary(int count, int ok, Map<String, Integer> status, Long minMs, Long p50Ms, Long p95Ms,
                           Long maxMs) {
    public ProbeSummary {
        status = Map.copyOf(status);
    }

    public static ProbeSummary of(List<ProbeAttempt> attempts) {
        Map<String, Integer> status = new TreeMap<>();
        attempts.forEach(a -> status.merge(a.status() == 0 ? "none" : Integer.toString(a.status()), 1, Integer::sum));
        long[] times = attempts.stream().filter(ProbeAttempt::ok).mapToLong(ProbeAttempt::millis).sorted().toArray();
        int ok = times.length;
        if (ok == 0) {
            return new ProbeSummary(attempts.size(), 0, status, null, null, null, null);
        }
        return new ProbeSummary(attempts.size(), ok, status, times[0], percentile(times, 50), percentile(times, 95),
                times[ok - 1]);
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    public double successRate() {
        return count == 0 ? 0 : (double) ok / count;
    }

    /** "200 ×10, 503 ×2" (sorted by status; "no answer" for requests that got none): for people, not for parsing. */
    public String statusInWords() {
        return statusSorted().entrySet().stream()
                .map(e -> ("none".equals(e.getKey()) ? "no answer" : e.getKey()) + " ×" + e.getValue())
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** Sorted by status for display; the record's map is unordered. */
    public Map<String, Integer> statusSorted() {
        return new TreeMap<>(status);
    }
}
