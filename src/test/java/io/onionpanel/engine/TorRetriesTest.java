package io.onionpanel.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.common.Poll;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.settings.SettingsStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon's retries against a scripted tor: a tor that does not start (no network at boot) is started again after
 * the backoff until it runs; a tor stopped on purpose is not.
 */
class TorRetriesTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final List<Duration> FAST = List.of(Duration.ofMillis(50), Duration.ofMillis(100));

    @TempDir
    Path data;

    private final FakeTorLauncher launcher = new FakeTorLauncher();

    @Test
    void aTorThatFailsToStartIsStartedAgainUntilItRuns() throws Exception {
        new SettingsStore(data).update(s -> s.withServices(List.of(new ServiceConfig("a", true, List.of(PortMapping.of(80, "127.0.0.1:8001"))))));
        launcher.failingLaunches.set(3);
        List<String> notices = new CopyOnWriteArrayList<>();
        try (Engine engine = engine(); TorRetries retries = new TorRetries(engine, notices::add, FAST)) {
            engine.addListener(retries);
            retries.startNow();
            try {
                Poll.until("tor runs after the failed starts", WAIT, () -> engine.torStatus().state() == TorStatus.State.RUNNING);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + ": " + engine.torStatus() + ", notices " + notices + ", launches left "
                        + launcher.failingLaunches.get(), e);
            }
            assertEquals(1, launcher.launched.size(), "one tor in the end");
            assertTrue(notices.size() >= 1 && notices.get(0).startsWith("tor failed; trying again in"), notices.toString());
        }
    }

    @Test
    void aTorStoppedOnPurposeStaysStopped() throws Exception {
        try (Engine engine = engine(); TorRetries retries = new TorRetries(engine, m -> { }, FAST)) {
            engine.addListener(retries);
            retries.startNow();
            Poll.until("tor runs", WAIT, () -> engine.torStatus().state() == TorStatus.State.RUNNING);
            engine.stop();
            Thread.sleep(400); // several backoff periods
            assertEquals(TorStatus.State.STOPPED, engine.torStatus().state());
            assertEquals(1, launcher.launched.size());
        }
    }

    private Engine engine() {
        return new Engine(new EngineOptions(data, null, List.of(), Duration.ofHours(1)), launcher,
                new Timescale(Duration.ofMillis(10)));
    }
}
