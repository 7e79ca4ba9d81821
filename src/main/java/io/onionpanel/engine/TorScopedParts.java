package io.onionpanel.engine;

/**
 * The engine's parts whose state belongs to one running tor (uploads seen and hurried, client changes followed, timers
 * and probes of its services, the network's verdict on its version), told together when that tor comes and goes,
 * so that the lifecycle knows one thing instead of each of them. Engine thread.
 */
final class TorScopedParts {
    private final TorLogTail tail;
    private final StatusBoard board;
    private final PublicationWatch publication;
    private final ClientChangeTracker clientChanges;
    private final ServiceProber prober;
    private final NetworkVersionCheck versionCheck;
    private final EarlyUpload earlyUpload;

    TorScopedParts(TorLogTail tail, StatusBoard board, PublicationWatch publication, ClientChangeTracker clientChanges,
                   ServiceProber prober, NetworkVersionCheck versionCheck, EarlyUpload earlyUpload) {
        this.tail = tail;
        this.board = board;
        this.publication = publication;
        this.clientChanges = clientChanges;
        this.prober = prober;
        this.versionCheck = versionCheck;
        this.earlyUpload = earlyUpload;
    }

    /** Another tor is being launched: nothing the last one did counts for it. */
    void newTor() {
        publication.clearUploads();
        clientChanges.clear();
        earlyUpload.clear();
        tail.clearRecent();
    }

    /** tor bootstrapped: the network's verdict on its version, and the prober's look at the services. */
    void torRunning(int generation) {
        versionCheck.check(generation);
        prober.torRunning();
    }

    /** tor is being stopped: no timer or probe of it may fire. */
    void torStopping() {
        versionCheck.cancel();
        publication.cancelAll();
        prober.cancelAll();
    }

    /** The engine is closed for good. */
    void close() {
        prober.close();
    }

    /** tor is gone (stopped, crashed, failed): no service of it runs. */
    void servicesDown() {
        publication.clearUploads();
        clientChanges.clear();
        earlyUpload.clear();
        board.stopAll();
    }
}
