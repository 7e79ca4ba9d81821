package io.onionpanel.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mark routstr configure leaves: saved, absent from files that have none, moved on rename. */
class RoutstrNodesSettingTest {
    @TempDir
    Path data;

    @Test
    void savedReadBackFollowsARenameAndLeavesOtherFilesAsTheyWere() {
        SettingsStore store = new SettingsStore(data);
        Settings plain = store.update(s -> s);
        assertFalse(new String(store.serialize(plain), StandardCharsets.UTF_8).contains("routstrNodes"),
                "a file without Routstr nodes looks as before");

        store.update(s -> s.withMonitor(s.monitor().withProbePath("api", "/v1/info")
                .withRoutstrNode("api", "http://127.0.0.1:8000")));
        MonitorSettings m = store.load().monitor();
        assertEquals(Optional.of("http://127.0.0.1:8000"), m.routstrNode("api"));
        assertTrue(new String(store.readBytes(), StandardCharsets.UTF_8).contains("routstrNodes"));

        MonitorSettings renamed = m.withServiceRenamed("api", "routstr");
        assertEquals(Map.of("routstr", "http://127.0.0.1:8000"), renamed.routstrNodes());
        assertEquals("/v1/info", renamed.probePath("routstr"));
        assertEquals(Map.of(), renamed.withRoutstrNode("routstr", null).routstrNodes());
        assertEquals(Optional.of("http://127.0.0.1:8000"), m.withProbeInterval(60).withMetricsAddress("127.0.0.1:9100")
                .routstrNode("api"), "other changes keep the mark");
    }
}
