package io.onionpanel.ui.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.onionpanel.monitor.HealthLevel;
import io.onionpanel.monitor.ServiceHealth;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One notification when a service turns unhealthy, one when it recovers; repeats and detours say nothing. */
class HealthAlertsTest {
    private final List<String> alerts = new ArrayList<>();
    private final HealthAlerts health = new HealthAlerts(new HealthAlerts.Sink() {
        @Override
        public void unhealthy(String service, String reason) {
            alerts.add("unhealthy " + service + ": " + reason);
        }

        @Override
        public void recovered(String service) {
            alerts.add("recovered " + service);
        }
    });

    private static ServiceHealth report(String service, HealthLevel level) {
        return new ServiceHealth(service, List.of(), level, "because " + level, Instant.now());
    }

    @Test
    void exactlyOneNotificationEachWay() {
        for (HealthLevel l : List.of(HealthLevel.UNKNOWN, HealthLevel.OK, HealthLevel.OK, HealthLevel.FAIL, HealthLevel.FAIL,
                HealthLevel.WARN, HealthLevel.FAIL, HealthLevel.UNKNOWN, HealthLevel.OK, HealthLevel.OK, HealthLevel.WARN)) {
            health.healthChanged(report("api", l));
        }
        assertEquals(List.of("unhealthy api: because FAIL", "recovered api"), alerts);

        health.healthChanged(report("api", HealthLevel.FAIL));
        assertEquals("unhealthy api: because FAIL", alerts.get(2), "a second outage is a new transition");
    }

    @Test
    void servicesAreJudgedApartAndAFailureFoundAtStartIsReported() {
        FakeMonitor monitor = new FakeMonitor();
        monitor.health = List.of(report("api", HealthLevel.FAIL), report("web", HealthLevel.OK));
        health.attach(monitor);
        assertEquals(List.of("unhealthy api: because FAIL"), alerts);
        monitor.fireHealth(report("web", HealthLevel.FAIL));
        monitor.fireHealth(report("api", HealthLevel.OK));
        monitor.fireHealth(report("web", HealthLevel.FAIL));
        assertEquals(List.of("unhealthy api: because FAIL", "unhealthy web: because FAIL", "recovered api"), alerts);
    }
}
