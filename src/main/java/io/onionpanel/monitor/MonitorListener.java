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

    /** The service has no health to show any more: removed, turned off, or renamed (its new name reports next). */
    default void serviceGone(String service) {
    }
}
