package io.onionpanel.control;

import io.onionpanel.engine.EngineListener;
import io.onionpanel.engine.ServiceStatus;
import io.onionpanel.engine.TorStatus;
import io.onionpanel.monitor.LogEntry;
import io.onionpanel.monitor.MonitorListener;
import io.onionpanel.monitor.ServiceHealth;
import io.onionpanel.monitor.CircuitRow;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.LoggerFactory;

/**
 * The engine's and the monitor's events as control-API notifications ({@code event} with a {@code type}) to every
 * subscribed session. Called on the engine's and the monitor's threads; a session writes to a local socket, which
 * only blocks when a client stops reading (then its session is dropped by the write failing).
 */
final class EventFeed implements EngineListener, MonitorListener {
    private final Set<ControlSession> subscribers = ConcurrentHashMap.newKeySet();

    void subscribe(ControlSession s) {
        subscribers.add(s);
    }

    void unsubscribe(ControlSession s) {
        subscribers.remove(s);
    }

    private void send(String type, Object data) {
        if (subscribers.isEmpty()) {
            return;
        }
        try {
            var n = ControlProtocol.notification("event", Map.of("type", type, "data", data));
            subscribers.forEach(s -> s.event(n));
        } catch (RuntimeException e) {
            // Never into the engine's or monitor's thread: a value that cannot be written is left out.
            LoggerFactory.getLogger(EventFeed.class).warn("Control event '{}' not sent: {}", type, e.toString());
        }
    }

    void stopping() {
        send("stopping", "The engine stops");
    }

    @Override
    public void torStatusChanged(TorStatus status) {
        send("tor", status);
    }

    @Override
    public void serviceStatusChanged(ServiceStatus status) {
        send("service", status);
    }

    @Override
    public void settingsChanged() {
        send("settings", Map.of());
    }

    @Override
    public void error(String message) {
        send("error", message);
    }

    @Override
    public void notice(String message) {
        send("notice", message);
    }

    @Override
    public void serviceUnreachable(String service, String message) {
        send("unreachable", Map.of("service", service, "message", message));
    }

    @Override
    public void healthChanged(ServiceHealth health) {
        send("health", health);
    }

    @Override
    public void logAdded(LogEntry entry) {
        send("log", entry);
    }

    @Override
    public void circuitsChanged(List<CircuitRow> circuits) {
        send("circuits", circuits);
    }

    @Override
    public void serviceGone(String service) {
        send("serviceGone", service);
    }
}
