package io.onionpanel.engine;

import io.onionpanel.probe.SelfProbeResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the prober's looks at a published service into its status: reachable (with what answered, and how fast),
 * or unreachable after two failures in a row (one may be a descriptor still propagating or a slow circuit), told
 * apart from a local API that is down. Engine thread.
 */
final class ReachabilityVerdicts {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    private final StatusBoard board;
    private final Map<String, Integer> failures = new HashMap<>();

    ReachabilityVerdicts(StatusBoard board) {
        this.board = board;
    }

    static boolean checkable(ServiceStatus s) {
        return s != null && s.onion() != null
                && (s.state() == ServiceStatus.State.PUBLISHED || s.state() == ServiceStatus.State.UNREACHABLE);
    }

    /** Newly published: earlier failures no longer count. */
    void reset(String name) {
        failures.remove(name);
    }

    void clear() {
        failures.clear();
    }

    /** Updates the service's status; true when the look failed for the first time and deserves a quick retry. */
    boolean judge(ServiceCheck check) {
        String name = check.service();
        ServiceStatus s = board.service(name);
        if (!checkable(s) || !s.onion().equals(check.onion()) || check.probe() == null) {
            return false;
        }
        SelfProbeResult r = check.probe();
        if (r.answered() || r.clientAuthOnly()) {
            failures.remove(name);
            String detail = r.answered()
                    ? "Reachable through tor: HTTP " + r.httpStatus() + " for " + r.path() + " in " + r.rttMillis() + " ms"
                    : "Published for authorised clients only (the panel holds no client key, so it does not probe it)";
            update(s, s.with(ServiceStatus.State.PUBLISHED, detail));
            return false;
        }
        int inRow = failures.merge(name, 1, Integer::sum);
        if (inRow < 2) {
            return true;
        }
        String detail = check.targets() > 0 && check.targetsAnswering() == 0
                ? "The local API is not answering: nothing accepts connections at " + String.join(", ", targetsOf(s))
                        + " (is the API running?)"
                : "Unreachable through tor: " + r.reason();
        ServiceStatus next = s.with(ServiceStatus.State.UNREACHABLE, detail);
        if (!next.equals(s)) {
            board.update(next);
            String message = "Service '" + name + "' (" + s.onion() + ") is unreachable. " + detail;
            LOG.info(message);
            board.fire(l -> l.serviceUnreachable(name, message));
        }
        return false;
    }

    private void update(ServiceStatus before, ServiceStatus next) {
        if (!next.equals(before)) {
            board.update(next);
        }
    }

    private static List<String> targetsOf(ServiceStatus s) {
        List<String> all = new ArrayList<>();
        s.ports().forEach(p -> all.addAll(p.targets()));
        return all;
    }
}
