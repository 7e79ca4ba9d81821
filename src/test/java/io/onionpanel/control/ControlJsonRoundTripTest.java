package io.onionpanel.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.type.TypeReference;
import io.onionpanel.engine.ServiceStatus;
import io.onionpanel.engine.TorStatus;
import io.onionpanel.monitor.CircuitRow;
import io.onionpanel.monitor.HealthCheck;
import io.onionpanel.monitor.HealthLevel;
import io.onionpanel.monitor.LogEntry;
import io.onionpanel.monitor.SeriesPoints;
import io.onionpanel.monitor.ServiceHealth;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.tor.NetworkVersionStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the engine writes on its socket, the attached window reads back as the same values. */
class ControlJsonRoundTripTest {
    private static <T> T roundTrip(T value, Class<T> type) throws Exception {
        return ControlProtocol.JSON.readValue(ControlProtocol.JSON.writeValueAsString(value), type);
    }

    @Test
    void statusesHealthLogAndCircuitsSurviveTheWire() throws Exception {
        Instant t = Instant.parse("2026-12-02T15:00:01.250Z");
        TorStatus tor = new TorStatus(TorStatus.State.BOOTSTRAPPING, 45, "loading_descriptors", "Loading relay descriptors",
                "0.4.9.11", "system", null, false, new NetworkVersionStatus("0.4.9.11", "recommended", "0.4.9.11", t));
        assertEquals(tor, roundTrip(tor, TorStatus.class));
        ServiceStatus service = new ServiceStatus("api", "abc.onion", ServiceStatus.State.PUBLISHED,
                List.of(PortMapping.of(80, "127.0.0.1:8000", "127.0.0.1:8001")), "Reachable");
        assertEquals(service, roundTrip(service, ServiceStatus.class));
        ServiceHealth health = new ServiceHealth("api", List.of(new HealthCheck("reachable", HealthLevel.OK, "HTTP 200", t)),
                HealthLevel.OK, "all checks pass", t);
        assertEquals(health, roundTrip(health, ServiceHealth.class));
        LogEntry log = new LogEntry(7, t, "tor", "NOTICE", "Bootstrapped 100%");
        assertEquals(log, roundTrip(log, LogEntry.class));
        List<CircuitRow> circuits = List.of(new CircuitRow("12", "BUILT", "HS_SERVICE_INTRO", List.of("$AA~relay0", "$BB~relay1"), t, 120L),
                new CircuitRow("13", "LAUNCHED", "GENERAL", List.of(), t, null));
        assertEquals(circuits, ControlProtocol.JSON.readValue(ControlProtocol.JSON.writeValueAsString(circuits),
                new TypeReference<List<CircuitRow>>() { }));
    }

    @Test
    void seriesKeepTheirPointsIncludingGaps() throws Exception {
        SeriesPoints points = new SeriesPoints(new long[]{1000, 2000, 3000}, new double[]{1.5, Double.NaN, 3});
        SeriesPoints back = roundTrip(points, SeriesPoints.class);
        assertArrayEquals(points.times(), back.times());
        assertArrayEquals(points.values(), back.values());
    }
}
