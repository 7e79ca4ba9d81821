package io.onionpanel.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.common.Poll;
import io.onionpanel.engine.RuntimeInfo;
import io.onionpanel.monitor.Monitor;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.settings.SettingsStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window's process ended from outside (a logout, {@code kill}, a service manager: SIGTERM) ends as {@code run}
 * does: tor stopped, runtime.json removed, the monitor's history saved. Before the shared shutdown path the window
 * left runtime.json with dead pids and lost the minutes of charts; the window's own Close is the same path
 * ({@code EngineShutdown}). A real window process (Monocle, no display) with a real tor that stays offline.
 */
class WindowProcessShutdownTest {
    @TempDir
    Path data;

    @Test
    void sigtermStopsTorRemovesRuntimeInfoAndSavesTheHistory() throws Exception {
        new SettingsStore(data).update(s -> s.withTor(s.tor().withExtraTorrcLines(List.of("DisableNetwork 1")))
                .withServices(List.of(new ServiceConfig("api", true, List.of(PortMapping.of(80, "127.0.0.1:1"))))));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process window = new ProcessBuilder(java, "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless",
                "-Dprism.order=sw", "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                "io.onionpanel.Main", "--data-dir", data.toString())
                .redirectErrorStream(true).redirectOutput(data.resolveSibling(data.getFileName() + "-window.log").toFile())
                .start();
        try {
            Poll.until("the window's tor runs", Duration.ofSeconds(60), () -> RuntimeInfo.read(data)
                    .flatMap(r -> ProcessHandle.of(r.torPid())).map(ProcessHandle::isAlive).orElse(false));
            long torPid = RuntimeInfo.read(data).orElseThrow().torPid();
            // A few of tor's BW events, so there is history to lose.
            Thread.sleep(3000);

            window.destroy(); // SIGTERM
            assertTrue(window.waitFor(40, TimeUnit.SECONDS), "the window exits after SIGTERM");
            assertFalse(Files.exists(data.resolve(RuntimeInfo.FILE_NAME)), "runtime.json removed");
            assertTrue(Files.exists(data.resolve(Monitor.HISTORY_FILE)), "the monitor's history saved");
            Poll.until("tor gone", Duration.ofSeconds(10), () -> ProcessHandle.of(torPid).map(p -> !p.isAlive()).orElse(true));
        } finally {
            window.destroyForcibly();
        }
    }
}
