package io.onionpanel.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.common.Poll;
import io.onionpanel.onion.OnionAddress;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.settings.SettingsStore;
import io.onionpanel.testnet.NetworkTest;
import io.onionpanel.testnet.PrivateTorNetwork;
import io.onionpanel.testnet.StandInRoutstr;
import io.onionpanel.testnet.TorNetworkSupport;
import io.onionpanel.tor.TorControl;
import io.onionpanel.tor.TorPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launched tor gets its services once it has bootstrapped (so it publishes a tick sooner), while the
 * address of a new service is known from the start: the panel makes its keys before tor hears of it.
 */
class EngineServicesAfterBootstrapTest {
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path data;

    @Test
    void beforeBootstrapTorHasNoServiceButTheNewServiceHasItsAddress() throws Exception {
        new SettingsStore(data).update(s -> s.withTor(s.tor().withExtraTorrcLines(List.of("DisableNetwork 1")))
                .withServices(List.of(new ServiceConfig("api", true, List.of(PortMapping.of(80, "127.0.0.1:8000"))))));
        try (Engine engine = new Engine(new EngineOptions(data, null, List.of(), Duration.ofMillis(200)))) {
            engine.start();
            Poll.until("api has its address", Duration.ofSeconds(30), () -> status(engine).onion() != null);

            ServiceStatus api = status(engine);
            assertEquals(ServiceStatus.State.STARTING, api.state());
            assertEquals("Waiting for tor to bootstrap", api.detail());
            assertEquals(api.onion(), OnionAddress.readHostname(data.resolve("services/api")).orElseThrow());
            assertEquals(List.of("HiddenServiceDir"), getConf("HiddenServiceDir"), "tor has no service yet");
            String torrc = Files.readString(TorPaths.in(data).torrc());
            assertFalse(torrc.contains("HiddenServiceDir"), torrc);
            assertTrue(torrc.contains("added over the control port once tor has bootstrapped"), torrc);

            // A change before bootstrap is kept for then, not sent to tor now.
            new SettingsStore(data).update(s -> s.withServices(List.of(
                    new ServiceConfig("api", true, List.of(PortMapping.of(80, "127.0.0.1:8001"))))));
            engine.applySettingsNow();
            Poll.until("the new port is in the status", Duration.ofSeconds(10),
                    () -> status(engine).ports().equals(List.of(PortMapping.of(80, "127.0.0.1:8001"))));
            assertEquals(List.of("HiddenServiceDir"), getConf("HiddenServiceDir"));
        }
    }

    @Test
    @NetworkTest
    void afterBootstrapTorRunsThePanelsKeysAndTheTorrcListsTheService() throws Exception {
        PrivateTorNetwork network = TorNetworkSupport.requireNetwork();
        try (StandInRoutstr api = StandInRoutstr.start()) {
            new SettingsStore(data).update(s -> s.withTor(s.tor().withExtraTorrcLines(network.clientTorrcLines()))
                    .withServices(List.of(new ServiceConfig("api", true, List.of(PortMapping.of(80, api.hostPort()))))));
            try (Engine engine = new Engine(new EngineOptions(data, null, List.of(), Duration.ofMillis(500)))) {
                engine.start();
                String before = status(engine).onion();
                Poll.until("published", Duration.ofSeconds(120), () -> status(engine).state() == ServiceStatus.State.PUBLISHED);

                assertTrue(before != null, "the address is known before tor bootstrapped");
                assertEquals(before, status(engine).onion(), "tor published the panel's keys");
                Path dir = data.resolve("services/api").toAbsolutePath();
                assertEquals(List.of("HiddenServiceDir=" + dir), getConf("HiddenServiceDir"));
                String torrc = Files.readString(TorPaths.in(data).torrc());
                assertTrue(torrc.contains("HiddenServiceDir " + dir + "\nHiddenServicePort 80 " + api.hostPort()), torrc);
            }
        }
    }

    @Test
    @NetworkTest
    void torOptionsChangedBeforeBootstrapStartAnotherTorThatStillGetsTheServices() throws Exception {
        PrivateTorNetwork network = TorNetworkSupport.requireNetwork();
        try (StandInRoutstr api = StandInRoutstr.start()) {
            SettingsStore store = new SettingsStore(data);
            store.update(s -> s.withTor(s.tor().withExtraTorrcLines(network.clientTorrcLines()))
                    .withServices(List.of(new ServiceConfig("api", true, List.of(PortMapping.of(80, api.hostPort()))))));
            // No settings poll: the change below is first read when the services go to tor, at its bootstrap.
            try (Engine engine = new Engine(new EngineOptions(data, null, List.of(), Duration.ofHours(1)))) {
                List<TorStatus.State> states = new CopyOnWriteArrayList<>();
                engine.addListener(new EngineListener() {
                    @Override
                    public void torStatusChanged(TorStatus status) {
                        if (states.isEmpty() || states.get(states.size() - 1) != status.state()) {
                            states.add(status.state());
                        }
                    }
                });
                engine.start();
                long firstTor = RuntimeInfo.read(data).orElseThrow().torPid();
                store.update(s -> s.withTor(s.tor().withBootstrapTimeoutSeconds(150)));

                Poll.until("published", Duration.ofSeconds(120), () -> status(engine).state() == ServiceStatus.State.PUBLISHED);
                assertTrue(RuntimeInfo.read(data).orElseThrow().torPid() != firstTor, "tor was restarted for its new options");
                // The first tor's bootstrap is not taken for the second's: running only once the second bootstrapped.
                // (The second starts on the first one's cached directory and may re-report bootstrap after that, as
                // tor does: RUNNING, BOOTSTRAPPING, RUNNING. Only the way to the first RUNNING is the guard's.)
                List<TorStatus.State> afterRestart = states.subList(states.indexOf(TorStatus.State.RESTARTING), states.size());
                int firstRunning = afterRestart.indexOf(TorStatus.State.RUNNING);
                assertEquals(List.of(TorStatus.State.RESTARTING, TorStatus.State.STARTING, TorStatus.State.BOOTSTRAPPING,
                        TorStatus.State.RUNNING), afterRestart.subList(0, firstRunning + 1), states.toString());
            }
        }
    }

    @Test
    @NetworkTest
    void aServiceTorRefusesStaysOfflineWithTorsReasonWhileTheOthersRun() throws Exception {
        PrivateTorNetwork network = TorNetworkSupport.requireNetwork();
        try (StandInRoutstr api = StandInRoutstr.start()) {
            SettingsStore store = new SettingsStore(data);
            // tor looks a target's host name up when it loads the service: this one cannot resolve.
            store.update(s -> s.withTor(s.tor().withExtraTorrcLines(network.clientTorrcLines())).withServices(List.of(
                    new ServiceConfig("api", true, List.of(PortMapping.of(80, api.hostPort()))),
                    new ServiceConfig("typo", true, List.of(PortMapping.of(80, "no-such-host.invalid:8000"))))));
            try (Engine engine = new Engine(new EngineOptions(data, null, List.of(), Duration.ofMillis(300)))) {
                List<String> errors = EngineErrors.of(engine);
                engine.start();

                Poll.until("api published", Duration.ofSeconds(120), () -> status(engine, "api").state() == ServiceStatus.State.PUBLISHED);
                ServiceStatus typo = status(engine, "typo");
                assertEquals(ServiceStatus.State.STOPPED, typo.state(), typo.toString());
                assertTrue(typo.detail().startsWith("tor refused it: ") && typo.detail().contains("Unparseable address")
                        && typo.detail().endsWith("check that no-such-host.invalid resolves on this machine, or use an IP"
                        + " address."), typo.detail());
                assertEquals(1, errors.stream().filter(e -> e.startsWith("tor refused service 'typo': ")
                        && e.endsWith("It stays offline until its settings change; the other services run.")).count(), errors.toString());
                Path apiDir = data.resolve("services/api").toAbsolutePath();
                assertEquals(List.of("HiddenServiceDir=" + apiDir), getConf("HiddenServiceDir"));
                String torrc = Files.readString(TorPaths.in(data).torrc());
                assertTrue(torrc.contains("services/api") && !torrc.contains("services/typo"), torrc);

                // A refused change of a running service leaves it running as it was.
                store.update(s -> s.withServices(List.of(
                        new ServiceConfig("api", true, List.of(PortMapping.of(80, "no-such-host.invalid:9000"))),
                        new ServiceConfig("typo", true, List.of(PortMapping.of(80, "no-such-host.invalid:8000"))))));
                Poll.until("the change is refused", Duration.ofSeconds(30),
                        () -> errors.stream().anyMatch(e -> e.startsWith("tor refused the change to service 'api'")));
                assertEquals(List.of("HiddenServicePort=80 " + api.hostPort()), getConf("HiddenServicePort"));
                assertEquals(ServiceStatus.State.PUBLISHED, status(engine, "api").state());
                assertEquals(1, errors.stream().filter(e -> e.startsWith("tor refused service 'typo'")).count(),
                        "an unchanged refusal is said once: " + errors);

                // Mended, both run.
                store.update(s -> s.withServices(List.of(
                        new ServiceConfig("api", true, List.of(PortMapping.of(80, api.hostPort()))),
                        new ServiceConfig("typo", true, List.of(PortMapping.of(80, api.hostPort()))))));
                Poll.until("typo published", Duration.ofSeconds(60), () -> status(engine, "typo").state() == ServiceStatus.State.PUBLISHED);
                assertEquals(2, getConf("HiddenServiceDir").size());
            }
        }
    }

    /**
     * tor uploads a new service's descriptor at its once-a-second run after the intro circuits are ready; the engine
     * gives tor its services again as soon as they are (EarlyUpload), so tor uploads then. Shown here on tor's own
     * events, in the engine thread's order: the intro circuits' CIRC_MINOR events made the engine act before the
     * descriptor's first HS_DESC UPLOAD. How much sooner it is published is a benchmark's question (bench/run.sh
     * service-add). A start whose intro circuit failed and was rebuilt waits for tor's run as before, so three are
     * added and one that went up early is enough.
     */
    @Test
    @NetworkTest
    void aServiceAddedToARunningTorIsUploadedAsSoonAsItsIntroCircuitsAreReady() throws Exception {
        PrivateTorNetwork network = TorNetworkSupport.requireNetwork();
        ch.qos.logback.classic.Logger engineLog = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(Engine.class);
        ch.qos.logback.classic.Level levelBefore = engineLog.getLevel();
        List<String> order = new CopyOnWriteArrayList<>();
        ch.qos.logback.core.AppenderBase<ch.qos.logback.classic.spi.ILoggingEvent> appender = new ch.qos.logback.core.AppenderBase<>() {
            @Override
            protected void append(ch.qos.logback.classic.spi.ILoggingEvent e) {
                order.add("log " + e.getFormattedMessage());
            }
        };
        appender.start();
        engineLog.addAppender(appender);
        engineLog.setLevel(ch.qos.logback.classic.Level.INFO);
        try (StandInRoutstr api = StandInRoutstr.start()) {
            SettingsStore store = new SettingsStore(data);
            store.update(s -> s.withTor(s.tor().withExtraTorrcLines(network.clientTorrcLines()))
                    .withServices(List.of(new ServiceConfig("api", true, List.of(PortMapping.of(80, api.hostPort()))))));
            try (Engine engine = new Engine(new EngineOptions(data, null, List.of(), Duration.ofHours(1)))) {
                engine.addListener(new EngineListener() {
                    @Override
                    public void torEvent(io.onionpanel.tor.TorEvent event) {
                        if (event instanceof io.onionpanel.tor.TorEvent.HsDesc d && d.action().equals("UPLOAD")) {
                            order.add("upload " + d.address());
                        }
                    }
                });
                engine.start();
                Poll.until("api published", Duration.ofSeconds(120), () -> status(engine, "api").state() == ServiceStatus.State.PUBLISHED);

                List<String> early = new java.util.ArrayList<>();
                for (int i = 1; i <= 3 && early.isEmpty(); i++) {
                    String name = "added" + i;
                    store.update(s -> s.withServices(List.of(
                            new ServiceConfig("api", true, List.of(PortMapping.of(80, api.hostPort()))),
                            new ServiceConfig(name, true, List.of(PortMapping.of(80, api.hostPort()))))));
                    engine.applySettingsNow();
                    Poll.until(name + " published", Duration.ofSeconds(60), () -> engine.services().stream()
                            .anyMatch(st -> st.name().equals(name) && st.state() == ServiceStatus.State.PUBLISHED));
                    String address = OnionAddress.bare(status(engine, name).onion());
                    int ready = indexOf(order, l -> l.startsWith("log tor gets its services again") && l.contains(address));
                    int upload = indexOf(order, l -> l.equals("upload " + address));
                    assertTrue(upload >= 0, "tor's upload of " + name + " was seen: " + order);
                    if (ready >= 0 && ready < upload) {
                        early.add(name);
                    }
                }
                assertFalse(early.isEmpty(), "no new service went up when its intro circuits were ready: " + order);
                assertEquals(List.of("HiddenServiceDir=" + data.resolve("services/api").toAbsolutePath(),
                        "HiddenServiceDir=" + data.resolve("services/" + early.get(0)).toAbsolutePath()),
                        getConf("HiddenServiceDir"), "tor runs the same services after being given them again");
            }
        } finally {
            engineLog.detachAppender(appender);
            engineLog.setLevel(levelBefore);
        }
    }

    private static int indexOf(List<String> lines, java.util.function.Predicate<String> which) {
        for (int i = 0; i < lines.size(); i++) {
            if (which.test(lines.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private List<String> getConf(String key) throws Exception {
        try (TorControl c = io.onionpanel.it.PanelTor.control(data)) {
            return c.command("GETCONF " + key);
        }
    }

    private static ServiceStatus status(Engine engine) {
        return status(engine, "api");
    }

    private static ServiceStatus status(Engine engine, String name) {
        return engine.services().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }
}
