package io.onionpanel.ui.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.monitor.CircuitRow;
import io.onionpanel.monitor.HealthLevel;
import io.onionpanel.monitor.LogEntry;
import io.onionpanel.monitor.SeriesKeys;
import io.onionpanel.monitor.ServiceHealth;
import io.onionpanel.monitor.TimeRange;
import io.onionpanel.ui.FxWait;
import io.onionpanel.ui.OnionPanelApp;
import io.onionpanel.ui.common.Notifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.Clipboard;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Health page over a fake MonitorView (pure window logic: drawing, coalescing, filtering); the monitor
 * engine itself is tested with real tor on the private network.
 */
@ExtendWith(ApplicationExtension.class)
class MonitorPageTest {
    static final int LOG_ROWS = 100;
    final FakeMonitor monitor = new FakeMonitor();
    final Notifier notifier = new Notifier();
    /** Made in start(): a control made before the toolkit runs fails when this class runs first (or alone). */
    io.onionpanel.ui.common.NotificationArea notifications;
    final List<String> alerts = new java.util.concurrent.CopyOnWriteArrayList<>();
    final Instant now = Instant.now();
    MonitorPage page;
    Stage stage;

    @TempDir
    Path temp;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        FakeData.fill(monitor, now.toEpochMilli(), "api");
        monitor.health = List.of(FakeData.health("api", now, false));
        monitor.circuits = FakeData.circuits(now, 5, 1);
        List<LogEntry> log = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            log.add(FakeData.log(i, now.minusSeconds(60 - i)));
        }
        monitor.log = log;
        page = new MonitorPage(monitor, notifier, Clock.systemUTC(), LOG_ROWS);
        notifications = new io.onionpanel.ui.common.NotificationArea();
        Scene scene = new Scene(new javafx.scene.layout.StackPane(page, notifications), 1024, 700);
        scene.getStylesheets().add(OnionPanelApp.class.getResource("/io/onionpanel/ui/panel.css").toExternalForm());
        stage.setScene(scene);
        notifier.showIn(notifications);
        stage.show();
    }

    @AfterEach
    void stop() {
        page.close();
    }

    @Test
    void chartsDrawThePointsAndTheRangeSelectorChangesTheRequest(FxRobot robot) {
        ChartsPane charts = page.charts();
        FxWait.until("circuits drawn", () -> charts.circuits.columnsOf(0) != null && charts.circuits.columnsOf(0).valueColumns() > 0);
        int width = charts.circuits.plotWidth();
        assertTrue(width > 200, "plot width " + width);
        assertTrue(monitor.requests.stream().anyMatch(r -> r.key().equals(SeriesKeys.circuits("general"))
                && r.range() == TimeRange.HOUR && r.maxPoints() == width && r.thread().equals("onion-panel-chart-fetch")),
                "asked for about one point per pixel column, off the FX thread: " + monitor.requests.subList(0, 3));
        // An hour of 1 Hz samples on ~400 px: every column holds values.
        assertEquals(width, charts.circuits.columnsOf(0).valueColumns());
        assertEquals("api", charts.servicePicker().getValue(), "the latency chart shows the reported service");
        assertEquals(SeriesKeys.probeP50("api"), charts.latency.series().get(0).key());

        // The line is on the canvas: count pixels in the "general" colour.
        int blue = countPixels(robot, charts.circuits, ChartsPane.BLUE);
        assertTrue(blue > width / 2, "blue pixels: " + blue);

        robot.clickOn("#range-DAY");
        FxWait.until("24 h requested", () -> monitor.requests.stream().anyMatch(r -> r.range() == TimeRange.DAY));
        FxWait.until("24 h drawn", () -> charts.latency.columnsOf(0) != null
                && java.util.stream.IntStream.range(0, charts.latency.columnsOf(0).count).anyMatch(i -> charts.latency.columnsOf(0).state[i] == Columns.GAP));
        assertEquals(TimeRange.DAY, charts.rangeProperty().get());
        Columns failures = charts.latency.columnsOf(2);
        assertTrue(java.util.stream.IntStream.range(0, failures.count).anyMatch(i -> failures.state[i] == Columns.VALUE && failures.max[i] > 0),
                "failed probes are marked");
        robot.clickOn("#range-DAY");
        assertEquals(TimeRange.DAY, charts.rangeProperty().get(), "clicking the chosen range keeps it");
        assertTrue(page.rangeToggle(TimeRange.DAY).isSelected());
        robot.clickOn("#range-TEN_MINUTES");
        FxWait.until("10 min requested", () -> monitor.requests.stream().anyMatch(r -> r.range() == TimeRange.TEN_MINUTES));

        // The hover read-out names the column's values (once the 10 min points, fetched off the FX thread, are drawn).
        FxWait.until("read-out of the newest column", () -> {
            Columns general = charts.circuits.columnsOf(0);
            return charts.circuits.readout(charts.circuits.series().get(0), general, general.count - 1).matches("\\d+( – \\d+)?");
        });
    }

    @Test
    void circuitTableFollowsCircuitsChangedCoalesced(FxRobot robot) throws Exception {
        robot.clickOn("Circuits");
        CircuitTable table = page.circuitTable();
        FxWait.until("snapshot shown", () -> table.shownRows().size() == 5);
        List<CircuitRow> last = List.of(
                new CircuitRow("7", "BUILT", "HS_SERVICE_INTRO", List.of("test000a", "test003r", "test005r"), now.minusSeconds(125), 412L),
                new CircuitRow("9", "LAUNCHED", "GENERAL", List.of(), now.minusSeconds(2), null));
        Thread feeder = new Thread(() -> {
            for (int i = 0; i < 20_000; i++) {
                monitor.fireCircuits(FakeData.circuits(now, 1 + i % 40, i));
            }
            monitor.fireCircuits(last);
        });
        feeder.start();
        feeder.join();
        FxWait.until("last list shown", () -> table.shownRows().stream().map(CircuitRow::id).sorted().toList().equals(List.of("7", "9")));
        assertEquals("2 circuits (1 built)", robot.lookup("#monitor-circuits-summary").queryAs(Label.class).getText());
        // The rows are there; their cells appear with the next layout pulse.
        FxWait.until("path shown by relay nickname", () -> robot.lookup("test000a → test003r → test005r").tryQuery().isPresent());
        FxWait.until("age", () -> robot.lookup("2 min").tryQuery().isPresent());
        FxWait.until("build time", () -> robot.lookup("412 ms").tryQuery().isPresent());
        FxWait.until("no build time before BUILT", () -> robot.lookup("—").tryQuery().isPresent());
    }

    @Test
    void healthChecksAndOneNotificationPerTransition(FxRobot robot) {
        HealthAlerts.Sink toNotifier = HealthAlerts.notifying(notifier);
        new HealthAlerts(new HealthAlerts.Sink() {
            @Override
            public void unhealthy(String service, String reason) {
                alerts.add("unhealthy " + service);
                toNotifier.unhealthy(service, reason);
            }

            @Override
            public void recovered(String service) {
                alerts.add("recovered " + service);
                toNotifier.recovered(service);
            }
        }).attach(monitor);
        FxWait.until("healthy shown", () -> "✔ OK".equals(robot.lookup("#monitor-overall").queryAs(Label.class).getText()));
        assertEquals("All checks pass", robot.lookup("#monitor-overall-reason").queryAs(Label.class).getText());
        assertTrue(labelStartingWith(robot, "127.0.0.1:8000 answered /v1/info in 3 ms"), "evidence");
        assertTrue(labelStartingWith(robot, "since " + java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")
                .withZone(java.time.ZoneId.systemDefault()).format(now.minusSeconds(4_000)) + " (1 h 6 min ago)"), "time of the last change");

        ServiceHealth down = FakeData.health("api", Instant.now(), true);
        for (int i = 0; i < 5; i++) {
            monitor.fireHealth(down);
        }
        FxWait.until("failing shown", () -> "✖ Failing".equals(robot.lookup("#monitor-overall").queryAs(Label.class).getText()));
        assertEquals("api: Local target 127.0.0.1:8000 is not answering", robot.lookup("#monitor-overall-reason").queryAs(Label.class).getText());
        assertEquals("✖ Failing", robot.lookup("#health-overall-api").queryAs(Label.class).getText());
        assertTrue(labelStartingWith(robot, "127.0.0.1:8000 refused the connection"));
        FxWait.until("notified", () -> notifier.statusLineProperty().get().startsWith("Service 'api' is unhealthy: Local target"));
        FxWait.until("notification shown", () -> "Service 'api' is unhealthy".equals(notifications.currentTitle()));
        assertEquals(0, notifications.waitingCount(), "one notification for five failing reports");

        // A reason far longer than the header: cut with its tooltip, while the title, badge and button stay whole.
        String longReason = "Reachable: slow. " + "tor says the descriptor could not be uploaded to most HSDirs. ".repeat(5);
        monitor.fireHealth(new ServiceHealth("api", down.checks(), HealthLevel.WARN, longReason, Instant.now()));
        FxWait.until("long reason shown", () -> robot.lookup("#monitor-overall-reason").queryAs(Label.class).getText().endsWith("HSDirs. "));
        WaitForAsyncUtils.waitForFxEvents();
        Label badge = robot.lookup("#monitor-overall").queryAs(Label.class);
        robot.interact(() -> {
            assertTrue(badge.getWidth() >= badge.prefWidth(-1) - 0.5, "badge whole: " + badge.getWidth());
            javafx.scene.control.Button newnym = robot.lookup("#monitor-newnym").queryButton();
            assertTrue(newnym.getWidth() >= newnym.prefWidth(-1) - 0.5, "button whole: " + newnym.getWidth());
            assertTrue(robot.lookup("#monitor-overall-reason").queryAs(Label.class).getTooltip().getText().endsWith("HSDirs. "));
        });
        monitor.fireHealth(FakeData.health("api", Instant.now(), false));
        monitor.fireHealth(FakeData.health("api", Instant.now(), false));
        FxWait.until("recovered shown", () -> "✔ OK".equals(robot.lookup("#monitor-overall").queryAs(Label.class).getText()));
        FxWait.until("recovery notified", () -> notifier.statusLineProperty().get().contains("is healthy again"));
        assertEquals(List.of("unhealthy api", "recovered api"), alerts);
        FxWait.until("recovery shown", () -> "Service 'api' recovered".equals(notifications.currentTitle()));
        assertEquals(0, notifications.waitingCount(), "the recovery replaces the failure, it does not queue behind it");
    }

    @Test
    void aRenamedServicesOldCardLeavesAndTheLatencyChartFollowsTheNewName(FxRobot robot) {
        FxWait.until("api shown", () -> robot.lookup("#health-card-api").tryQuery().isPresent());
        // The monitor's order after a rename: the new name reports, the old one is gone.
        monitor.fireHealth(FakeData.health("routstr", Instant.now(), false));
        monitor.fireGone("api");
        FxWait.until("only routstr shown", () -> robot.lookup("#health-card-routstr").tryQuery().isPresent()
                && robot.lookup("#health-card-api").tryQuery().isEmpty());
        assertEquals("routstr", page.charts().servicePicker().getValue());
        assertEquals(List.of("routstr"), page.charts().servicePicker().getItems());

        monitor.fireGone("routstr");
        FxWait.until("empty state", () -> "No health reports yet".equals(robot.lookup("#monitor-overall-reason").queryAs(Label.class).getText()));
        assertTrue(robot.lookup("#health-empty").queryAs(Label.class).isVisible());
    }

    @Test
    void aLogLineCutAtTheColumnEdgeShowsItsWholeTextInATooltip(FxRobot robot) {
        robot.clickOn("Log");
        FxWait.until("snapshot shown", () -> !page.log().shownRows().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        List<javafx.scene.control.TableCell<?, ?>> messages = robot.lookup(".log-message").queryAll().stream()
                .<javafx.scene.control.TableCell<?, ?>>map(n -> (javafx.scene.control.TableCell<?, ?>) n)
                .filter(c -> !c.isEmpty() && c.getItem() != null).toList();
        assertFalse(messages.isEmpty(), "no message cells");
        for (javafx.scene.control.TableCell<?, ?> c : messages) {
            assertNotNull(c.getTooltip(), "no tooltip on " + c.getItem());
            assertEquals(c.getItem(), c.getTooltip().getText());
        }
    }

    @Test
    void logFilterSearchPauseSaveAndCopy(FxRobot robot) throws Exception {
        robot.clickOn("Log");
        LogView log = page.log();
        FxWait.until("snapshot shown", () -> !log.shownRows().isEmpty());
        assertTrue(log.shownRows().stream().noneMatch(e -> e.level().equals("DEBUG")), "info and above by default");
        assertEquals(18, log.shownRows().size(), "20 lines, two of them debug");

        robot.interact(() -> page.lookupAll("#log-level").forEach(n -> ((javafx.scene.control.ComboBox<LogFilter.Level>) n).setValue(LogFilter.Level.WARN)));
        assertTrue(log.shownRows().stream().allMatch(e -> e.level().equals("WARN") || e.level().equals("ERR")));
        assertEquals(4, log.shownRows().size());
        robot.interact(() -> robot.lookup("#log-search").queryAs(TextField.class).setText("REFUSED"));
        assertEquals(2, log.shownRows().size());
        assertTrue(log.shownRows().stream().allMatch(e -> e.text().contains("refused")));
        robot.interact(() -> {
            robot.lookup("#log-search").queryAs(TextField.class).setText("");
            page.lookupAll("#log-level").forEach(n -> ((javafx.scene.control.ComboBox<LogFilter.Level>) n).setValue(LogFilter.Level.ALL));
        });
        assertEquals(20, log.shownRows().size());

        robot.clickOn("#log-pause");
        for (int i = 21; i <= 50; i++) {
            monitor.fireLog(FakeData.log(i, Instant.now()));
        }
        FxWait.until("waiting lines counted", () -> robot.lookup("#log-count").queryAs(Label.class).getText().contains("paused: 30 new lines waiting"));
        assertEquals(20, log.shownRows().size(), "nothing moves while paused");
        assertTrue(log.pauseButton().getText().contains("Resume (30)"));
        robot.clickOn("#log-pause");
        assertEquals(50, log.shownRows().size());
        assertEquals(50, log.shownRows().get(49).sequence());

        // Bounded: only the newest rows stay; lines dropped on the way are marked, duplicates ignored.
        for (int i = 51; i <= 400; i++) {
            monitor.fireLog(FakeData.log(i, Instant.now()));
        }
        FxWait.until("400 shown", () -> log.shownRows().get(log.shownRows().size() - 1).sequence() == 400);
        monitor.fireLog(FakeData.log(400, Instant.now()));
        monitor.fireLog(FakeData.log(401, Instant.now()));
        FxWait.until("401 shown", () -> log.shownRows().get(log.shownRows().size() - 1).sequence() == 401);
        List<Long> sequences = log.shownRows().stream().map(LogEntry::sequence).filter(s -> s != LogView.SKIPPED).toList();
        assertEquals(LOG_ROWS, log.shownRows().size());
        assertEquals(sequences.stream().sorted().distinct().toList(), sequences, "in order, no duplicate: " + sequences);
        assertEquals(List.of(400L, 401L), sequences.subList(sequences.size() - 2, sequences.size()));
        log.shownRows().stream().filter(e -> e.sequence() == LogView.SKIPPED)
                .forEach(e -> assertTrue(e.text().matches("[\\d,]+ lines skipped here: .*"), e.text()));

        robot.interact(() -> page.lookupAll("#log-level").forEach(n -> ((javafx.scene.control.ComboBox<LogFilter.Level>) n).setValue(LogFilter.Level.NOTICE)));
        List<LogEntry> shown = log.shownRows();
        Path file = temp.resolve("saved.log");
        AtomicReference<Boolean> saved = new AtomicReference<>();
        robot.interact(() -> log.saveTo(file, saved::set));
        FxWait.until("saved", () -> saved.get() != null);
        assertTrue(saved.get());
        List<String> lines = Files.readAllLines(file);
        assertEquals(shown.size(), lines.size(), "the lines as filtered");
        assertEquals(LogFilter.line(shown.get(0)), lines.get(0));
        assertTrue(robot.lookup("#log-status").queryAs(Label.class).getText().startsWith("Saved " + shown.size() + " lines to saved.log"));
        AtomicReference<Boolean> refused = new AtomicReference<>();
        Files.createDirectory(temp.resolve("dir"));
        robot.interact(() -> log.saveTo(temp.resolve("dir"), refused::set));
        FxWait.until("refused", () -> refused.get() != null);
        assertFalse(refused.get(), "a folder is not overwritten");
        assertTrue(robot.lookup("#log-status").queryAs(Label.class).getText().startsWith("Not saved: "));

        robot.interact(() -> log.table().getSelectionModel().selectRange(0, 2));
        robot.clickOn("#log-copy");
        String expected = LogFilter.line(shown.get(0)) + "\n" + LogFilter.line(shown.get(1));
        robot.interact(() -> assertEquals(expected, Clipboard.getSystemClipboard().getString()));
    }

    @Test
    void newCircuitsAsksOffTheFxThreadAndShowsTheAnswer(FxRobot robot) {
        CompletableFuture<String> answer = new CompletableFuture<>();
        monitor.newCircuits = () -> answer;
        Button button = robot.lookup("#monitor-newnym").queryButton();
        Label shown = robot.lookup("#monitor-newnym-answer").queryAs(Label.class);
        double headerHeight = ((javafx.scene.layout.Region) shown.getParent()).getHeight();
        robot.clickOn(button);
        FxWait.until("asked", () -> monitor.newCircuitsThreads.size() == 1);
        assertNotEquals("JavaFX Application Thread", monitor.newCircuitsThreads.get(0));
        assertTrue(button.isDisabled(), "one request at a time");
        String longAnswer = "Tor rate-limits new circuits: try again in 8 s. " + "It answered with a long explanation. ".repeat(6);
        answer.complete(longAnswer);
        FxWait.until("answer shown", () -> shown.getText().equals(longAnswer));
        assertFalse(button.isDisabled());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(headerHeight, ((javafx.scene.layout.Region) shown.getParent()).getHeight(), 0.5,
                "a long answer does not push the page down");
        assertEquals(longAnswer, shown.getTooltip().getText(), "the whole answer is in the tooltip");

        robot.interact(() -> page.answerShownFor(java.time.Duration.ofMillis(300)));
        monitor.newCircuits = () -> CompletableFuture.failedFuture(new IllegalStateException("Tor is not running"));
        robot.clickOn(button);
        FxWait.until("failure shown", () -> shown.getText().equals("New circuits not requested: Tor is not running"));
        FxWait.until("the answer leaves after a while", () -> shown.getText().isEmpty());
    }


    private static boolean labelStartingWith(FxRobot robot, String prefix) {
        return robot.lookup(n -> n instanceof Label l && l.getText() != null && l.getText().startsWith(prefix)).tryQuery().isPresent();
    }

    private static int countPixels(FxRobot robot, javafx.scene.Node node, Color color) {
        AtomicReference<WritableImage> image = new AtomicReference<>();
        robot.interact(() -> image.set(node.snapshot(null, null)));
        PixelReader pixels = image.get().getPixelReader();
        int count = 0;
        for (int y = 0; y < image.get().getHeight(); y++) {
            for (int x = 0; x < image.get().getWidth(); x++) {
                Color c = pixels.getColor(x, y);
                if (Math.abs(c.getRed() - color.getRed()) < 0.12 && Math.abs(c.getGreen() - color.getGreen()) < 0.12
                        && Math.abs(c.getBlue() - color.getBlue()) < 0.12) {
                    count++;
                }
            }
        }
        return count;
    }
}
