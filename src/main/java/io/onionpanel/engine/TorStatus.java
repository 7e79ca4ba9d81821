package io.onionpanel.engine;

/** What the operator sees of tor: its state, bootstrap progress and, when it failed, why. */
public record TorStatus(State state, int progress, String tag, String summary, String version, boolean bundled,
                        String detail) {
    public enum State { STOPPED, STARTING, BOOTSTRAPPING, RUNNING, RESTARTING, FAILED }

    public static TorStatus stopped() {
        return new TorStatus(State.STOPPED, 0, "", "", null, false, null);
    }

    public TorStatus with(State newState, String newDetail) {
        return new TorStatus(newState, progress, tag, summary, version, bundled, newDetail);
    }

    public TorStatus withProgress(int newProgress, String newTag, String newSummary) {
        return new TorStatus(state, newProgress, newTag, newSummary, version, bundled, detail);
    }
}
