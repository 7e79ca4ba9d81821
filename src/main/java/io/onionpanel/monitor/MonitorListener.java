package io.onionpanel.monitor;

import java.util.List;

/** Called on the monitor's own thread; implementations hand work to their own thread and never block. */
public interface MonitorListener {
    default void healthChanged(ServiceHealth health) {
    }

    default void circuitsChanged(List<CircuitRow> circuits) {
    }

    default void logAdded(LogEntry entry) {
    }
}
