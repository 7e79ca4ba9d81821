package io.onionpanel.ui.monitor;

import io.onionpanel.monitor.HealthLevel;
import io.onionpanel.monitor.MonitorListener;
import io.onionpanel.monitor.MonitorView;
import io.onionpanel.monitor.ServiceHealth;
import io.onionpanel.ui.common.Notifier;
import io.onionpanel.ui.model.ExpectedOutages;
import java.util.HashSet;
import java.util.Set;

/**
 * A desktop notification when a service becomes unhealthy (overall FAIL) and one when it recovers (overall
 * OK again) — once per transition: further failing reports, or a warning on the way back, say nothing new.
 * Watches every health report, not the coalesced display, so a short failure is never missed; runs from
 * the window's start, whether or not the Health tab was ever opened.
 */
public final class HealthAlerts implements MonitorListener {
    /** Where the alerts go: the Notifier in the window, a recorder in tests. */
    public interface Sink {
        void unhealthy(String service, String reason);

        void recovered(String service);
    }

    private final Sink sink;
    private final Set<String> failing = new HashSet<>();

    public HealthAlerts(Sink sink) {
        this.sink = sink;
    }

    public static HealthAlerts toNotifier(Notifier notifier, ExpectedOutages expected) {
        return new HealthAlerts(notifying(notifier, expected));
    }

    /** Notifications in the window: error style when unhealthy, information when recovered, and the status line. */
    public static Sink notifying(Notifier notifier) {
        return notifying(notifier, new ExpectedOutages(java.time.Clock.systemUTC()));
    }

    /**
     * As {@link #notifying(Notifier)}, except for outages the operator just caused from the panel: those (and the
     * recovery that follows) are told on the status line only. The recovery replaces the failure's notification.
     */
    public static Sink notifying(Notifier notifier, ExpectedOutages expected) {
        Set<String> quiet = java.util.concurrent.ConcurrentHashMap.newKeySet();
        return new Sink() {
            @Override
            public void unhealthy(String service, String reason) {
                if (expected.expected(service)) {
                    quiet.add(service);
                    notifier.info("Service '" + service + "' is offline, as expected after your change: " + reason);
                } else {
                    quiet.remove(service);
                    notifier.error(key(service), "Service '" + service + "' is unhealthy", reason);
                }
            }

            @Override
            public void recovered(String service) {
                String message = "Service '" + service + "' is healthy again: all checks pass.";
                if (quiet.remove(service)) {
                    notifier.info(message);
                } else {
                    notifier.success(key(service), "Service '" + service + "' recovered", message);
                }
            }
        };
    }

    private static String key(String service) {
        return "health:" + service;
    }

    /** Listens from now on and judges the current state once (a service already failing is reported). */
    public HealthAlerts attach(MonitorView monitor) {
        monitor.addListener(this);
        for (ServiceHealth h : monitor.health()) {
            healthChanged(h);
        }
        return this;
    }

    /** A removed, turned-off or renamed service: no recovery to announce for it later. */
    @Override
    public synchronized void serviceGone(String service) {
        failing.remove(service);
    }

    @Override
    public void healthChanged(ServiceHealth health) {
        boolean notifyUnhealthy = false;
        boolean notifyRecovered = false;
        synchronized (this) {
            if (health.overall() == HealthLevel.FAIL) {
                notifyUnhealthy = failing.add(health.service());
            } else if (health.overall() == HealthLevel.OK) {
                notifyRecovered = failing.remove(health.service());
            }
        }
        if (notifyUnhealthy) {
            sink.unhealthy(health.service(), health.reason());
        } else if (notifyRecovered) {
            sink.recovered(health.service());
        }
    }
}
