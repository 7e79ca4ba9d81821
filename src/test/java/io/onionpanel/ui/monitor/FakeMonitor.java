package io.onionpanel.ui.monitor;

import io.onionpanel.monitor.CircuitRow;
import io.onionpanel.monitor.LogEntry;
import io.onionpanel.monitor.MonitorListener;
import io.onionpanel.monitor.MonitorView;
import io.onionpanel.monitor.SeriesPoints;
import io.onionpanel.monitor.ServiceHealth;
import io.onionpanel.monitor.TimeRange;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A MonitorView for the window's own logic (drawing, coalescing, filtering): it hands out what a test put in
 * and records what the window asked for. Tor itself is never faked here; the monitor engine is tested on
 * the private network.
 */
public final class FakeMonitor implements MonitorView {
    /** One call of {@link #series}. */
    public record SeriesRequest(String key, TimeRange range, int maxPoints, String thread) {
    }

    public final Map<String, SeriesPoints> series = new ConcurrentHashMap<>();
    public final List<SeriesRequest> requests = new CopyOnWriteArrayList<>();
    public final List<MonitorListener> listeners = new CopyOnWriteArrayList<>();
    public volatile List<CircuitRow> circuits = List.of();
    public volatile List<ServiceHealth> health = List.of();
    public volatile List<LogEntry> log = List.of();
    public volatile Supplier<CompletableFuture<String>> newCircuits = () -> CompletableFuture.completedFuture("New circuits requested");
    public final List<String> newCircuitsThreads = new CopyOnWriteArrayList<>();

    @Override
    public SeriesPoints series(String key, TimeRange range, int maxPoints) {
        requests.add(new SeriesRequest(key, range, maxPoints, Thread.currentThread().getName()));
        return series.getOrDefault(key, SeriesPoints.empty());
    }

    @Override
    public List<CircuitRow> circuits() {
        return circuits;
    }

    @Override
    public List<ServiceHealth> health() {
        return health;
    }

    @Override
    public List<LogEntry> recentLog(int max) {
        List<LogEntry> all = log;
        return all.subList(Math.max(0, all.size() - max), all.size());
    }

    @Override
    public CompletableFuture<String> requestNewCircuits() {
        newCircuitsThreads.add(Thread.currentThread().getName());
        return newCircuits.get();
    }

    @Override
    public void addListener(MonitorListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(MonitorListener listener) {
        listeners.remove(listener);
    }

    public void fireCircuits(List<CircuitRow> rows) {
        circuits = rows;
        listeners.forEach(l -> l.circuitsChanged(rows));
    }

    public void fireHealth(ServiceHealth h) {
        listeners.forEach(l -> l.healthChanged(h));
    }

    public void fireGone(String service) {
        listeners.forEach(l -> l.serviceGone(service));
    }

    public void fireLog(LogEntry e) {
        listeners.forEach(l -> l.logAdded(e));
    }
}
