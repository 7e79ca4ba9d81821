package io.onionpanel.monitor;

import io.onionpanel.probe.SelfProbeResult;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.engine.ServiceStatus;
import io.onionpanel.settings.PortMapping;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One object per watched service, on the monitor's thread (here the test's): what moves on a rename, what a removal keeps. */
class WatchedServicesTest {
    private static final String ADDR = "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz2345";
    private static final List<PortMapping> PORTS = List.of(PortMapping.of(80, "127.0.0.1:1"));
    private final SeriesStore series = new SeriesStore();
    private final Listeners listeners = new Listeners();
    private final List<String> gone = new ArrayList<>();
    private final WatchedServices services = new WatchedServices(series, new MonitorLog(listeners), listeners);

    WatchedServicesTest() {
        listeners.add(new MonitorListener() {
            @Override
            public void serviceGone(String service) {
                gone.add(service);
            }
        });
    }

    private static ServiceStatus status(String name, ServiceStatus.State state) {
        return new ServiceStatus(name, ADDR + ".onion", state, PORTS, null);
    }

    @Test
    void aRenameMovesTheWholeServiceAndTheOldNameLeavesTheViewOnce() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        services.apply(status("api", ServiceStatus.State.PUBLISHED), t0);
        WatchedService api = services.get("api");
        api.probes.add(new SelfProbeResult(t0, "/", 200, 250, null, 0), false);
        api.descriptorUploads.incrementAndGet();
        api.targetsChecked(1, 1);
        api.health = new ServiceHealth("api", List.of(), HealthLevel.OK, "", t0);

        services.apply(status("routstr", ServiceStatus.State.PUBLISHED), t0.plusSeconds(60));
        services.apply(status("api", ServiceStatus.State.REMOVED), t0.plusSeconds(61));

        assertSame(api, services.get("routstr"), "probe figures, uploads, target check move as one");
        assertNull(services.get("api"));
        assertEquals(t0, api.publishedAt, "still published at the same address: the first-probe delay does not start again");
        assertEquals(1, api.probes.answered());
        assertEquals(1, api.targets);
        assertEquals(List.of("api"), gone);
        assertEquals("routstr", series.serviceName(ADDR));
    }

    @Test
    void aRemovedServiceKeepsItsTotalsButNotItsPublicationOrChecks() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        services.apply(status("api", ServiceStatus.State.PUBLISHED), t0);
        WatchedService api = services.get("api");
        api.descriptorUploads.incrementAndGet();
        api.targetsChecked(0, 1);

        services.apply(status("api", ServiceStatus.State.REMOVED), t0.plusSeconds(1));
        assertTrue(services.all().isEmpty());
        services.apply(status("api", ServiceStatus.State.STARTING), t0.plusSeconds(2));

        WatchedService again = services.get("api");
        assertNotNull(again);
        assertEquals(1, again.descriptorUploads.get(), "a counter since the panel started, as Prometheus expects");
        assertNull(again.publishedAt);
        assertEquals(-1, again.targets, "checked again before it is judged");
    }
}
