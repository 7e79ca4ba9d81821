package io.onionpanel.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.common.Poll;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.settings.SettingsStore;
import io.onionpanel.settings.SettingsWatcher;
import io.onionpanel.settings.TorSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's own logic against a scripted tor (no process, no network; one engine second is 10 ms):
 * what tor is asked to run as the settings change, the publication and bootstrap timeouts, tor refusing one
 * service, and the restart with backoff after tor dies. The private-network tests remain the proof that it works with tor.
 */
class EngineWithFakeTorTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path data;

    private final FakeTorLauncher launcher = new FakeTorLauncher();

    @Test
    void torRunsWhatTheSettingsSayAsTheyChange() throws Exception {
        SettingsStore store = new SettingsStore(data);
        store.update(s -> s.withServices(List.of(service("a", 8001), service("b", 8002))));
        try (Engine engine = engine()) {
            List<ServiceStatus> events = statusEvents(engine);
            List<String> log = EngineErrors.notices(engine);
            engine.start();
            FakeTor tor = launcher.current();
            assertFalse(tor.torrc.contains("HiddenServiceDir"), "the services go to tor once it bootstrapped");
            Poll.until("a and b run", WAIT, () -> names(tor).equals(List.of("a", "b")));

            store.update(s -> s.withServices(List.of(service("a", 8001), service("b", 8002).withEnabled(false))));
            engine.applySettingsNow();
            Poll.until("b is taken out", WAIT, () -> names(tor).equals(List.of("a")));
            Poll.until("b is stopped", WAIT, () -> state(engine, "b") == ServiceStatus.State.STOPPED);

            store.update(s -> s.withServices(List.of(service("a", 8001), service("b", 8002).withEnabled(false),
                    service("c", 8003))));
            engine.applySettingsNow();
            Poll.until("c is added", WAIT, () -> names(tor).equals(List.of("a", "c")));

            store.update(s -> s.withServices(List.of(service("c", 8003))));
            engine.applySettingsNow();
            Poll.until("a is removed", WAIT, () -> names(tor).equals(List.of("c")));
            Poll.until("a's removal is reported", WAIT, () -> events.stream()
                    .anyMatch(e -> e.name().equals("a") && e.state() == ServiceStatus.State.REMOVED));
            assertEquals(List.of("c"), engine.services().stream().map(ServiceStatus::name).toList());
            // The panel's log says what it was asked to do, whoever changed the settings.
            for (String line : List.of("Service 'b' turned off: it goes offline", "Service 'c' added (80 → 127.0.0.1:8003)",
                    "Service 'a' removed", "Service 'b' removed")) {
                assertTrue(log.contains(line), line + " in " + log);
            }
            assertEquals(1, launcher.launched.size(), "services change without restarting tor");
        }
    }

    @Test
    void aChangeByAnotherProcessReachesTheEngineThroughTheSharedSettingsWatcher() throws Exception {
        SettingsStore store = new SettingsStore(data);
        store.update(s -> s.withServices(List.of(service("a", 8001))));
        try (Engine engine = new Engine(new EngineOptions(data, null, List.of(), Duration.ofMillis(50)), launcher,
                new Timescale(Duration.ofMillis(10)))) {
            engine.start();
            FakeTor tor = launcher.current();
            Poll.until("a runs", WAIT, () -> names(tor).equals(List.of("a")));
            assertTrue(SettingsWatcher.of(data).polling(), "the engine follows the file through the process's watcher");

            // As the CLI does: the file changes, nobody tells the engine.
            store.update(s -> s.withServices(List.of(service("a", 8001), service("b", 8002))));
            Poll.until("b is added", WAIT, () -> names(tor).equals(List.of("a", "b")));
        }
        assertFalse(SettingsWatcher.of(data).polling(), "a stopped engine stops following");
    }

    @Test
    void changedTorSettingsStopTheTorAndLaunchAnotherThatGetsTheSameServices() throws Exception {
        SettingsStore store = new SettingsStore(data);
        store.update(s -> s.withServices(List.of(service("a", 8001))));
        try (Engine engine = engine()) {
            engine.start();
            FakeTor first = launcher.current();
            Poll.until("a runs", WAIT, () -> names(first).equals(List.of("a")));

            store.update(s -> s.withTor(s.tor().withBootstrapTimeoutSeconds(150)));
            engine.applySettingsNow();
            Poll.until("a second tor runs a", WAIT, () -> launcher.launched.size() == 2
                    && names(launcher.current()).equals(List.of("a")));
            assertTrue(first.stopped(), "the first tor was stopped");
            // The services go to the new tor just before it is marked running (same engine task, listeners after).
            Poll.until("the second tor runs", WAIT, () -> engine.torStatus().state() == TorStatus.State.RUNNING);
        }
    }

    @Test
    void aServiceWhoseDescriptorNeverGoesUpIsReportedAfterThePublishTimeout() throws Exception {
        SettingsStore store = new SettingsStore(data);
        store.update(s -> s.withTor(new TorSettings(null, List.of(), 180, 50))
                .withServices(List.of(service("a", 8001), service("b", 8002))));
        try (Engine engine = engine()) {
            List<String> errors = EngineErrors.of(engine);
            engine.start();
            FakeTor tor = launcher.current();
            Poll.until("a and b run", WAIT, () -> names(tor).equals(List.of("a", "b")));
            tor.uploaded(data.resolve("services/a"));
            Poll.until("a is published", WAIT, () -> state(engine, "a") == ServiceStatus.State.PUBLISHED);

            Poll.until("b is reported", WAIT, () -> errors.stream().anyMatch(e -> e.startsWith("Service 'b' (")
                    && e.contains(") is not published after 50 s; tor keeps trying.")));
            assertEquals(ServiceStatus.State.STARTING, state(engine, "b"));
            assertTrue(errors.stream().noneMatch(e -> e.startsWith("Service 'a'")), errors.toString());
        }
    }

    @Test
    void aTorThatDoesNotBootstrapInTimeIsStoppedAndSaysWhereItWasStuck() throws Exception {
        SettingsStore store = new SettingsStore(data);
        store.update(s -> s.withTor(new TorSettings(null, List.of(), 30, 180)).withServices(List.of(service("a", 8001))));
        launcher.bootstrapAtLaunch = false;
        try (Engine engine = engine()) {
            List<String> errors = EngineErrors.of(engine);
            engine.start();
            FakeTor tor = launcher.current();
            Poll.until("tor failed", WAIT, () -> engine.torStatus().state() == TorStatus.State.FAILED);
            assertTrue(engine.torStatus().detail().startsWith("tor did not finish bootstrapping within 30 s: stuck at 5 %"
                    + " (Connecting to a relay)."), engine.torStatus().detail());
            assertTrue(errors.stream().anyMatch(e -> e.startsWith("tor did not finish bootstrapping within 30 s")), errors.toString());
            assertTrue(tor.stopped(), "the stuck tor was stopped");
            assertEquals(ServiceStatus.State.STOPPED, state(engine, "a"));
            assertEquals(1, launcher.launched.size(), "a timeout is not a crash: no restart loop");
        }
    }

    @Test
    void aTorThatBootstrapsBeforeTheTimeoutKeepsRunning() throws Exception {
        SettingsStore store = new SettingsStore(data);
        store.update(s -> s.withTor(new TorSettings(null, List.of(), 30, 180)).withServices(List.of(service("a", 8001))));
        launcher.bootstrapAtLaunch = false;
        try (Engine engine = engine()) {
            engine.start();
            FakeTor tor = launcher.current();
            tor.finishBootstrap();
            Poll.until("tor runs", WAIT, () -> engine.torStatus().state() == TorStatus.State.RUNNING);
            Thread.sleep(600); // twice the timeout (30 engine seconds of 10 ms)
            assertEquals(TorStatus.State.RUNNING, engine.torStatus().state());
            assertFalse(tor.stopped());
        }
    }

    @Test
    void aServiceTorRefusesIsStoppedWithTheReasonWhileTheOthersRun() throws Exception {
        SettingsStore store = new SettingsStore(data);
        store.update(s -> s.withServices(List.of(service("a", 8001), service("b", 8002))));
        launcher.refuse.add(data.resolve("services/b").toAbsolutePath());
        try (Engine engine = engine()) {
            List<String> errors = EngineErrors.of(engine);
            engine.start();
            FakeTor tor = launcher.current();
            Poll.until("b is refused", WAIT, () -> state(engine, "b") == ServiceStatus.State.STOPPED);

            assertEquals(List.of("a"), names(tor));
            assertEquals(ServiceStatus.State.STARTING, state(engine, "a"));
            String detail = status(engine, "b").detail();
            assertTrue(detail.startsWith("tor refused it: Unparseable address in hidden service port configuration;")
                    && detail.endsWith("or use an IP address."), detail);
            assertEquals(1, errors.stream().filter(e -> e.startsWith("tor refused service 'b': ")
                    && e.endsWith("It stays offline until its settings change; the other services run.")).count(),
                    errors.toString());

            // Mended, both run.
            tor.refuse.clear();
            store.update(s -> s.withServices(List.of(service("a", 8001), service("b", 8004))));
            engine.applySettingsNow();
            Poll.until("a and b run", WAIT, () -> names(tor).equals(List.of("a", "b")));
            Poll.until("b starts", WAIT, () -> state(engine, "b") == ServiceStatus.State.STARTING);
        }
    }

    @Test
    void aDeadTorIsRestartedWithGrowingBackoffAndGetsItsServicesBack() throws Exception {
        new SettingsStore(data).update(s -> s.withServices(List.of(service("a", 8001))));
        try (Engine engine = engine()) {
            List<String> errors = EngineErrors.of(engine);
            List<TorStatus.State> states = new CopyOnWriteArrayList<>();
            engine.addListener(new EngineListener() {
                @Override
                public void torStatusChanged(TorStatus status) {
                    states.add(status.state());
                }
            });
            engine.start();
            Poll.until("running", WAIT, () -> engine.torStatus().state() == TorStatus.State.RUNNING);

            launcher.failingLaunches.set(2);
            launcher.current().die();
            Poll.until("a second tor runs", WAIT, () -> launcher.launched.size() == 2
                    && engine.torStatus().state() == TorStatus.State.RUNNING && names(launcher.current()).equals(List.of("a")));
            assertEquals(List.of("tor exited with code 1; restarting in 1 s",
                    "Restarting tor failed: tor exited before its control port opened (fake) Trying again in 2 s.",
                    "Restarting tor failed: tor exited before its control port opened (fake) Trying again in 4 s."),
                    errors, errors.toString());
            assertTrue(states.contains(TorStatus.State.RESTARTING), states.toString());

            // Running again, the backoff starts over.
            launcher.current().die();
            Poll.until("a third tor runs", WAIT, () -> launcher.launched.size() == 3
                    && engine.torStatus().state() == TorStatus.State.RUNNING);
            assertEquals("tor exited with code 1; restarting in 1 s", errors.get(errors.size() - 1));
        }
    }

    @Test
    void aStartingServiceWhoseIntroCircuitsAreReadyIsGivenToTorAgainSoThatItsDescriptorGoesUpAtOnce() throws Exception {
        SettingsStore store = new SettingsStore(data);
        store.update(s -> s.withServices(List.of(service("a", 8001))));
        try (Engine engine = engine()) {
            engine.start();
            FakeTor tor = launcher.current();
            Poll.until("a runs", WAIT, () -> names(tor).equals(List.of("a")));
            tor.uploaded(data.resolve("services/a")); // tor uploaded a by itself: nothing to hurry there

            store.update(s -> s.withServices(List.of(service("a", 8001), service("b", 8002))));
            engine.applySettingsNow();
            Poll.until("b is added", WAIT, () -> names(tor).equals(List.of("a", "b")));
            int asked = tor.asked.size();
            introCircuitsEstablished(tor, "a", 1, 6);
            introCircuitsEstablished(tor, "b", 11, 5);
            engine.torBinary(); // the engine thread handled the events before this
            assertEquals(asked, tor.asked.size(), "a published already; b has 5 of its 6 intro circuits");

            introCircuitsEstablished(tor, "b", 16, 1);
            Poll.until("tor is given its services again", WAIT, () -> tor.asked.size() == asked + 1);
            assertEquals(tor.asked.get(asked - 1), tor.asked.get(asked), "the same services, unchanged");
            introCircuitsEstablished(tor, "b", 17, 6);
            engine.torBinary();
            assertEquals(asked + 1, tor.asked.size(), "once per start");
        }
    }

    /** tor's CIRC_MINOR events for intro circuits of the service in this folder that its intro point acknowledged. */
    private void introCircuitsEstablished(FakeTor tor, String service, int firstId, int count) {
        String onion = io.onionpanel.onion.OnionAddress.readHostname(data.resolve("services/" + service)).orElseThrow();
        String bare = io.onionpanel.onion.OnionAddress.bare(onion);
        for (int id = firstId; id < firstId + count; id++) {
            tor.emit(new io.onionpanel.tor.TorEvent.Other("CIRC_MINOR", "CIRC_MINOR " + id + " PURPOSE_CHANGED"
                    + " $F~r1,$E~r2,$D~r3 BUILD_FLAGS=IS_INTERNAL,NEED_UPTIME PURPOSE=HS_SERVICE_INTRO"
                    + " HS_STATE=HSSI_ESTABLISHED REND_QUERY=" + bare + " OLD_PURPOSE=HS_SERVICE_INTRO OLD_HS_STATE=HSSI_CONNECTING"));
        }
    }

    private Engine engine() {
        // No settings poll: the tests say when the settings are read.
        return new Engine(new EngineOptions(data, null, List.of(), Duration.ofHours(1)), launcher,
                new Timescale(Duration.ofMillis(10)));
    }

    private static ServiceConfig service(String name, int port) {
        return new ServiceConfig(name, true, List.of(PortMapping.of(80, "127.0.0.1:" + port)));
    }

    private static List<String> names(FakeTor tor) {
        return tor.runningDirs().stream().map(d -> d.getFileName().toString()).toList();
    }

    private static List<ServiceStatus> statusEvents(Engine engine) {
        List<ServiceStatus> events = new CopyOnWriteArrayList<>();
        engine.addListener(new EngineListener() {
            @Override
            public void serviceStatusChanged(ServiceStatus status) {
                events.add(status);
            }
        });
        return events;
    }

    private static ServiceStatus status(Engine engine, String name) {
        return engine.services().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private static ServiceStatus.State state(Engine engine, String name) {
        return engine.services().stream().filter(s -> s.name().equals(name)).map(ServiceStatus::state)
                .findFirst().orElse(null);
    }
}
