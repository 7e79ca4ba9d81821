package io.onionpanel.bench;

import io.onionpanel.control.AttachedPanelEngine;
import io.onionpanel.control.EngineProcess;
import io.onionpanel.engine.TorStatus;
import io.onionpanel.monitor.CircuitRow;
import io.onionpanel.monitor.LogEntry;
import io.onionpanel.monitor.MonitorListener;
import io.onionpanel.monitor.ServiceHealth;
import io.onionpanel.testnet.PrivateTorNetwork;
import io.onionpanel.testnet.StandInRoutstr;
import io.onionpanel.ui.common.Notifier;
import io.onionpanel.ui.model.PanelModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.beans.property.SimpleObjectProperty;

/**
 * Issue 17's event latency: from an engine event to the window's property, across the control socket. A daemon
 * (started as the window starts it) publishes one service on the private network; in this JVM, with the JavaFX
 * toolkit running, a {@link PanelModel} is attached to it as the window's is ({@link AttachedPanelEngine}). The
 * engine is made to restart tor again and again, which sends a burst of events (tor status, service status and one
 * log event per line of tor's and the panel's log). Log events carry the engine's clock ({@link LogEntry#time()},
 * taken when the engine read the line, same machine clock): each is timestamped again when the FX thread sets the
 * window-side property from it, by the same hop the model's status properties take (the connection's reading
 * thread → Platform.runLater). The Health page's log list then coalesces on purpose (250 ms), which is not counted.
 *
 * <p>Run: {@code bench/run.sh event-latency [events]} (default at least 200 log events).
 */
public final class EventLatencyBenchmark {
    public static void main(String[] args) throws Exception {
        int wanted = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Platform.startup(() -> { });
        Path work = Files.createTempDirectory("bench-event-latency");
        try (PrivateTorNetwork network = PrivateTorNetwork.start(work.resolve("net"), 3, 5, Duration.ofMinutes(6));
             StandInRoutstr api = StandInRoutstr.start();
             BenchDaemon daemon = BenchDaemon.start(work.resolve("data"), network, api.hostPort())) {
            System.out.println("Private network ready in " + network.startupTime().toSeconds() + " s");
            daemon.awaitPublished("api", Duration.ofMinutes(3));
            AttachedPanelEngine engine = AttachedPanelEngine.attachIfRunning(daemon.data, EngineProcess.of(BenchDaemon.engineLauncher()))
                    .orElseThrow(() -> new IllegalStateException("no engine to attach to"));
            CompletableFuture<PanelModel> created = new CompletableFuture<>();
            Platform.runLater(() -> created.complete(new PanelModel(daemon.data, new Notifier(), engine)));
            PanelModel model = created.get(30, TimeUnit.SECONDS);
            BenchStats latency = new BenchStats();
            int[] torChanges = {0};
            BenchStats transport = new BenchStats();
            BenchStats fxHop = new BenchStats();
            SimpleObjectProperty<Arrived> lastLog = new SimpleObjectProperty<>();
            // The window-side property: its listener runs on the FX thread when the value is set there.
            lastLog.addListener((obs, old, arrived) -> {
                Instant now = Instant.now();
                synchronized (latency) {
                    latency.add(Duration.between(arrived.entry().time(), now).toNanos() / 1e6);
                    transport.add(Duration.between(arrived.entry().time(), arrived.at()).toNanos() / 1e6);
                    fxHop.add(Duration.between(arrived.at(), now).toNanos() / 1e6);
                }
            });
            model.torStatusProperty().addListener((obs, old, now) -> torChanges[0]++);
            model.monitor().addListener(new MonitorListener() {
                @Override
                public void logAdded(LogEntry entry) {
                    Arrived arrived = new Arrived(entry, Instant.now()); // on the connection's reading thread
                    Platform.runLater(() -> lastLog.set(arrived));
                }

                @Override
                public void healthChanged(ServiceHealth health) {
                }

                @Override
                public void circuitsChanged(List<CircuitRow> circuits) {
                }

                @Override
                public void serviceGone(String service) {
                }
            });
            for (int round = 1; round <= 30 && count(latency) < wanted; round++) {
                engine.restartTor();
                long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                Thread.sleep(1000);
                while (engine.torStatus().state() != TorStatus.State.RUNNING && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                Thread.sleep(2000); // the publication's and the self-probe's lines
                System.out.printf("  restart %d: %d log events so far, %d tor status changes%n", round, count(latency), torChanges[0]);
            }
            Platform.runLater(() -> { });
            Thread.sleep(500);
            synchronized (latency) {
                System.out.printf("Engine event → window property, over %d log events (tor restarts; %d tor status changes seen):%n",
                        latency.size(), torChanges[0]);
                System.out.printf("  p50 %.1f ms, p95 %.1f ms, max %.1f ms   (target p95 ≤ 50 ms)%n",
                        latency.percentile(50), latency.percentile(95), latency.max());
                System.out.printf("  of which engine → window process's socket reader: p50 %.1f ms, p95 %.1f ms; "
                        + "reader → FX thread: p50 %.1f ms, p95 %.1f ms%n", transport.percentile(50), transport.percentile(95),
                        fxHop.percentile(50), fxHop.percentile(95));
                System.out.printf("  load average (1 min) at the end: %s%n", java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
            }
            engine.close();
        } finally {
            Platform.exit();
        }
    }

    /** A log event and the moment the window's process read it from the socket. */
    private record Arrived(LogEntry entry, Instant at) {
    }

    private static int count(BenchStats s) {
        synchronized (s) {
            return s.size();
        }
    }
}
