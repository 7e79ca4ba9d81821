package io.onionpanel.engine;

import io.onionpanel.tor.TorEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;

/**
 * tor's last log lines, for the operator when something does not happen (a bootstrap or a publication that
 * times out: "tor last said …") and for the reason of a refused service configuration, which tor's reply
 * leaves to its log.
 */
final class TorLogTail implements ServiceApplication.TorWarnings {
    private static final int RECENT_MESSAGES = 8;
    /** tor echoes a refused SETCONF with this line, after the lines that say why. */
    private static final String ECHO = "Controller gave us config lines that didn't validate";

    /** Engine thread: every level, in order with the other events. */
    private final Deque<String> recent = new ArrayDeque<>();
    /**
     * WARN/ERR lines, added on the control reader thread, so before the reply that follows them is seen: why tor
     * refused a SETCONF.
     */
    private final ConcurrentLinkedDeque<String> warnings = new ConcurrentLinkedDeque<>();

    /** On tor's control reader thread, as the event arrives. */
    void arrived(TorEvent event) {
        if (event instanceof TorEvent.Log log && (log.level().equals("WARN") || log.level().equals("ERR"))) {
            warnings.addLast(log.message());
            while (warnings.size() > 8) {
                warnings.pollFirst();
            }
        }
    }

    /** On the engine thread. */
    void remember(TorEvent.Log log) {
        recent.addLast("[" + log.level().toLowerCase() + "] " + log.message());
        if (recent.size() > RECENT_MESSAGES) {
            recent.removeFirst();
        }
    }

    /** A new tor: its predecessor's words do not explain it. */
    void clearRecent() {
        recent.clear();
    }

    /** " tor last said: …" with its last three lines, or "" if it said nothing. */
    String lastWords() {
        if (recent.isEmpty()) {
            return "";
        }
        List<String> lines = new ArrayList<>(recent);
        return " tor last said: " + String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }

    @Override
    public void clear() {
        warnings.clear();
    }

    /** tor may send the log lines of a refusal after its reply: wait a moment for the echo that ends them. */
    @Override
    public String ofRefusal() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (warnings.stream().noneMatch(w -> w.startsWith(ECHO)) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<String> lines = new ArrayList<>();
        for (String w = warnings.pollFirst(); w != null; w = warnings.pollFirst()) {
            if (!w.startsWith(ECHO) && !lines.contains(w)) {
                lines.add(w);
            }
        }
        return lines.isEmpty() ? null : String.join(" ", lines);
    }
}
