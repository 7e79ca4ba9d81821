package io.onionpanel.engine;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** A client change of one service, from the re-creation in tor until its new descriptor is on the HSDirs. */
final class ClientChange {
    final String service;
    final Map<String, String> before;
    final Map<String, String> after;
    final int closedCircuits;
    final long startedNanos;
    /** The new descriptor's uploads. */
    final UploadRound round = new UploadRound();
    /** False until the HS_DESC events tor sent before the change are behind us (see ClientChangeTracker). */
    boolean armed;

    ClientChange(String service, Map<String, String> before, Map<String, String> after, int closedCircuits,
                 long startedNanos) {
        this.service = service;
        this.before = before;
        this.after = after;
        this.closedCircuits = closedCircuits;
        this.startedNanos = startedNanos;
    }

    /** What the operator is told once the new descriptor is up. */
    String completed() {
        Set<String> removed = new TreeSet<>(before.keySet());
        removed.removeAll(after.keySet());
        Set<String> added = new TreeSet<>(after.keySet());
        added.removeAll(before.keySet());
        Set<String> changed = new TreeSet<>(after.keySet());
        changed.retainAll(before.keySet());
        changed.removeIf(k -> before.get(k).equals(after.get(k)));
        removed.addAll(changed);
        String seconds = String.format(Locale.ROOT, "%.1f", (System.nanoTime() - startedNanos) / 1e9);
        String circuits = closedCircuits == 1 ? "1 open connection" : closedCircuits + " open connections";
        if (after.isEmpty()) {
            return "Client authorisation of '" + service + "' is off: its new descriptor is published for everyone"
                    + " with the address (" + seconds + " s; " + circuits + " closed).";
        }
        if (before.isEmpty()) {
            return "Client authorisation of '" + service + "' is on: only its " + after.size() + " authorised"
                    + " client(s) can reach it; the public descriptor was replaced (" + seconds + " s; "
                    + circuits + " closed).";
        }
        StringBuilder b = new StringBuilder();
        if (!removed.isEmpty()) {
            b.append("Revoked ").append(quoted(removed)).append(" of '").append(service).append("': tor re-created")
                    .append(" the service with new introduction points, closed ").append(circuits)
                    .append(" and published a descriptor ").append(removed.size() == 1 ? "it" : "they")
                    .append(" cannot read (").append(seconds).append(" s).");
            if (!added.isEmpty()) {
                b.append(" Added ").append(quoted(added)).append('.');
            }
        } else {
            b.append("Added ").append(quoted(added)).append(" to '").append(service)
                    .append("': new descriptor published (").append(seconds).append(" s).");
        }
        return b.toString();
    }

    private static String quoted(Set<String> names) {
        return (names.size() == 1 ? "client " : "clients ") + "'" + String.join("', '", names) + "'";
    }
}
