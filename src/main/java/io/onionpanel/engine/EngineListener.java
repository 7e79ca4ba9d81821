package io.onionpanel.engine;

import io.onionpanel.tor.TorEvent;

/**
 * Receives the engine's state changes on the engine's own thread: implementations hand work to their own
 * thread (the UI uses Platform.runLater) and never block.
 */
public interface EngineListener {
    default void torStatusChanged(TorStatus status) {
    }

    default void serviceStatusChanged(ServiceStatus status) {
    }

    /**
     * The prober looked at a service: its local targets and, once published, a request through tor. The same look
     * decides whether the service is reachable (its status); the monitor keeps its latency and health.
     */
    default void serviceChecked(ServiceCheck check) {
    }

    /** Every control-port event, for monitoring. */
    default void torEvent(TorEvent event) {
    }

    /** A problem the operator must know about; the message is complete and safe to show. */
    default void error(String message) {
    }

    /**
     * The prober's request through tor failed twice in a row for this service. An error unless a listener
     * knows better: the window's health notifications already announce it, once.
     */
    default void serviceUnreachable(String service, String message) {
        error(message);
    }

    /**
     * The data folder's settings changed (services, clients, defences, tor's options), whoever wrote them and
     * whether or not tor runs: whatever lists them reads them again.
     */
    default void settingsChanged() {
    }

    /** Something the operator should hear about that is not a problem, e.g. a client revocation completed. */
    default void notice(String message) {
    }
}
