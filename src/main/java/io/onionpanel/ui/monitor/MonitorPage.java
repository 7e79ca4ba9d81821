package io.onionpanel.ui.monitor;

import io.onionpanel.monitor.CircuitRow;
import io.onionpanel.ui.common.ScrollPanes;
import io.onionpanel.monitor.HealthLevel;
import io.onionpanel.monitor.LogEntry;
import io.onionpanel.monitor.MonitorListener;
import io.onionpanel.monitor.MonitorView;
import io.onionpanel.monitor.ServiceHealth;
import io.onionpanel.monitor.TimeRange;
import io.onionpanel.ui.common.Messages;
import io.onionpanel.ui.common.Notifier;
import io.onionpanel.ui.common.Spacer;
import io.onionpanel.ui.common.StateBadge;
import io.onionpanel.ui.common.Tasks;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Toggle;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.controlsfx.control.SegmentedButton;

/**
 * The "Health" page: overall state and the New circuits button on top; below, the health checks beside the
 * charts, the circuit table and the log. Monitor events arrive on the monitor's thread and reach the FX
 * thread coalesced (a few batches a second at most); charts and ages are redrawn on a one-second timer.
 */
public final class MonitorPage extends BorderPane {
    static final int LOG_ROWS = 5_000;
    private static final long COALESCE_MILLIS = 250;

    private final MonitorView monitor;
    private final Notifier notifier;
    private final HealthPanel health;
    private final ChartsPane charts;
    private final CircuitTable circuitTable;
    private final LogView log;
    private final StateBadge overallBadge = new StateBadge();
    private final Label overallReason = new Label();
    private final Button newCircuits = new Button("_New circuits");
    private final Label newCircuitsAnswer = new Label();
    private final javafx.animation.PauseTransition answerTimer = new javafx.animation.PauseTransition();
    private java.time.Duration answerShownFor = java.time.Duration.ofSeconds(20);
    private final TabPane sections = new TabPane();
    private final ToggleGroup ranges = new ToggleGroup();
    private final LatestValue<List<CircuitRow>> circuitUpdates;
    private final BoundedBatch<HealthUpdate> healthUpdates;
    private final BoundedBatch<LogEntry> logUpdates;
    private final MonitorListener listener;
    private final Timeline ticker;
    private boolean ready;
    private List<CircuitRow> earlyCircuits;
    private final List<HealthUpdate> earlyHealth = new ArrayList<>();
    private final List<LogEntry> earlyLog = new ArrayList<>();

    public MonitorPage(MonitorView monitor, Notifier notifier) {
        this(monitor, notifier, Clock.systemUTC(), LOG_ROWS);
    }

    MonitorPage(MonitorView monitor, Notifier notifier, Clock clock, int logRows) {
        this.monitor = monitor;
        this.notifier = notifier;
        getStyleClass().addAll("page", "monitor-page");
        getStylesheets().add(MonitorPage.class.getResource("monitor.css").toExternalForm());
        health = new HealthPanel(clock);
        charts = new ChartsPane(monitor, clock);
        circuitTable = new CircuitTable(clock);
        log = new LogView(logRows);

        setTop(header());
        sections.setId("monitor-sections");
        sections.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        Tab overview = new Tab("Overview", overview());
        Tab circuitsTab = new Tab("Circuits", padded(circuitTable));
        Tab logTab = new Tab("Log", padded(log));
        overview.setId("monitor-tab-overview");
        circuitsTab.setId("monitor-tab-circuits");
        logTab.setId("monitor-tab-log");
        sections.getTabs().addAll(overview, circuitsTab, logTab);
        sections.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            charts.refresh();
            if (now == logTab) {
                // Rows added while the table was hidden were scrolled to before it had a size.
                javafx.application.Platform.runLater(log::scrollToEndIfFollowing);
            }
        });
        setCenter(sections);
        BorderPane.setMargin(sections, new Insets(10, 0, 0, 0));

        circuitUpdates = new LatestValue<>(COALESCE_MILLIS, FxCoalescer.fxThread(), this::showCircuits);
        healthUpdates = new BoundedBatch<>(1_000, COALESCE_MILLIS, FxCoalescer.fxThread(), b -> showHealth(b.items()));
        logUpdates = new BoundedBatch<>(logRows, COALESCE_MILLIS, FxCoalescer.fxThread(), b -> showLog(b.items(), b.dropped()));
        listener = new MonitorListener() {
            @Override
            public void healthChanged(ServiceHealth h) {
                healthUpdates.add(new HealthUpdate(h.service(), h));
            }

            @Override
            public void serviceGone(String service) {
                healthUpdates.add(new HealthUpdate(service, null));
            }

            @Override
            public void circuitsChanged(List<CircuitRow> circuits) {
                circuitUpdates.offer(circuits);
            }

            @Override
            public void logAdded(LogEntry entry) {
                logUpdates.add(entry);
            }
        };
        // Listen first, then read the current state: nothing falls between the two, and the log's sequence
        // numbers drop what both deliver.
        monitor.addListener(listener);
        Tasks.run(() -> new Snapshot(monitor.circuits(), monitor.health(), monitor.recentLog(logRows)),
                this::applySnapshot, failure -> {
                    notifier.error("Health", failure);
                    applySnapshot(new Snapshot(List.of(), List.of(), List.of()));
                });

        ticker = new Timeline(new KeyFrame(Duration.seconds(1), e -> tick()));
        ticker.setCycleCount(Animation.INDEFINITE);
        ticker.play();
        updateOverall();
    }

    private record Snapshot(List<CircuitRow> circuits, List<ServiceHealth> health, List<LogEntry> log) {
    }

    /** A service's new health, or its card's removal ({@code health} null), in the order the monitor reported. */
    record HealthUpdate(String service, ServiceHealth health) {
    }

    private HBox header() {
        Label title = new Label("Health");
        title.getStyleClass().add("title");
        overallBadge.setId("monitor-overall");
        overallReason.setId("monitor-overall-reason");
        // A long reason is cut (its tooltip has it whole); the title, the badge and the button never are.
        title.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        overallBadge.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        newCircuits.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        newCircuitsAnswer.setMinWidth(0);
        overallReason.setMinWidth(0);
        overallReason.setMaxWidth(Double.MAX_VALUE);
        overallReason.textProperty().addListener((obs, old, now) ->
                overallReason.setTooltip(now == null || now.isEmpty() ? null : new javafx.scene.control.Tooltip(now)));
        HBox.setHgrow(overallReason, Priority.ALWAYS);
        newCircuits.setId("monitor-newnym");
        newCircuits.setOnAction(e -> requestNewCircuits());
        newCircuitsAnswer.setId("monitor-newnym-answer");
        newCircuitsAnswer.getStyleClass().add("muted");
        // One line that never pushes the page down; the whole answer is in its tooltip, and it leaves after a while.
        newCircuitsAnswer.setWrapText(false);
        newCircuitsAnswer.setMaxWidth(300);
        newCircuitsAnswer.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        newCircuitsAnswer.textProperty().addListener((obs, old, now) ->
                newCircuitsAnswer.setTooltip(now == null || now.isEmpty() ? null : new javafx.scene.control.Tooltip(now)));
        HBox bar = new HBox(12, title, overallBadge, overallReason, newCircuitsAnswer, newCircuits);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private BorderPane overview() {
        Label rangeLabel = new Label("Range:");
        SegmentedButton segmented = new SegmentedButton();
        segmented.setToggleGroup(ranges);
        for (TimeRange r : TimeRange.values()) {
            ToggleButton b = new ToggleButton(r.label());
            b.setId("range-" + r.name());
            b.setUserData(r);
            b.setSelected(r == charts.rangeProperty().get());
            segmented.getButtons().add(b);
        }
        ranges.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                // A range is always chosen: clicking the selected one keeps it.
                ranges.selectToggle(old);
            } else {
                charts.rangeProperty().set((TimeRange) now.getUserData());
            }
        });
        Label hint = new Label("Hover a chart for values; ▲ marks failed and cold probes.");
        hint.getStyleClass().add("muted");
        Region spacer = Spacer.horizontal();
        HBox rangeBar = new HBox(8, rangeLabel, segmented, spacer, hint);
        rangeBar.setAlignment(Pos.CENTER_LEFT);
        VBox right = new VBox(8, rangeBar, charts);
        VBox.setVgrow(charts, Priority.ALWAYS);

        ScrollPane healthScroll = ScrollPanes.withoutViewportCache(new ScrollPane(health));
        healthScroll.setFitToWidth(true);
        healthScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        healthScroll.setPrefWidth(300);
        healthScroll.setMinWidth(240);
        healthScroll.getStyleClass().add("health-scroll");
        BorderPane pane = new BorderPane(right);
        pane.setLeft(healthScroll);
        BorderPane.setMargin(healthScroll, new Insets(0, 10, 0, 0));
        pane.setPadding(new Insets(10, 0, 0, 0));
        return pane;
    }

    private static VBox padded(Region content) {
        VBox box = new VBox(content);
        VBox.setVgrow(content, Priority.ALWAYS);
        box.setPadding(new Insets(10, 0, 0, 0));
        return box;
    }

    private void applySnapshot(Snapshot s) {
        ready = true;
        circuitTable.show(earlyCircuits != null ? earlyCircuits : s.circuits());
        List<HealthUpdate> reports = new ArrayList<>();
        s.health().forEach(h -> reports.add(new HealthUpdate(h.service(), h)));
        reports.addAll(earlyHealth);
        showHealth(reports);
        log.append(s.log(), 0);
        log.append(earlyLog, 0);
        earlyCircuits = null;
        earlyHealth.clear();
        earlyLog.clear();
    }

    private void showCircuits(List<CircuitRow> circuits) {
        if (!ready) {
            earlyCircuits = circuits;
            return;
        }
        circuitTable.show(circuits);
    }

    private void showHealth(List<HealthUpdate> reports) {
        if (!ready) {
            earlyHealth.addAll(reports);
            return;
        }
        health.apply(reports);
        charts.setServices(health.serviceNames());
        updateOverall();
    }

    private void showLog(List<LogEntry> entries, long dropped) {
        if (!ready) {
            earlyLog.addAll(entries);
            return;
        }
        log.append(entries, dropped);
    }

    private void updateOverall() {
        HealthLevel level = health.overall();
        overallBadge.show(LevelLook.text(level), LevelLook.kind(level));
        overallReason.setText(overallReason(level));
    }

    private String overallReason(HealthLevel level) {
        List<String> names = health.serviceNames();
        if (names.isEmpty()) {
            return "No health reports yet";
        }
        if (level == HealthLevel.OK) {
            return names.size() == 1 ? "All checks pass" : "All checks pass for " + names.size() + " services";
        }
        return health.worstReason();
    }

    private void tick() {
        if (!ChartsPane.isOnScreen(this)) {
            return;
        }
        charts.refresh();
        circuitTable.tick();
        health.tick();
    }

    private void requestNewCircuits() {
        newCircuits.setDisable(true);
        newCircuitsAnswer.setText("Asking tor for new circuits…");
        Tasks.run(() -> monitor.requestNewCircuits().get(30, TimeUnit.SECONDS), answer -> {
            newCircuits.setDisable(false);
            showAnswer(answer);
            notifier.info(answer);
        }, failure -> {
            newCircuits.setDisable(false);
            showAnswer("New circuits not requested: " + Messages.of(failure));
        });
    }

    /** The answer stays long enough to read, then leaves: it is about a moment, not about the page. */
    private void showAnswer(String text) {
        newCircuitsAnswer.setText(text);
        answerTimer.stop();
        answerTimer.setDuration(javafx.util.Duration.millis(answerShownFor.toMillis()));
        answerTimer.setOnFinished(e -> newCircuitsAnswer.setText(""));
        answerTimer.playFromStart();
    }

    /** How long the New circuits answer stays (shorter in tests). */
    void answerShownFor(java.time.Duration value) {
        answerShownFor = value;
    }

    /** Stops listening and the timer (for tests and benchmarks that build many pages). */
    public void close() {
        monitor.removeListener(listener);
        ticker.stop();
    }

    ChartsPane charts() {
        return charts;
    }

    CircuitTable circuitTable() {
        return circuitTable;
    }

    LogView log() {
        return log;
    }

    HealthPanel health() {
        return health;
    }

    TabPane sections() {
        return sections;
    }

    Toggle rangeToggle(TimeRange r) {
        return ranges.getToggles().stream().filter(t -> t.getUserData() == r).findFirst().orElseThrow();
    }
}
