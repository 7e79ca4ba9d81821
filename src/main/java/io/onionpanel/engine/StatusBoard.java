package io.onionpanel.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the engine tells the world: tor's status, each service's status, errors and notices. Changed on the
 * engine thread only, so listeners hear the changes in the order they happened; read from any thread through
 * the immutable snapshots, so that a window or a CLI never waits for the engine.
 */
final class StatusBoard {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    private final List<EngineListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, ServiceStatus> services = new LinkedHashMap<>();
    private volatile TorStatus torStatus = TorStatus.stopped();
    private volatile List<ServiceStatus> snapshot = List.of();

    void addListener(EngineListener listener) {
        listeners.add(listener);
    }

    void removeListener(EngineListener listener) {
        listeners.remove(listener);
    }

    TorStatus torStatus() {
        return torStatus;
    }

    /** The services' statuses, in the settings' order; safe from any thread. */
    List<ServiceStatus> snapshot() {
        return snapshot;
    }

    void setTorStatus(TorStatus status) {
        if (!status.equals(torStatus)) {
            torStatus = status;
            fire(l -> l.torStatusChanged(status));
        }
    }

    ServiceStatus service(String name) {
        return services.get(name);
    }

    /** A copy: callers update statuses while they go through them. */
    List<ServiceStatus> services() {
        return new ArrayList<>(services.values());
    }

    List<String> names() {
        return new ArrayList<>(services.keySet());
    }

    void update(ServiceStatus status) {
        services.put(status.name(), status);
        snapshot = List.copyOf(services.values());
        fire(l -> l.serviceStatusChanged(status));
    }

    /** Forgets the service and reports it REMOVED; returns its last status. */
    ServiceStatus remove(String name) {
        ServiceStatus gone = services.remove(name).with(ServiceStatus.State.REMOVED, null);
        snapshot = List.copyOf(services.values());
        fire(l -> l.serviceStatusChanged(gone));
        return gone;
    }

    /** tor is gone or stopping: no service runs. */
    void stopAll() {
        for (ServiceStatus s : services()) {
            if (s.state() != ServiceStatus.State.STOPPED) {
                update(s.with(ServiceStatus.State.STOPPED, null));
            }
        }
    }

    void error(String message) {
        // Listeners show it to the operator; the log keeps it for diagnostics only.
        LOG.info(message);
        fire(l -> l.error(message));
    }

    void notice(String message) {
        LOG.info(message);
        fire(l -> l.notice(message));
    }

    void fire(Consumer<EngineListener> call) {
        for (EngineListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                LOG.error("Engine listener failed", e);
            }
        }
    }
}
