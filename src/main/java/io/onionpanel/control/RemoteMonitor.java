package io.onionpanel.control;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.onionpanel.monitor.CircuitRow;
import io.onionpanel.monitor.LogEntry;
import io.onionpanel.monitor.MonitorListener;
import io.onionpanel.monitor.MonitorView;
import io.onionpanel.monitor.SeriesPoints;
import io.onionpanel.monitor.ServiceHealth;
import io.onionpanel.monitor.TimeRange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * The monitor of an engine in another process, read through its control socket: the window's Health page and
 * notifications use it exactly as they use a monitor in their own process. While the engine is away, reads come
 * back empty rather than failing the page.
 */
final class RemoteMonitor implements MonitorView {
    private static final Duration READ = Duration.ofSeconds(10);
    private final Supplier<ControlConnection> connection;
    private final List<MonitorListener> listeners = new CopyOnWriteArrayList<>();

    RemoteMonitor(Supplier<ControlConnection> connection) {
        this.connection = connection;
    }

    private JsonNode read(String method, Object params) throws IOException {
        ControlConnection c = connection.get();
        if (c == null || !c.isOpen()) {
            throw new IOException("Not connected to the engine");
        }
        return c.call(method, params, READ);
    }

    private <T> T read(String method, Object params, TypeReference<T> type, T whenAway) {
        try {
            return ControlProtocol.JSON.convertValue(read(method, params), type);
        } catch (IOException e) {
            return whenAway;
        } catch (IllegalArgumentException e) {
            throw new UncheckedIOException(new IOException("The engine's answer to '" + method + "' is not understood: "
                    + e.getMessage()));
        }
    }

    @Override
    public SeriesPoints series(String key, TimeRange range, int maxPoints) {
        int max = Math.max(1, Math.min(maxPoints, ControlMethods.MAX_POINTS));
        return read("series", Map.of("key", key, "range", range.name(), "maxPoints", max), new TypeReference<SeriesPoints>() { },
                SeriesPoints.empty());
    }

    @Override
    public List<CircuitRow> circuits() {
        return read("circuits", null, new TypeReference<List<CircuitRow>>() { }, List.of());
    }

    @Override
    public List<ServiceHealth> health() {
        return read("health", null, new TypeReference<List<ServiceHealth>>() { }, List.of());
    }

    @Override
    public List<LogEntry> recentLog(int max) {
        List<LogEntry> all = read("log", null, new TypeReference<List<LogEntry>>() { }, List.of());
        return all.subList(Math.max(0, all.size() - max), all.size());
    }

    @Override
    public CompletableFuture<String> requestNewCircuits() {
        ControlConnection c = connection.get();
        if (c == null || !c.isOpen()) {
            return CompletableFuture.failedFuture(new IOException("Not connected to the engine"));
        }
        return c.call("newCircuits", null).thenApply(answer -> answer.path("answer").asText());
    }

    @Override
    public void addListener(MonitorListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(MonitorListener listener) {
        listeners.remove(listener);
    }

    /** An engine event of the monitor's kinds, on the connection's reading thread. */
    void event(String type, JsonNode data) throws IOException {
        switch (type) {
            case "health" -> {
                ServiceHealth h = ControlProtocol.JSON.treeToValue(data, ServiceHealth.class);
                listeners.forEach(l -> l.healthChanged(h));
            }
            case "log" -> {
                LogEntry e = ControlProtocol.JSON.treeToValue(data, LogEntry.class);
                listeners.forEach(l -> l.logAdded(e));
            }
            case "circuits" -> {
                List<CircuitRow> rows = ControlProtocol.JSON.convertValue(data, new TypeReference<List<CircuitRow>>() { });
                listeners.forEach(l -> l.circuitsChanged(rows));
            }
            case "serviceGone" -> listeners.forEach(l -> l.serviceGone(data.asText()));
            default -> LoggerFactory.getLogger(RemoteMonitor.class).debug("Unknown engine event '{}'", type);
        }
    }
}
