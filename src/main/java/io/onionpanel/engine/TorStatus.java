package io.onionpanel.engine;

import io.onionpanel.tor.NetworkVersionStatus;

/**
 * What the operator sees of tor: its state, bootstrap progress and, when it failed, why; which tor runs (its
 * version and where it came from), whether it runs only because the operator allowed an unsupported tor, and
 * what the network said of its version (null until tor has told).
 */
public record TorStatus(State state, int progress, String tag, String summary, String version, String origin,
                        String detail, boolean unsupportedAllowed, NetworkVersionStatus network) {
    public enum State { STOPPED, STARTING, BOOTSTRAPPING, RUNNING, RESTARTING, FAILED }

    /** A status from before origins and the network's verdict were known: the bundled tor or a system one. */
    public TorStatus(State state, int progress, String tag, String summary, String version, boolean bundled, String detail) {
        this(state, progress, tag, summary, version, bundled ? "bundled" : "system", detail, false, null);
    }

    public static TorStatus stopped() {
        return new TorStatus(State.STOPPED, 0, "", "", null, "", null, false, null);
    }

    public boolean bundled() {
        return "bundled".equals(origin);
    }

    /** E.g. "system tor 0.4.9.11"; empty before a tor was chosen. */
    public String describeTor() {
        return version == null ? "" : (origin.isEmpty() ? "" : origin + " ") + "tor " + version;
    }

    public TorStatus with(State newState, String newDetail) {
        return new TorStatus(newState, progress, tag, summary, version, origin, newDetail, unsupportedAllowed, network);
    }

    public TorStatus withProgress(int newProgress, String newTag, String newSummary) {
        return new TorStatus(state, newProgress, newTag, newSummary, version, origin, detail, unsupportedAllowed, network);
    }

    public TorStatus withNetwork(NetworkVersionStatus value) {
        return new TorStatus(state, progress, tag, summary, version, origin, detail, unsupportedAllowed, value);
    }
}
