package io.onionpanel.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.actions.PanelActions;
import io.onionpanel.balance.TestOnions;
import io.onionpanel.balance.BalanceOverview;
import io.onionpanel.balance.BalancedServices;
import io.onionpanel.balance.JoinCode;
import io.onionpanel.common.Poll;
import io.onionpanel.common.ValidationException;
import io.onionpanel.it.PanelProcess;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.settings.SettingsStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A window's Load balancing page of a remote panel, without the window: {@link RemotePanelActions} drives a real
 * daemon (its own JVM, a real tor kept offline) through its control socket. The frontend made on the daemon's
 * console is read back with its backends; backends are added and removed in the daemon's settings; bad addresses
 * come back as the CLI's messages and change nothing; and the CLI of another folder does the same with
 * {@code --engine-socket ... balance}.
 */
class BalanceThroughEngineTest {
    @TempDir
    Path data;
    @TempDir
    Path elsewhere;

    @Test
    void theFrontendsBackendsAreReadAddedAndRemovedThroughTheEngine() throws Exception {
        new SettingsStore(data).update(s -> s.withTor(s.tor().withExtraTorrcLines(List.of("DisableNetwork 1"))));
        BalancedServices balanced = new BalancedServices(data);
        balanced.makeFrontend("lb", List.of(PortMapping.of(80, "127.0.0.1:9")));
        String frontend = balanced.address("lb").orElseThrow();
        String alpha = TestOnions.address(1);
        String bravo = TestOnions.address(2);
        balanced.addBackend("lb", alpha);
        try (PanelProcess daemon = PanelProcess.startDaemon(data)) {
            Path socket = ControlProtocol.ownSocket(data);
            Poll.until("the daemon's control socket", Duration.ofSeconds(60), () -> Files.exists(socket));
            try (ControlConnection c = ControlConnection.open(data, e -> { }, () -> { }).orElseThrow()) {
                PanelActions actions = new RemotePanelActions(c);

                BalanceOverview overview = actions.balance();
                assertEquals(1, overview.frontends().size(), overview.toString());
                BalanceOverview.Frontend lb = overview.frontends().get(0);
                assertEquals("lb", lb.name());
                assertEquals(frontend, lb.address());
                assertEquals(80, lb.virtualPort());
                assertEquals(List.of(alpha), lb.backends().stream().map(b -> b.address()).toList());
                assertFalse(lb.backends().get(0).live(), "tor is offline: no backend can be reached");
                assertTrue(overview.instances().isEmpty());

                PanelActions.BalanceJoinCode code = actions.balanceJoinCode("lb");
                assertEquals(frontend, JoinCode.parse(code.code()).frontend(), "what 'backend join' reads on a backend");
                assertEquals(80, code.virtualPort());

                PanelActions.BalanceChange added = actions.addBackend("lb", bravo);
                assertEquals(List.of(alpha, bravo), added.backends());
                assertEquals(List.of(alpha, bravo), backends());

                byte[] before = new SettingsStore(data).readBytes();
                for (String bad : List.of(bravo, "bravo\nHiddenServicePort 1", bravo + "\"", frontend, "example.com",
                        bravo.replace('a', 'b'))) {
                    ValidationException e = assertThrows(ValidationException.class, () -> actions.addBackend("lb", bad),
                            bad);
                    assertFalse(e.getMessage().isBlank());
                }
                ValidationException second = assertThrows(ValidationException.class,
                        () -> actions.makeFrontend("web", List.of("80=127.0.0.1:1")));
                assertTrue(second.getMessage().contains("already this panel's frontend"), second.getMessage());
                ValidationException notListed = assertThrows(ValidationException.class,
                        () -> actions.removeBackend("lb", TestOnions.address(3)));
                assertTrue(notListed.getMessage().contains("is not listed for 'lb'"), notListed.getMessage());
                ValidationException noFrontend = assertThrows(ValidationException.class, () -> actions.balanceJoinCode("api"));
                assertTrue(noFrontend.getMessage().contains("No service named 'api'"), noFrontend.getMessage());
                assertArrayEquals(before, new SettingsStore(data).readBytes(), "refusals change nothing");
                assertTrue(new SettingsStore(data).load().service("web").isEmpty());

                PanelActions.BalanceChange removed = actions.removeBackend("lb", alpha);
                assertEquals(List.of(bravo), removed.backends());
                assertEquals(List.of(bravo), backends());
                assertEquals(List.of(bravo), actions.balance().frontends().get(0).backends().stream()
                        .map(b -> b.address()).toList());
            }

            // The CLI of another folder, through the same methods: the daemon's frontend, never its own folder's files.
            String[] engine = {"--engine-socket", socket.toString(), "balance"};
            PanelProcess.CliResult added = PanelProcess.cli(elsewhere, concat(engine, "add-backend", "lb", alpha));
            assertEquals(0, added.exit(), added.output());
            assertEquals(List.of(bravo, alpha), backends());
            PanelProcess.CliResult status = PanelProcess.cli(elsewhere, concat(engine, "status"));
            assertEquals(0, status.exit(), status.output());
            assertTrue(status.output().contains("Frontend 'lb' " + frontend + ": 2 backend(s)"), status.output());
            assertTrue(status.output().contains("  " + alpha + "  "), status.output());
            PanelProcess.CliResult code = PanelProcess.cli(elsewhere, concat(engine, "join-code", "lb"));
            assertEquals(JoinCode.parse(code.output().strip()).frontend(), frontend);
            PanelProcess.CliResult json = PanelProcess.cli(elsewhere, concat(engine, "status", "--json"));
            assertEquals(2, json.exit(), json.output());
            assertTrue(json.output().contains("not available with --engine-socket"), json.output());
            PanelProcess.CliResult bad = PanelProcess.cli(elsewhere, concat(engine, "remove-backend", "lb", "x\"y"));
            assertEquals(2, bad.exit(), bad.output());
            assertEquals(List.of(bravo, alpha), backends());
            assertFalse(Files.exists(elsewhere.resolve("settings.json")), "nothing written to the CLI's own folder");
            daemon.terminate(Duration.ofSeconds(60));
        }
    }

    private static String[] concat(String[] first, String... rest) {
        String[] all = java.util.Arrays.copyOf(first, first.length + rest.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }

    private List<String> backends() {
        return new SettingsStore(data).load().service("lb").orElseThrow().balance().backends();
    }
}
