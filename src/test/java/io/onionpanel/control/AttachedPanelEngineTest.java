package io.onionpanel.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.common.Poll;
import io.onionpanel.engine.EngineListener;
import io.onionpanel.engine.ServiceStatus;
import io.onionpanel.engine.TorStatus;
import io.onionpanel.it.PanelProcess;
import io.onionpanel.monitor.LogEntry;
import io.onionpanel.monitor.MonitorListener;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.settings.SettingsStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window's side of the engine, against a real {@code daemon} in its own process (a real tor kept offline with
 * DisableNetwork): started when none runs, its state and events followed, its monitor read through the socket, a
 * second daemon refused, a killed engine noticed and (started here, no supervisor) brought back with the same
 * address, and "stop everything" ending it.
 */
class AttachedPanelEngineTest {
    private static final Duration UP = Duration.ofSeconds(60);

    @TempDir
    Path data;

    @Test
    void startsFollowsReattachesAfterAKillAndStops() throws Exception {
        new SettingsStore(data).update(s -> s.withTor(s.tor().withExtraTorrcLines(List.of("DisableNetwork 1")))
                .withServices(List.of(new ServiceConfig("api", true, List.of(PortMapping.of(80, "127.0.0.1:1"))))));
        EngineProcess launcher = EngineProcess.of(PanelProcess.program());
        assertTrue(AttachedPanelEngine.attachIfRunning(data, launcher).isEmpty(), "no engine runs yet");

        AttachedPanelEngine engine = AttachedPanelEngine.notRunning(data, launcher);
        List<TorStatus> tor = new CopyOnWriteArrayList<>();
        List<ServiceStatus> services = new CopyOnWriteArrayList<>();
        List<LogEntry> log = new CopyOnWriteArrayList<>();
        engine.addListener(new EngineListener() {
            @Override
            public void torStatusChanged(TorStatus status) {
                tor.add(status);
            }

            @Override
            public void serviceStatusChanged(ServiceStatus status) {
                services.add(status);
            }
        });
        engine.monitor().addListener(new MonitorListener() {
            @Override
            public void logAdded(LogEntry entry) {
                log.add(entry);
            }
        });
        try {
            engine.start();
            assertTrue(engine.startedHere() && engine.attached());
            long first = engine.enginePid();
            assertNotEquals(ProcessHandle.current().pid(), first, "the engine runs in a process of its own");
            Poll.until("the service's address from the engine", UP, () -> onion(engine) != null);
            String address = onion(engine);
            // The address is known from the keys before the engine reads the settings; once tor is launching, it
            // has read them, and a change written now is one it logs (seen in CI: one written in between was not).
            Poll.until("tor launched", UP, () -> engine.torStatus().state() == TorStatus.State.BOOTSTRAPPING
                    || engine.torStatus().state() == TorStatus.State.RUNNING);
            // A change written by the window (settings.json), applied at once through the socket.
            new SettingsStore(data).update(s -> s.withServices(List.of(s.services().get(0),
                    new ServiceConfig("second", true, List.of(PortMapping.of(8080, "127.0.0.1:2"))))));
            engine.applySettingsNow();
            Poll.until("the new service from the engine", UP, () -> engine.services().stream().anyMatch(s -> s.name().equals("second")));
            Poll.until("the panel's log line about it, as an event", UP,
                    () -> log.stream().anyMatch(e -> e.text().contains("second")));
            assertFalse(engine.monitor().recentLog(50).isEmpty(), "the log read through the socket");
            // (No SOCKS port to ask for: DisableNetwork opens no listeners; the private-network test asks.)

            PanelProcess.CliResult second = PanelProcess.cli(data, "daemon");
            assertEquals(1, second.exit(), second.output());
            assertTrue(second.output().contains("already running"), second.output());

            ProcessHandle.of(first).orElseThrow().destroyForcibly();
            Poll.until("the window says it reconnects", UP,
                    () -> tor.stream().anyMatch(t -> AttachedPanelEngine.RECONNECTING.equals(t.detail())));
            Poll.until("a new engine, attached", Duration.ofSeconds(90),
                    () -> engine.attached() && engine.enginePid() != first);
            Poll.until("the same address again", UP, () -> address.equals(onion(engine)));

            long second2 = engine.enginePid();
            engine.stopEngine();
            // stopEngine waits a while for the process; under a loaded machine its tor may take longer to stop.
            Poll.until("stop everything ends the engine", UP,
                    () -> !ProcessHandle.of(second2).map(ProcessHandle::isAlive).orElse(false));
            Poll.until("tor stopped", UP, () -> engine.torStatus().state() == TorStatus.State.STOPPED);
            assertFalse(Files.exists(ControlProtocol.socket(data)), "its socket removed");
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(e.getMessage() + "; tor statuses " + tor + "; services " + services
                    + "; engine.log:\n" + EngineProcess.tail(data, 30), e);
        } finally {
            long pid = engine.enginePid();
            engine.close();
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private static String onion(AttachedPanelEngine engine) {
        return engine.services().stream().filter(s -> s.name().equals("api")).map(ServiceStatus::onion)
                .filter(o -> o != null).findFirst().orElse(null);
    }
}
