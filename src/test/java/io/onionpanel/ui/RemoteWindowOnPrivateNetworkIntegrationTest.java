package io.onionpanel.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.control.ControlServer;
import io.onionpanel.control.PairingCode;
import io.onionpanel.control.RemoteServerFiles;
import io.onionpanel.engine.Engine;
import io.onionpanel.engine.EngineListener;
import io.onionpanel.engine.EngineOptions;
import io.onionpanel.engine.ServiceStatus;
import io.onionpanel.engine.TorStatus;
import io.onionpanel.monitor.EngineMonitor;
import io.onionpanel.monitor.Monitor;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.settings.SettingsStore;
import io.onionpanel.testnet.NetworkTest;
import io.onionpanel.testnet.PrivateTorNetwork;
import io.onionpanel.testnet.StandInRoutstr;
import io.onionpanel.testnet.TorNetworkSupport;
import io.onionpanel.ui.model.RemotePanel;
import io.onionpanel.ui.model.RemotePanels;
import io.onionpanel.ui.monitor.MonitorPage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The window side of remote access on the private Tor network: engine A serves a service with remote access on and
 * pairs a desktop; window B (its own engine started for its tor, as the window starts it) takes A's code in "Connect
 * to a remote panel…" and shows A's service published with A's address, A's health page, and A's tor restarted from
 * B's button (the connection drops with A's tor and comes back by itself). B's Services page adds a service on A: A
 * publishes it and it answers through its onion. With {@code -Donionpanel.remoteShots=DIR}
 * it also writes the README's picture of a connected remote panel ({@link SceneShots}).
 */
@NetworkTest
@ExtendWith(ApplicationExtension.class)
class RemoteWindowOnPrivateNetworkIntegrationTest {
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path work;

    @Test
    void theWindowPairsWithAServerAndShowsItsServicesHealthAndTor(FxRobot robot) throws Exception {
        PrivateTorNetwork network = TorNetworkSupport.requireNetwork();
        Path dataA = work.resolve("a");
        Path dataB = work.resolve("b");
        try (StandInRoutstr api = StandInRoutstr.start()) {
            new SettingsStore(dataA).update(s -> s.withTor(s.tor().withExtraTorrcLines(network.clientTorrcLines()))
                    .withServices(List.of(new ServiceConfig("api", true, List.of(PortMapping.of(80, api.hostPort()))))));
            RemoteServerFiles server = new RemoteServerFiles(dataA);
            server.enable();
            PairingCode code = server.pair("laptop");
            Engine a = new Engine(new EngineOptions(dataA, null, List.of(), Duration.ofMillis(500)));
            Monitor monitorA = EngineMonitor.attach(a);
            List<TorStatus.State> torA = new CopyOnWriteArrayList<>();
            a.addListener(new EngineListener() {
                @Override
                public void torStatusChanged(TorStatus status) {
                    torA.add(status.state());
                }
            });
            GuiFixture[] b = new GuiFixture[1];
            RemotePanels[] remotes = new RemotePanels[1];
            try (monitorA; a) {
                a.start();
                try (ControlServer controlA = ControlServer.start(a, monitorA, () -> { })) {
                    FxToolkit.setupStage(stage -> {
                        b[0] = new GuiFixture(dataB, network.clientTorrcLines());
                        MainWindow main = new MainWindow(b[0].model, false, theme -> { });
                        remotes[0] = new RemotePanels(dataB, RemotePanel.throughDesktop(b[0].model, Duration.ofSeconds(120)));
                        Scene scene = new Scene(new PanelsWindow(main, b[0].model.notifier(), remotes[0], theme -> { }), 1024, 700);
                        scene.getStylesheets().add(SceneShots.css("panel.css"));
                        stage.setScene(scene);
                        stage.show();
                    });
                    try {
                        String apiOnion = awaitPublished(a);
                        robot.clickOn("#remote-connect");
                        FxWait.until("the connect dialog", () -> robot.lookup("#remote-connect-dialog").tryQuery().isPresent());
                        robot.clickOn("#remote-name").write("server");
                        robot.interact(() -> robot.lookup("#remote-code").queryAs(PasswordField.class).setText(code.text()));
                        robot.clickOn("#remote-connect-confirm");
                        long paired = System.nanoTime();
                        FxWait.until("A's service published in B's window", Duration.ofSeconds(300),
                                () -> robot.lookup("#remote-service-state-api").tryQuery()
                                        .map(n -> ((Label) n).getText().equals("Published")).orElse(false));
                        System.out.println("[remote-window] pair -> A's service shown: " + (System.nanoTime() - paired) / 1_000_000 + " ms");
                        assertEquals(apiOnion, text(robot, "#remote-service-address-api"));
                        assertEquals("Connected", text(robot, "#panel-state"));
                        SceneShots.shoot(robot, robot.lookup("#panels-window").query().getScene(), "remote-panels");

                        // Only the shown panel's tabs are in the scene: the remote one's.
                        TabPane tabs = robot.lookup("#main-tabs").queryAs(TabPane.class);
                        Tab health = tabs.getTabs().stream().filter(t -> t.getText().equals("Health")).findFirst().orElseThrow();
                        robot.interact(() -> tabs.getSelectionModel().select(health));
                        FxWait.until("A's health page", () -> health.getContent() instanceof MonitorPage);

                        // Add a service on A from B's Services page: A publishes it, and it answers through its onion.
                        Tab services = tabs.getTabs().stream().filter(t -> t.getText().equals("Services")).findFirst().orElseThrow();
                        robot.interact(() -> tabs.getSelectionModel().select(services));
                        FxWait.until("A's services listed", Duration.ofSeconds(60), () -> robot.lookup("#remote-services-table")
                                .queryAs(javafx.scene.control.TableView.class).getItems().size() == 1);
                        robot.clickOn("#remote-service-name").write("third");
                        robot.clickOn("#remote-service-ports").write("80=" + api.hostPort());
                        robot.clickOn("#remote-service-add");
                        long addedAt = System.nanoTime();
                        FxWait.until("A publishing the service added from B", Duration.ofSeconds(180), () -> a.services().stream()
                                .anyMatch(st -> st.name().equals("third") && st.state() == ServiceStatus.State.PUBLISHED));
                        String thirdOnion = a.services().stream().filter(st -> st.name().equals("third")).findFirst()
                                .orElseThrow().onion();
                        assertFalse(java.nio.file.Files.exists(dataB.resolve("services/third")), "nothing made on the desktop");
                        int socksB = b[0].model.engine().socksAddress().orElseThrow().getPort();
                        FxWait.until("the service added from B answering through its onion", Duration.ofSeconds(180), () -> {
                            try {
                                return io.onionpanel.testnet.Socks5Http.get("127.0.0.1", socksB, "http://" + thirdOnion
                                        + "/v1/info", Duration.ofSeconds(30)).status() == 200;
                            } catch (java.io.IOException e) {
                                return false;
                            }
                        });
                        System.out.println("[remote-window] service added from B -> it answers: "
                                + (System.nanoTime() - addedAt) / 1_000_000 + " ms");
                        FxWait.until("listed in B with its address", Duration.ofSeconds(30), () -> robot.lookup("#remote-services-table")
                                .queryAs(javafx.scene.control.TableView.class).getItems().stream()
                                .anyMatch(i -> thirdOnion.equals(((io.onionpanel.onion.ServiceInfo) i).onion())));
                        SceneShots.shoot(robot, robot.lookup("#panels-window").query().getScene(), "remote-services");
                        robot.interact(() -> tabs.getSelectionModel().select(0));

                        // Test A's new service from B's dashboard: through B's own tor, as a visitor; kept apart from B's runs.
                        FxWait.until("its card", Duration.ofSeconds(30), () -> robot.lookup("#remote-service-test-third").tryQuery()
                                .map(n -> !n.isDisabled()).orElse(false));
                        robot.clickOn("#remote-service-test-third");
                        FxWait.until("the tester", Duration.ofSeconds(30), () -> robot.lookup("#tester-run").tryQuery().isPresent());
                        robot.clickOn("#tester-run");
                        long testedAt = System.nanoTime();
                        FxWait.until("the test's verdict", Duration.ofSeconds(180), () -> robot.lookup("#tester-verdict").tryQuery()
                                .map(n -> !((Label) n).getText().isEmpty()).orElse(false)
                                && robot.lookup("#tester-run").tryQuery().map(n -> !n.isDisabled()).orElse(false));
                        Label verdict = robot.lookup("#tester-verdict").queryAs(Label.class);
                        assertTrue(verdict.getStyleClass().contains("state-ok"), verdict.getText());
                        System.out.println("[remote-window] test of A's service from B: " + verdict.getText() + " ("
                                + (System.nanoTime() - testedAt) / 1_000_000 + " ms)");
                        assertTrue(java.nio.file.Files.isRegularFile(dataB.resolve("remote-probes/server")
                                .resolve(io.onionpanel.probe.ProbeHistory.FILE_NAME)), "the run kept apart from B's own");
                        SceneShots.shoot(robot, verdict.getScene(), "remote-tester");
                        // Its Share tab: the Routstr node behind it read at its onion URL through B's tor, as visitors
                        // see it (the stand-in announces no onion URL), and the command that changes it on A.
                        robot.clickOn("#tools-tab-share");
                        FxWait.until("Routstr read through the onion", Duration.ofSeconds(120), () -> robot
                                .lookup("#remote-routstr-announces").tryQuery().map(n -> ((Label) n).getText())
                                .filter(t -> !t.isEmpty() && !t.startsWith("Reading")).isPresent());
                        String announces = text(robot, "#remote-routstr-announces");
                        assertTrue(announces.startsWith("Routstr announces no onion URL yet; it should announce http://"
                                + thirdOnion), announces);
                        assertEquals("onion-panel routstr configure --service third --admin-password-file FILE", robot
                                .lookup("#remote-routstr-command").queryAs(javafx.scene.control.TextField.class).getText());
                        SceneShots.shoot(robot, verdict.getScene(), "remote-share");
                        robot.interact(() -> ((javafx.stage.Stage) verdict.getScene().getWindow()).close());

                        // Restart A's tor from B: A restarts, B's connection drops with it and comes back by itself.
                        torA.clear();
                        robot.clickOn("#tor-restart");
                        FxWait.until("the outage question", () -> robot.lookup("#outage-confirm-ok").tryQuery().isPresent());
                        robot.clickOn("#outage-confirm-ok");
                        FxWait.until("A's tor restarted", Duration.ofSeconds(60), () -> torA.contains(TorStatus.State.RESTARTING)
                                || torA.contains(TorStatus.State.STARTING));
                        FxWait.until("B connected to A again, A's service published", Duration.ofSeconds(300),
                                () -> "Connected".equals(text(robot, "#panel-state")) && a.torStatus().state() == TorStatus.State.RUNNING
                                        && robot.lookup("#remote-service-state-api").tryQuery()
                                        .map(n -> ((Label) n).getText().equals("Published")).orElse(false));
                        assertTrue(b[0].model.isEngineRunning(), "B's own engine runs: the window started it for its tor");
                    } finally {
                        FxToolkit.setupFixture(() -> remotes[0].closeAll());
                        if (b[0] != null) {
                            b[0].close();
                        }
                    }
                }
            }
        }
    }

    private static String awaitPublished(Engine a) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            for (ServiceStatus s : a.services()) {
                if (s.state() == ServiceStatus.State.PUBLISHED) {
                    return s.onion();
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("A's service was not published within 180 s");
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAll().stream().filter(n -> n.getScene() != null).map(n -> ((Label) n).getText())
                .findFirst().orElse("");
    }
}
