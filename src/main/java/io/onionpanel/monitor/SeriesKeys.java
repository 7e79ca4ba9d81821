package io.onionpanel.monitor;

import java.util.List;

/** Names of the series the monitor keeps; the charts and the metrics endpoint use the same names. */
public final class SeriesKeys {
    /** Circuit purposes as charted; tor's many purposes are folded into these. */
    public static final List<String> CIRCUIT_PURPOSES = List.of("general", "hs_intro", "hs_rend", "hs_client", "hs_upload", "other");

    public static final String CIRCUIT_BUILD_MS = "circuit.build_ms";
    public static final String BANDWIDTH_READ = "bandwidth.read_bytes_per_s";
    public static final String BANDWIDTH_WRITTEN = "bandwidth.written_bytes_per_s";

    private SeriesKeys() {
    }

    /** Open circuits of one purpose from {@link #CIRCUIT_PURPOSES}. */
    public static String circuits(String purpose) {
        return "circuits." + purpose;
    }

    public static String probeP50(String service) {
        return "probe." + service + ".p50_ms";
    }

    public static String probeP95(String service) {
        return "probe." + service + ".p95_ms";
    }

    /** Failed self-probes per sample interval. */
    public static String probeFailures(String service) {
        return "probe." + service + ".failures";
    }

    /** The round-trip time of a cold self-probe (the first over new circuits), one mark each. */
    public static String probeCold(String service) {
        return "probe." + service + ".cold_ms";
    }

    /** Every series kept under a service's name (they move with it when it is renamed). */
    public static List<String> ofService(String service) {
        return List.of(probeP50(service), probeP95(service), probeFailures(service), probeCold(service));
    }
}
