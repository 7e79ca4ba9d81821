package io.onionpanel.probe;

import io.onionpanel.common.ValidationException;
import java.time.Duration;
import java.util.List;

/**
 * How a test run sends its requests.
 *
 * @param count         number of requests
 * @param concurrency   how many are in flight at once (1 = sequential)
 * @param freshCircuits each request gets its own SOCKS isolation credentials, hence its own circuit (cold latency)
 * @param retryDelays   pauses before each retry of a request that failed with a proxy or timeout error
 * @param timeout       per attempt: SOCKS connect (including the onion rendezvous) and the HTTP exchange each
 */
public record ProbeOptions(int count, int concurrency, boolean freshCircuits, List<Duration> retryDelays, Duration timeout) {
    /** The seed's backoff for circuit building: 1, 2, 4, 8 s. */
    public static final List<Duration> DEFAULT_RETRY_DELAYS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(4), Duration.ofSeconds(8));
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    public static final int MAX_COUNT = 10_000;
    public static final int MAX_CONCURRENCY = 64;

    public ProbeOptions {
        if (count < 1 || count > MAX_COUNT) {
            throw new ValidationException("Count must be between 1 and " + MAX_COUNT);
        }
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new ValidationException("Concurrency must be between 1 and " + MAX_CONCURRENCY);
        }
        retryDelays = retryDelays == null ? DEFAULT_RETRY_DELAYS : List.copyOf(retryDelays);
        if (retryDelays.size() > 10 || retryDelays.stream().anyMatch(d -> d.isNegative() || d.toSeconds() > 300)) {
            throw new ValidationException("At most 10 retries, each pause between 0 and 300 s");
        }
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.toMillis() < 100 || timeout.toSeconds() > 600) {
            throw new ValidationException("The timeout must be between 0.1 and 600 s");
        }
    }

    public static ProbeOptions defaults() {
        return new ProbeOptions(1, 1, false, DEFAULT_RETRY_DELAYS, DEFAULT_TIMEOUT);
    }

    /**
     * Parses the retry schedule: "none"/"0", a number of retries ("3" = 1, 2, 4 s) or explicit seconds
     * ("1,2,4,8").
     */
    public static List<Duration> parseRetries(String text) {
        String t = text == null ? "" : text.strip();
        try {
            if (t.equals("none") || t.equals("0")) {
                return List.of();
            }
            if (!t.contains(",") && !t.contains(".")) {
                int n = Integer.parseInt(t);
                if (n < 0 || n > 10) {
                    throw new ValidationException("Retries must be between 0 and 10");
                }
                return java.util.stream.IntStream.range(0, n).mapToObj(i -> Duration.ofSeconds(1L << i)).toList();
            }
            return java.util.Arrays.stream(t.split(","))
                    .map(s -> Duration.ofMillis(Math.round(Double.parseDouble(s.strip()) * 1000))).toList();
        } catch (NumberFormatException e) {
            throw new ValidationException("Retries: write a count (e.g. 4 for 1, 2, 4, 8 s), seconds such as 1,2,4,8,"
                    + " or none");
        }
    }
}
