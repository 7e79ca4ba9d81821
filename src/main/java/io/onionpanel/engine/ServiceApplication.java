package io.onionpanel.engine;

import io.onionpanel.tor.TorHandle;
import io.onionpanel.tor.Torrc;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives tor the wanted services, or as many of them as it takes. tor takes a service configuration whole or not
 * at all, so one service it refuses (say, a target host name that does not resolve) would keep every other one
 * out. Then each new or changed service is tried alone on top of what tor already runs: the refused ones are
 * reported with tor's reason and the rest run. A refused change of a running service leaves it running as it was.
 */
final class ServiceApplication {
    /**
     * What tor runs now, and the folders of the wanted services it refused (with the reason); a refused folder
     * that is also in {@code running} kept its previous configuration.
     */
    record Outcome(List<Torrc.Service> running, Map<Path, Refusal> refused) {
    }

    /** A service's configuration tor refused, and why. */
    record Refusal(Torrc.Service service, String reason) {
    }

    /** tor's warnings around a SETCONF: its reply to a refusal only says "see logs", its log lines say why. */
    interface TorWarnings {
        /** Forgets the warnings so far, before a try. */
        void clear();

        /** The warnings of the refused try (waiting briefly for them: tor may send them after its reply), or null. */
        String ofRefusal();
    }

    private ServiceApplication() {
    }

    /**
     * @param current     what tor runs now (it accepted that)
     * @param warnings    tor's warnings, for the reason of a refusal
     * @throws IOException when the control connection broke (tor is gone: its restart applies the services again)
     */
    static Outcome apply(TorHandle tor, List<Torrc.Service> current, List<Torrc.Service> wanted,
                         TorWarnings warnings) throws IOException {
        warnings.clear();
        try {
            tor.applyServices(wanted);
            return new Outcome(wanted, Map.of());
        } catch (IOException | RuntimeException whole) {
            requireOpen(tor, whole);
        }
        Set<Path> wantedDirs = new HashSet<>();
        wanted.forEach(s -> wantedDirs.add(s.dir()));
        List<Torrc.Service> accepted = new ArrayList<>(current.stream().filter(s -> wantedDirs.contains(s.dir())).toList());
        // After a refusal a launched tor still runs what it ran (SETCONF is all or nothing), an attached one may
        // have dropped or added some (ADD_ONION goes one by one): only a successful call says what tor runs.
        boolean torRunsAccepted = false;
        Map<Path, Refusal> refused = new LinkedHashMap<>();
        for (Torrc.Service s : wanted) {
            if (accepted.contains(s)) {
                continue;
            }
            List<Torrc.Service> trial = new ArrayList<>(accepted);
            int same = indexOfDir(trial, s.dir());
            if (same >= 0) {
                trial.set(same, s);
            } else {
                trial.add(s);
            }
            warnings.clear();
            try {
                tor.applyServices(trial);
                accepted = trial;
                torRunsAccepted = true;
            } catch (IOException | RuntimeException e) {
                requireOpen(tor, e);
                torRunsAccepted = false;
                refused.put(s.dir(), new Refusal(s, reason(s, e, warnings.ofRefusal())));
            }
        }
        if (!torRunsAccepted) {
            tor.applyServices(accepted);
        }
        return new Outcome(List.copyOf(accepted), Map.copyOf(refused));
    }

    private static void requireOpen(TorHandle tor, Exception e) throws IOException {
        if (!tor.control().isOpen()) {
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }

    private static int indexOfDir(List<Torrc.Service> services, Path dir) {
        for (int i = 0; i < services.size(); i++) {
            if (services.get(i).dir().equals(dir)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Why tor refused {@code service}, without a final period: tor's log lines when it said why (its reply then
     * only says "see logs"), else its reply; and a hint for the one cause an operator can fix here.
     */
    static String reason(Torrc.Service service, Exception e, String warnings) {
        String reply = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        reply = reply.startsWith("Error reply: ") ? reply.substring("Error reply: ".length()) : reply;
        String out = warnings != null && !warnings.isBlank() ? warnings.strip() : reply;
        if (warnings != null && warnings.contains("Unparseable address in hidden service port")) {
            List<String> names = hostNames(service);
            out = trimPeriod(out) + "; tor looks up a target's host name when it loads the service: check that "
                    + (names.isEmpty() ? "it resolves" : String.join(", ", names) + (names.size() == 1 ? " resolves" : " resolve"))
                    + " on this machine, or use an IP address";
        }
        return trimPeriod(out);
    }

    private static List<String> hostNames(Torrc.Service service) {
        List<String> names = new ArrayList<>();
        for (var mapping : service.ports()) {
            for (String target : mapping.targets()) {
                int colon = target.lastIndexOf(':');
                String host = colon > 0 ? target.substring(0, colon) : target;
                if (!target.startsWith("unix:") && !host.startsWith("[") && !host.matches("[0-9.]+") && !names.contains(host)) {
                    names.add(host);
                }
            }
        }
        return names;
    }

    private static String trimPeriod(String text) {
        String t = text.strip();
        while (t.endsWith(".")) {
            t = t.substring(0, t.length() - 1).strip();
        }
        return t;
    }
}
