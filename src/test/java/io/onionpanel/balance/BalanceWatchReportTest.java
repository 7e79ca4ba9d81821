package io.onionpanel.balance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.actions.LocalPanelActions;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the health report says while no Onionbalance runs: why, when there is a why (no tor is needed for that). */
class BalanceWatchReportTest {
    @TempDir
    Path data;

    @Test
    void anOnionbalanceWaitingToBeRestartedIsReportedWithHowItEnded() {
        LocalPanelActions actions = new LocalPanelActions(data);
        actions.makeFrontend("lb", List.of("80=127.0.0.1:9"));
        actions.addBackend("lb", TestOnions.address(1));
        try (BalanceWatch watch = new BalanceWatch(data, Optional::empty, Optional::empty)) {
            String exit = "Onionbalance exited with code 1; it last said: yaml.scanner.ScannerError; restarting in 4 s";
            watch.round(null, null, 0, data.resolve("onionbalance/status.sock"), "restarting", exit);
            BalanceHealth said = BalanceWatch.read(data).orElseThrow();
            assertEquals("restarting", said.onionbalance());
            assertEquals(exit, said.detail());
            String summary = BalanceOverview.read(data).frontends().get(0).summary();
            assertTrue(summary.startsWith("Onionbalance: restarting (" + exit + ")"), summary);

            // Stopped because tor is not running: no report, and the summary says where to look.
            watch.round(null, null, 0, data.resolve("onionbalance/status.sock"), "stopped", null);
            assertTrue(BalanceWatch.read(data).isEmpty());
            summary = BalanceOverview.read(data).frontends().get(0).summary();
            assertTrue(summary.startsWith("Onionbalance: not running (it runs while the panel's tor runs"), summary);
        }
    }
}
