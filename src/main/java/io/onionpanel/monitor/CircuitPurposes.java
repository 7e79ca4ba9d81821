package io.onionpanel.monitor;

import java.util.Locale;

/** Folds tor's circuit purposes (control-spec, CIRC PURPOSE=) into the few the charts show. */
public final class CircuitPurposes {
    private CircuitPurposes() {
    }

    /** One of {@link SeriesKeys#CIRCUIT_PURPOSES}; a purpose this version does not know counts as "other". */
    public static String fold(String torPurpose) {
        if (torPurpose == null || torPurpose.isEmpty()) {
            return "general";
        }
        return switch (torPurpose.toUpperCase(Locale.ROOT)) {
            case "GENERAL" -> "general";
            case "HS_SERVICE_INTRO" -> "hs_intro";
            case "HS_SERVICE_REND" -> "hs_rend";
            case "HS_CLIENT_INTRO", "HS_CLIENT_REND", "HS_CLIENT_HSDIR" -> "hs_client";
            // A service uploads each descriptor to several HSDirs, each over a circuit of its own, at every
            // publication and again every hour or so: on a busy panel these outnumber all the others.
            case "HS_SERVICE_HSDIR" -> "hs_upload";
            // HS_VANGUARDS, CONFLUX_*, TESTING, CONTROLLER, MEASURE_TIMEOUT, PATH_BIAS_TESTING, …
            default -> "other";
        };
    }

    /** The words the window shows for a folded purpose. */
    public static String label(String folded) {
        return switch (folded) {
            case "general" -> "general";
            case "hs_intro" -> "onion intro";
            case "hs_rend" -> "onion rendezvous";
            case "hs_client" -> "onion client";
            case "hs_upload" -> "descriptor upload";
            case "other" -> "tor housekeeping";
            default -> folded;
        };
    }

    /** What circuits of a folded purpose are for, for a tooltip. */
    public static String describe(String folded) {
        return switch (folded) {
            case "general" -> "tor's own directory fetches and exit traffic (the panel's probes of other sites)";
            case "hs_intro" -> "circuits to the service's introduction points, kept open while it is online";
            case "hs_rend" -> "one per client connection: the service's side of a rendezvous";
            case "hs_client" -> "this tor visiting an onion service (the panel's self-probes, the tester)";
            case "hs_upload" -> "uploads of a service's descriptor to the HSDirs that hold it: several at each"
                    + " publication, again every hour or so";
            case "other" -> "tor's housekeeping: measuring circuit build timeouts, testing paths, vanguards";
            default -> folded;
        };
    }
}
