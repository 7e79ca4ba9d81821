package io.onionpanel.onion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.onionpanel.common.ValidationException;
import io.onionpanel.settings.MonitorSettings;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.settings.SettingsStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rename (editor, {@code service rename}) carries the service's probe path to the new name in the same write. */
class OnionServicesRenameTest {
    @TempDir
    Path data;

    @Test
    void theProbePathMovesWithTheName() {
        OnionServices services = new OnionServices(data);
        SettingsStore store = new SettingsStore(data);
        services.add("api", List.of(PortMapping.of(80, "127.0.0.1:8000")));
        services.add("other", List.of(PortMapping.of(80, "127.0.0.1:8001")));
        store.update(s -> s.withMonitor(s.monitor().withProbePath("api", "/v1/info").withProbePath("other", "/health")));

        services.rename("api", "routstr");

        MonitorSettings m = store.load().monitor();
        assertEquals(Map.of("routstr", "/v1/info", "other", "/health"), m.probePaths());
        assertEquals("/v1/info", m.probePath("routstr"));

        // Names are matched without case when renaming: the path follows the name as stored.
        services.rename("ROUTSTR", "Routstr");
        assertEquals(Map.of("Routstr", "/v1/info", "other", "/health"), store.load().monitor().probePaths());
    }

    @Test
    void aRefusedRenameLeavesTheProbePathsAlone() {
        OnionServices services = new OnionServices(data);
        SettingsStore store = new SettingsStore(data);
        services.add("api", List.of(PortMapping.of(80, "127.0.0.1:8000")));
        services.add("other", List.of(PortMapping.of(80, "127.0.0.1:8001")));
        store.update(s -> s.withMonitor(s.monitor().withProbePath("api", "/v1/info")));

        assertThrows(ValidationException.class, () -> services.rename("api", "other"));
        assertEquals(Map.of("api", "/v1/info"), store.load().monitor().probePaths());
    }

    @Test
    void aServiceWithoutAPathGivesTheNewNameNone() {
        MonitorSettings m = MonitorSettings.defaults().withProbePath("b", "/stale").withServiceRenamed("a", "b");
        assertEquals(Map.of(), m.probePaths(), "the path a former 'b' had does not fall to the renamed service");
        assertEquals(MonitorSettings.DEFAULT_PROBE_PATH, m.probePath("b"));
    }
}
