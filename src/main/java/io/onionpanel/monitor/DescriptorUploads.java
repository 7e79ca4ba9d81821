package io.onionpanel.monitor;

import io.onionpanel.tor.TorEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * HS_DESC UPLOADED and FAILED times of the last three hours, by address: tor names the address, not the
 * service, and may report an upload before the engine has named its service. Monitor thread.
 */
final class DescriptorUploads {
    private static final Duration KEEP = Duration.ofHours(3);
    private static final int MAX_PER_ADDRESS = 1_000;

    /** One address's uploads. */
    private static final class Times {
        final Deque<Instant> uploaded = new ArrayDeque<>();
        final Deque<Instant> failed = new ArrayDeque<>();
    }

    private final Map<String, Times> byAddress = new HashMap<>();

    /** Keeps an UPLOADED or FAILED; true for an UPLOADED. */
    boolean record(TorEvent.HsDesc d, Instant now) {
        boolean uploaded = d.action().equals("UPLOADED");
        if (!uploaded && !d.action().equals("FAILED")) {
            return false;
        }
        Times t = byAddress.computeIfAbsent(d.address(), a -> new Times());
        Deque<Instant> times = uploaded ? t.uploaded : t.failed;
        times.addLast(now);
        prune(times, now);
        return uploaded;
    }

    int uploadedWithin(String address, Instant now, Duration within) {
        Times t = byAddress.get(address);
        return t == null ? 0 : count(t.uploaded, now, within);
    }

    int failedWithin(String address, Instant now, Duration within) {
        Times t = byAddress.get(address);
        return t == null ? 0 : count(t.failed, now, within);
    }

    /** The last upload still kept, or null. */
    Instant lastUpload(String address) {
        Times t = byAddress.get(address);
        return t == null ? null : t.uploaded.peekLast();
    }

    private static int count(Deque<Instant> times, Instant now, Duration within) {
        Instant from = now.minus(within);
        int n = 0;
        for (Instant t : times) {
            if (t.isAfter(from)) {
                n++;
            }
        }
        return n;
    }

    private static void prune(Deque<Instant> times, Instant now) {
        Instant from = now.minus(KEEP);
        while (!times.isEmpty() && times.peekFirst().isBefore(from)) {
            times.removeFirst();
        }
        while (times.size() > MAX_PER_ADDRESS) {
            times.removeFirst();
        }
    }
}
