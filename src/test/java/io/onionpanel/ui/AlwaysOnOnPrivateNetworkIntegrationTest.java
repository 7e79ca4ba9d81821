package io.onionpanel.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.onionpanel.common.Poll;
import io.onionpanel.control.AttachedPanelEngine;
import io.onionpanel.control.ControlClient;
import io.onionpanel.control.EngineProcess;
import io.onionpanel.engine.ServiceStatus;
import io.onionpanel.it.PanelProcess;
import io.onionpanel.monitor.SeriesKeys;
import io.onionpanel.monitor.TimeRange;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.settings.SettingsStore;
import io.onionpanel.testnet.NetworkTest;
import io.onionpanel.testnet.NetworkTor;
import io.onionpanel.testnet.PrivateTorNetwork;
import io.onionpanel.testnet.Socks5Http;
import io.onionpanel.testnet.StandInRoutstr;
import io.onionpanel.testnet.TorNetworkSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Always on, on the private Tor network: the engine ({@code daemon}) runs in its own process under a supervisor that
 * restarts it when it fails (as systemd's Restart=on-failure does), and the window (TestFX, this JVM) is a client of
 * it through the control socket. The window shows the engine's services and health and drives it (a service added
 * from the window is published and answers through a separate client tor); real window processes SIGKILLed 20 times
 * while that client GETs every second: no failed request; the engine SIGKILLed: the supervisor brings it back with
 * the same address and the window reattaches by itself.
 */
@ExtendWith(ApplicationExtension.class)
@NetworkTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlwaysOnOnPrivateNetworkIntegrationTest {
    private static final Duration PUBLISH = Duration.ofSeconds(240);
    private static final int WINDOW_KILLS = 20;

    static PrivateTorNetwork network;
    static StandInRoutstr api;
    static Path work;
    static Path data;
    static Process supervisor;
    static NetworkTor client;
    static String address;

    GuiFixture fx;

    @BeforeAll
    static void engineUnderASupervisor() throws Exception {
        network = TorNetworkSupport.requireNetwork();
        api = StandInRoutstr.start();
        work = Files.createTempDirectory("always-on");
        data = work.resolve("data");
        Files.createDirectories(data);
        new SettingsStore(data).update(s -> s.withTor(s.tor().withExtraTorrcLines(network.clientTorrcLines()))
                .withMonitor(s.monitor().withProbeInterval(3).withProbePath("api", "/v1/info"))
                .withServices(List.of(new ServiceConfig("api", true, List.of(PortMapping.of(80, api.hostPort()))))));
        List<String> command = new ArrayList<>(List.of("bash", "-c",
                // Restart=on-failure, RestartSec=1: a clean exit (stop) ends the supervisor too.
                "while :; do \"$@\"; rc=$?; [ $rc -eq 0 ] && exit 0; echo \"engine exited $rc; restarting\" >&2; sleep 1; done",
                "supervisor"));
        command.addAll(EngineProcess.of(PanelProcess.program()).command(data).stream()
                .filter(a -> !a.equals("/usr/bin/setsid")).toList());
        supervisor = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("supervisor.log").toFile()).start();
        Poll.until("the engine publishes 'api'", PUBLISH, () -> "PUBLISHED".equals(serviceState("api")));
        address = onion("api");
        client = NetworkTor.start(network, "always-on-client", work.resolve("client"), 0, List.of());
        client.awaitBootstrapped(Duration.ofSeconds(120));
        client.getUntilOk("http://" + address + "/v1/info", Duration.ofSeconds(120));
    }

    @AfterAll
    static void stopAll() throws Exception {
        try {
            PanelProcess.cli(data, "stop");
            if (supervisor != null && !supervisor.waitFor(60, TimeUnit.SECONDS)) {
                supervisor.destroyForcibly();
            }
        } finally {
            if (client != null) {
                client.close();
            }
            if (api != null) {
                api.close();
            }
        }
    }

    @Start
    void start(Stage stage) throws Exception {
        AttachedPanelEngine engine = AttachedPanelEngine.attachIfRunning(data, EngineProcess.of(PanelProcess.program()))
                .orElseThrow(() -> new AssertionError("no engine to attach to"));
        fx = GuiFixture.attached(data, engine);
        fx.show(stage, false);
    }

    @AfterEach
    void detach() {
        fx.model.shutdown(false);
    }

    @Test
    @Order(1)
    void theWindowShowsTheEngineAndDrivesIt(FxRobot robot) throws Exception {
        assertTrue(fx.model.engineOutlivesWindow());
        FxWait.until("'api' published, in the window", PUBLISH, () -> state("api") == ServiceStatus.State.PUBLISHED);
        FxWait.until("its address on the card", Duration.ofSeconds(10), () ->
                address.equals(robot.lookup("#service-address-api").queryAs(TextField.class).getText()));
        // The Health page's data, read through the socket: the prober's latencies (every 3 s) and tor's circuits.
        Poll.until("probe latencies charted", Duration.ofSeconds(120), () ->
                fx.model.monitor().series(SeriesKeys.probeP50("api"), TimeRange.TEN_MINUTES, 200).times().length >= 1);
        assertTrue(!fx.model.monitor().circuits().isEmpty(), "the circuit table");
        assertTrue(fx.model.engine().socksAddress().isPresent(), "tor's SOCKS port, for the tester");

        // An action of the window: a second service (what the editor's Apply does), published by the engine.
        fx.model.updateSettings(s -> s.withServices(List.of(s.services().get(0),
                new ServiceConfig("second", true, List.of(PortMapping.of(80, api.hostPort()))))), () -> { });
        FxWait.until("'second' published, in the window", PUBLISH, () -> state("second") == ServiceStatus.State.PUBLISHED);
        String second = fx.model.statuses().get("second").onion();
        client.getUntilOk("http://" + second + "/v1/info", Duration.ofSeconds(120));
    }

    @Test
    @Order(2)
    void windowProcessesKilledWhileAClientGetsEverySecond() throws Exception {
        long enginePid = enginePid();
        AtomicBoolean going = new AtomicBoolean(true);
        AtomicInteger ok = new AtomicInteger();
        List<String> failures = new CopyOnWriteArrayList<>();
        Thread gets = new Thread(() -> {
            while (going.get()) {
                long next = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                try {
                    Socks5Http.HttpResult r = Socks5Http.get("127.0.0.1", client.socksPort(), "http://" + address + "/v1/info",
                            Duration.ofSeconds(20));
                    if (r.status() == 200) {
                        ok.incrementAndGet();
                    } else {
                        failures.add("HTTP " + r.status());
                    }
                } catch (Exception e) {
                    failures.add(e.toString());
                }
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    try {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }, "always-on-client-gets");
        gets.start();
        try {
            for (int i = 0; i < WINDOW_KILLS; i++) {
                Process window = windowProcess(i);
                // Killed at different moments of its life: starting, attaching, attached.
                Thread.sleep(1500 + 250L * (i % 8));
                window.destroyForcibly(); // SIGKILL: no shutdown hook runs
                assertTrue(window.waitFor(10, TimeUnit.SECONDS));
            }
        } finally {
            going.set(false);
            gets.join(30_000);
        }
        assertEquals(List.of(), failures, "every GET through the onion while windows died");
        assertTrue(ok.get() >= WINDOW_KILLS, "requests made: " + ok.get());
        assertEquals(enginePid, enginePid(), "the same engine throughout");
        assertEquals("PUBLISHED", serviceState("api"));
    }

    @Test
    @Order(3)
    void engineKilledComesBackWithTheSameAddressAndTheWindowReattaches() throws Exception {
        AttachedPanelEngine engine = (AttachedPanelEngine) fx.model.engine();
        FxWait.until("attached", Duration.ofSeconds(30), engine::attached);
        long before = engine.enginePid();
        List<String> details = new CopyOnWriteArrayList<>();
        javafx.application.Platform.runLater(() -> fx.model.torStatusProperty().addListener((obs, old, now) ->
                details.add(String.valueOf(now.detail()))));
        ProcessHandle.of(before).orElseThrow().destroyForcibly();
        FxWait.until("the window says it reconnects", Duration.ofSeconds(30),
                () -> details.contains(AttachedPanelEngine.RECONNECTING));
        FxWait.until("reattached to the engine the supervisor started", Duration.ofSeconds(120),
                () -> engine.attached() && engine.enginePid() != before);
        assertNotEquals(before, engine.enginePid());
        FxWait.until("'api' published again, in the window", PUBLISH, () -> state("api") == ServiceStatus.State.PUBLISHED
                && address.equals(fx.model.statuses().get("api").onion()));
        client.getUntilOk("http://" + address + "/v1/info", Duration.ofSeconds(180));
    }

    private ServiceStatus.State state(String service) {
        ServiceStatus s = fx.model.statuses().get(service);
        return s == null ? null : s.state();
    }

    private static Process windowProcess(int i) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw",
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), "io.onionpanel.Main",
                "--data-dir", data.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("window-" + i + ".log").toFile()).start();
    }

    private static JsonNode status() throws Exception {
        try (ControlClient c = ControlClient.connect(data).orElseThrow(() -> new java.io.IOException("no engine"))) {
            return c.call("status");
        }
    }

    private static long enginePid() throws Exception {
        try (ControlClient c = ControlClient.connect(data).orElseThrow()) {
            return c.call("hello").path("pid").asLong();
        }
    }

    private static String serviceState(String name) {
        try {
            for (JsonNode s : status().path("services")) {
                if (s.path("name").asText().equals(name)) {
                    return s.path("state").asText();
                }
            }
        } catch (Exception e) {
            return null; // not up yet
        }
        return null;
    }

    private static String onion(String name) throws Exception {
        for (JsonNode s : status().path("services")) {
            if (s.path("name").asText().equals(name)) {
                return s.path("onion").asText();
            }
        }
        throw new AssertionError("no service " + name);
    }
}
