package io.onionpanel.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.control.PanelEngine;
import io.onionpanel.engine.EngineListener;
import io.onionpanel.engine.ServiceStatus;
import io.onionpanel.engine.TorStatus;
import io.onionpanel.monitor.CircuitRow;
import io.onionpanel.monitor.LogEntry;
import io.onionpanel.monitor.MonitorListener;
import io.onionpanel.monitor.MonitorView;
import io.onionpanel.monitor.SeriesPoints;
import io.onionpanel.monitor.ServiceHealth;
import io.onionpanel.monitor.TimeRange;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.settings.SettingsStore;
import io.onionpanel.ui.common.Notifier;
import io.onionpanel.ui.model.PanelModel;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Closing a window whose engine runs in its own process (a scripted engine: this is the window's logic; the real
 * engine process is in AttachedPanelEngineTest and the private-network test): an engine the window found running is
 * left serving without a question; one it started asks, with Cancel the default, "Keep online" leaving it and "Stop
 * everything" ending it; with "keep services online" chosen the window closes without asking.
 */
@ExtendWith(ApplicationExtension.class)
class CloseWithEngineProcessTest {
    @TempDir
    Path data;
    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(), 400, 300));
        stage.show();
    }

    @Test
    void anEngineFoundRunningIsLeftServing(FxRobot robot) throws Exception {
        ScriptedEngine engine = new ScriptedEngine(data, false);
        assertTrue(close(robot, engine, null));
        assertFalse(engine.stopped, "left as found");
        assertTrue(engine.closed, "detached");
    }

    @Test
    void anEngineStartedHereAsksAndKeepOnlineLeavesIt(FxRobot robot) throws Exception {
        ScriptedEngine engine = new ScriptedEngine(data, true);
        assertTrue(close(robot, engine, WindowCloser.KEEP));
        assertFalse(engine.stopped);
    }

    @Test
    void stopEverythingEndsTheEngineAndCancelKeepsTheWindow(FxRobot robot) throws Exception {
        ScriptedEngine engine = new ScriptedEngine(data, true);
        assertFalse(close(robot, engine, ButtonType.CANCEL), "Cancel keeps the window");
        assertFalse(engine.stopped || engine.closed);
        assertTrue(close(robot, engine, WindowCloser.STOP));
        assertTrue(engine.stopped, "stop everything");
    }

    @Test
    void keepServicesOnlineClosesWithoutAsking(FxRobot robot) throws Exception {
        new SettingsStore(data).update(s -> s.withUi(s.ui().withKeepOnline(true)));
        ScriptedEngine engine = new ScriptedEngine(data, true);
        assertTrue(close(robot, engine, null));
        assertFalse(engine.stopped);
    }

    /** Requests the close; answers the question with {@code answer} (null: expects none); true when it closed. */
    private boolean close(FxRobot robot, ScriptedEngine engine, ButtonType answer) throws Exception {
        PanelModel model = new PanelModel(data, new Notifier(), engine);
        model.loadSettingsAndWatch();
        robot.interact(() -> { });
        FxWait.until("the model has the running service", Duration.ofSeconds(5), () -> model.runningServiceCount() == 1);
        CountDownLatch exited = new CountDownLatch(1);
        robot.interact(() -> {
            stage.show();
            Platform.runLater(() -> new WindowCloser(model, exited::countDown).requestClose(stage));
        });
        if (answer != null) {
            FxWait.until("the question", Duration.ofSeconds(10), () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
            DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
            assertTrue(((Button) pane.lookupButton(ButtonType.CANCEL)).isDefaultButton(), "Cancel is the default");
            assertEquals(3, pane.getButtonTypes().size());
            robot.interact(() -> ((Button) pane.lookupButton(answer)).fire());
        } else {
            Thread.sleep(300);
            assertTrue(robot.lookup(".dialog-pane").tryQuery().isEmpty(), "no question");
        }
        return exited.await(answer == ButtonType.CANCEL ? 1 : 10, TimeUnit.SECONDS);
    }

    /** An engine process as the window sees it, one service published. */
    private static final class ScriptedEngine implements PanelEngine {
        private final Path dataDir;
        private final boolean startedHere;
        volatile boolean stopped;
        volatile boolean closed;

        ScriptedEngine(Path dataDir, boolean startedHere) {
            this.dataDir = dataDir;
            this.startedHere = startedHere;
        }

        @Override public Path dataDir() { return dataDir; }
        @Override public void addListener(EngineListener listener) { }
        @Override public void removeListener(EngineListener listener) { }
        @Override public TorStatus torStatus() { return TorStatus.stopped().with(TorStatus.State.RUNNING, null); }
        @Override public List<ServiceStatus> services() {
            return List.of(new ServiceStatus("api", "x.onion", ServiceStatus.State.PUBLISHED, List.of(PortMapping.of(80, "127.0.0.1:8000")), null));
        }
        @Override public void start() { }
        @Override public void stopTor() { }
        @Override public void restartTor() { }
        @Override public void applySettingsNow() { }
        @Override public Optional<InetSocketAddress> socksAddress() { return Optional.empty(); }
        @Override public MonitorView monitor() { return NO_MONITOR; }
        @Override public io.onionpanel.actions.PanelActions actions() { return new io.onionpanel.actions.LocalPanelActions(dataDir()); }
        @Override public boolean separateProcess() { return true; }
        @Override public boolean startedHere() { return startedHere; }
        @Override public long enginePid() { return 4242; }
        @Override public void stopEngine() { stopped = true; }
        @Override public void close() { closed = true; }
    }

    private static final MonitorView NO_MONITOR = new MonitorView() {
        @Override public SeriesPoints series(String key, TimeRange range, int maxPoints) { return SeriesPoints.empty(); }
        @Override public List<CircuitRow> circuits() { return List.of(); }
        @Override public List<ServiceHealth> health() { return List.of(); }
        @Override public List<LogEntry> recentLog(int max) { return List.of(); }
        @Override public CompletableFuture<String> requestNewCircuits() { return CompletableFuture.completedFuture(""); }
        @Override public void addListener(MonitorListener listener) { }
        @Override public void removeListener(MonitorListener listener) { }
    };
}
