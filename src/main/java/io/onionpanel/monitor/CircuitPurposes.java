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
            // HS_SERVICE_HSDIR (descriptor uploads), HS_VANGUARDS, CONFLUX_*, TESTING, CONTROLLER,
            // MEASURE_TIMEOUT, PATH_BIAS_TESTING, …: tor's housekeeping.
            default -> "other";
        };
    }
}
