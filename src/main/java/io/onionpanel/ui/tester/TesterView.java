package io.onionpanel.ui.tester;

import io.onionpanel.common.ValidationException;
import io.onionpanel.probe.EndpointTester;
import io.onionpanel.probe.ProbeAttempt;
import io.onionpanel.probe.ProbeHeader;
import io.onionpanel.probe.ProbeHistory;
import io.onionpanel.probe.ProbeListener;
import io.onionpanel.probe.ProbeOptions;
import io.onionpanel.probe.ProbeRequest;
import io.onionpanel.probe.ProbeResult;
import io.onionpanel.probe.ProbeSummary;
import io.onionpanel.probe.ProbeVerdict;
import io.onionpanel.share.OnionUrl;
import io.onionpanel.ui.common.Messages;
import io.onionpanel.ui.common.Spacer;
import io.onionpanel.ui.common.Tasks;
import io.onionpanel.ui.common.VirtualPortChoice;
import io.onionpanel.ui.model.ServiceContext;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The endpoint tester for one service: sends requests through the panel's tor as a remote client would and shows
 * each attempt, the latency summary and, in words, why failures happen. Runs are kept in the service's history
 * with secret header values masked.
 */
public final class TesterView extends BorderPane {
    static final String INFO = "GET /v1/info";
    static final String MODELS = "GET /v1/models";
    static final String CUSTOM = "Custom request";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ServiceContext context;
    private final ProbeHistory history;
    private final Label target = new Label();
    private final VirtualPortChoice port = new VirtualPortChoice("tester-port");
    private final ChoiceBox<String> preset = new ChoiceBox<>(FXCollections.observableArrayList(INFO, MODELS, CUSTOM));
    private final ChoiceBox<String> method = new ChoiceBox<>(FXCollections.observableArrayList("GET", "POST", "PUT",
            "PATCH", "DELETE", "HEAD", "OPTIONS"));
    private final TextField path = new TextField("/v1/chat/completions");
    private final VBox headers = new VBox(6);
    private final List<HeaderRow> headerRows = new ArrayList<>();
    private final TextArea body = new TextArea();
    private final Spinner<Integer> count = new Spinner<>(1, ProbeOptions.MAX_COUNT, 10);
    private final Spinner<Integer> concurrency = new Spinner<>(1, ProbeOptions.MAX_CONCURRENCY, 1);
    private final CheckBox fresh = new CheckBox("Fresh circuit per request");
    private final TextField retries = new TextField("1,2,4,8");
    private final Button run = new Button("_Run");
    private final Button cancel = new Button("Cancel");
    private final ObservableList<ProbeAttempt> attempts = FXCollections.observableArrayList();
    private final TableView<ProbeAttempt> attemptsTable = new TableView<>(attempts);
    private final Label summary = new Label();
    private final RunProgress progress = new RunProgress(Instant::now);
    private final Label idle = new Label("No requests yet: choose a request and press Run.");
    private final Label waiting = new Label("Waiting for the first answer…");
    private final Label verdict = new Label();
    private final TextArea response = new TextArea();
    private final ObservableList<ProbeHistory.Entry> runs = FXCollections.observableArrayList();
    private final TableView<ProbeHistory.Entry> historyTable = new TableView<>(runs);
    private AtomicBoolean cancelFlag;
    private int headerCounter;

    public TesterView(ServiceContext context) {
        this.context = context;
        this.history = new ProbeHistory(context.dataDir());
        getStyleClass().addAll("page", "tester");
        setId("tester-view");
        setTop(requestPane());
        setCenter(resultsPane());
        refreshTarget();
        loadHistory();
    }

    private VBox requestPane() {
        target.setId("tester-target");
        target.getStyleClass().add("onion-address");
        preset.setId("tester-preset");
        preset.getSelectionModel().select(INFO);
        port.setOnChange(this::refreshTarget);
        HBox top = new HBox(10, label("Request"), preset, label("to"), target, port.node());
        top.setAlignment(Pos.CENTER_LEFT);

        method.setId("tester-method");
        method.getSelectionModel().select("POST");
        path.setId("tester-path");
        HBox.setHgrow(path, Priority.ALWAYS);
        Button addHeader = new Button("Add _header");
        addHeader.setId("tester-add-header");
        addHeader.setOnAction(e -> addHeader("", ""));
        HBox methodRow = new HBox(8, method, path, addHeader);
        methodRow.setAlignment(Pos.CENTER_LEFT);
        body.setId("tester-body");
        body.setPromptText("Body (JSON), e.g. {\"model\":\"…\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        body.setPrefRowCount(2);
        body.getStyleClass().add("mono");
        VBox custom = new VBox(6, methodRow, headers, body);
        custom.setId("tester-custom");
        custom.visibleProperty().bind(preset.valueProperty().isEqualTo(CUSTOM));
        custom.managedProperty().bind(custom.visibleProperty());
        addHeader("Authorization", "");

        count.setId("tester-count");
        count.setEditable(true);
        count.setPrefWidth(90);
        concurrency.setId("tester-concurrency");
        concurrency.setEditable(true);
        concurrency.setPrefWidth(80);
        fresh.setId("tester-fresh");
        fresh.setTooltip(new Tooltip("New SOCKS isolation credentials per request: tor builds a new circuit each time"
                + " (cold latency, as a first-time client sees it)"));
        retries.setId("tester-retries");
        retries.setPrefColumnCount(7);
        retries.setTooltip(new Tooltip("Pauses in seconds before each retry on tor and timeout errors; 'none' for no"
                + " retries"));
        run.setId("tester-run");
        run.setDefaultButton(true);
        run.setOnAction(e -> startRun());
        cancel.setId("tester-cancel");
        cancel.setDisable(true);
        cancel.setOnAction(e -> {
            if (cancelFlag != null) {
                cancelFlag.set(true);
            }
        });
        Region spacer = Spacer.horizontal();
        HBox options = new HBox(8, label("Requests"), count, label("at once"), concurrency, fresh, label("Retries (s)"),
                retries, spacer, cancel, run);
        options.setAlignment(Pos.CENTER_LEFT);

        summary.setId("tester-summary");
        verdict.setId("tester-verdict");
        verdict.setWrapText(true);
        verdict.getStyleClass().add("verdict");
        VBox pane = new VBox(10, top, custom, options, progress, summary, verdict);
        pane.setPadding(new Insets(0, 0, 10, 0));
        return pane;
    }

    private TabPane resultsPane() {
        attemptsTable.setId("tester-attempts");
        idle.setId("tester-idle");
        waiting.setId("tester-waiting");
        attemptsTable.setPlaceholder(idle);
        attemptsTable.getColumns().add(column("#", a -> Integer.toString(a.index() + 1), 50));
        attemptsTable.getColumns().add(column("Status", a -> a.status() == 0 ? "—" : Integer.toString(a.status()), 70));
        attemptsTable.getColumns().add(column("Time (ms)", a -> Long.toString(a.millis()), 90));
        attemptsTable.getColumns().add(column("Bytes", a -> Long.toString(a.bytes()), 80));
        attemptsTable.getColumns().add(column("Circuit", ProbeAttempt::circuit, 80));
        attemptsTable.getColumns().add(column("Retries", a -> Integer.toString(a.retries()), 70));
        attemptsTable.getColumns().add(column("Result", a -> a.ok() ? "OK" : a.verdict().name().replace('_', ' ')
                .toLowerCase() + (a.detail().isEmpty() ? "" : ": " + a.detail()), 480));
        attemptsTable.getSelectionModel().selectedItemProperty().addListener((obs, old, a) -> {
            if (a != null) {
                response.setText(a.body());
            }
        });
        response.setId("tester-response");
        response.setEditable(false);
        response.setWrapText(true);
        response.getStyleClass().add("mono");
        response.setPromptText("The response body of the selected request");

        historyTable.setId("tester-history");
        historyTable.setPlaceholder(new Label("No earlier runs for this service."));
        historyTable.getColumns().add(historyColumn("When", e -> TIME.format(Instant.parse(e.startedAt())
                .atZone(ZoneId.systemDefault())), 150));
        historyTable.getColumns().add(historyColumn("Request", e -> e.request().describe() + headersText(e.request()), 260));
        historyTable.getColumns().add(historyColumn("OK", e -> e.summary().ok() + "/" + e.summary().count(), 60));
        historyTable.getColumns().add(historyColumn("p50 (ms)", e -> e.summary().p50Ms() == null ? "—"
                : Long.toString(e.summary().p50Ms()), 80));
        historyTable.getColumns().add(historyColumn("Verdict", ProbeHistory.Entry::verdictText, 420));

        Tab attemptsTab = new Tab("Attempts", attemptsTable);
        Tab responseTab = new Tab("Response", response);
        Tab historyTab = new Tab("History", historyTable);
        attemptsTab.setId("tester-tab-attempts");
        historyTab.setId("tester-tab-history");
        TabPane tabs = new TabPane(attemptsTab, responseTab, historyTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        return tabs;
    }

    private static String headersText(ProbeRequest r) {
        return r.headers().isEmpty() ? "" : "  (" + r.headers().stream().map(h -> h.name() + ": " + h.shownValue())
                .collect(Collectors.joining(", ")) + ")";
    }

    private void addHeader(String name, String value) {
        int index = headerCounter++;
        HeaderRow[] self = new HeaderRow[1];
        self[0] = new HeaderRow(index, name, value, () -> {
            headerRows.remove(self[0]);
            headers.getChildren().remove(self[0]);
        });
        headerRows.add(self[0]);
        headers.getChildren().add(self[0]);
    }

    void refreshTarget() {
        port.setPorts(context.virtualPorts());
        target.setText(url().orElse("(no address yet: start the service once)"));
    }

    /** Where requests go: the service's chosen virtual port, as a client would be told to connect. */
    private Optional<String> url() {
        int virtualPort = port.selected();
        return context.onion().map(o -> OnionUrl.of(o, virtualPort));
    }

    ProbeRequest request() {
        return switch (preset.getValue()) {
            case INFO -> ProbeRequest.INFO;
            case MODELS -> ProbeRequest.MODELS;
            default -> new ProbeRequest(method.getValue(), path.getText(),
                    headerRows.stream().filter(h -> !h.isBlank()).map(HeaderRow::toHeader).toList(), body.getText());
        };
    }

    private void startRun() {
        refreshTarget();
        ProbeRequest request;
        ProbeOptions options;
        try {
            request = request();
            options = new ProbeOptions(count.getValue(), concurrency.getValue(), fresh.isSelected(),
                    ProbeOptions.parseRetries(retries.getText()), null);
        } catch (ValidationException e) {
            showVerdict(false, e.getMessage());
            return;
        }
        Optional<String> url = url();
        if (url.isEmpty()) {
            showVerdict(false, "This service has no onion address yet: start tor and the service on the Dashboard.");
            return;
        }
        String notReady = context.torNotReady();
        Optional<InetSocketAddress> socks = context.socks();
        if (notReady != null || socks.isEmpty()) {
            showVerdict(false, ProbeVerdict.TOR_NOT_READY.words() + ": "
                    + (notReady != null ? notReady : "tor has no SOCKS port yet"));
            return;
        }
        attempts.clear();
        response.clear();
        summary.setText("");
        progress.start(options.count(), options.concurrency());
        attemptsTable.setPlaceholder(waiting);
        verdict.setText("");
        verdict.getStyleClass().removeAll("state-ok", "state-bad");
        run.setDisable(true);
        cancel.setDisable(false);
        AtomicBoolean flag = new AtomicBoolean();
        cancelFlag = flag;
        EndpointTester tester = new EndpointTester(socks.get(), context.localTarget(port.selected()).orElse(null));
        ProbeListener live = new ProbeListener() {
            @Override
            public void attemptFinished(ProbeAttempt a) {
                Platform.runLater(() -> {
                    attempts.add(a);
                    progress.finishedOne();
                    if (response.getText().isEmpty()) {
                        response.setText(a.body());
                    }
                });
            }

            @Override
            public void retrying(int index, int retry, Duration pause, String reason) {
                Platform.runLater(() -> progress.note("request " + (index + 1) + ": retry " + retry + " in "
                        + pause.toSeconds() + " s (" + reason + ")"));
            }
        };
        Tasks.run(() -> {
            ProbeResult r = tester.run(url.get(), request, options, live, flag);
            history.add(context.service(), r);
            return r;
        }, this::finished, failure -> {
            runOver();
            run.setDisable(false);
            cancel.setDisable(true);
            showVerdict(false, "The test could not run: " + Messages.of(failure));
        });
    }

    private void runOver() {
        progress.stop();
        attemptsTable.setPlaceholder(idle);
    }

    private void finished(ProbeResult r) {
        runOver();
        run.setDisable(false);
        cancel.setDisable(true);
        attempts.setAll(r.attempts());
        ProbeSummary s = r.summary();
        summary.setText(String.format("%d/%d succeeded (%.0f %%)   status %s%s", s.ok(), s.count(), s.successRate() * 100,
                s.statusInWords(), s.p50Ms() == null ? ""
                        : String.format("   latency ms: min %d · p50 %d · p95 %d · max %d", s.minMs(), s.p50Ms(),
                        s.p95Ms(), s.maxMs())));
        showVerdict(r.allOk(), r.verdictText());
        loadHistory();
    }

    private void showVerdict(boolean ok, String text) {
        verdict.setText(text);
        verdict.getStyleClass().removeAll("state-ok", "state-bad");
        verdict.getStyleClass().add(ok ? "state-ok" : "state-bad");
    }

    private void loadHistory() {
        Callable<List<ProbeHistory.Entry>> read = () -> history.list(context.service());
        Tasks.run(read, list -> runs.setAll(list), failure -> runs.clear());
    }

    private static Label label(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("form-label");
        return l;
    }

    private static TableColumn<ProbeAttempt, String> column(String title, Function<ProbeAttempt, String> value, double width) {
        TableColumn<ProbeAttempt, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }

    private static TableColumn<ProbeHistory.Entry, String> historyColumn(String title,
                                                                         Function<ProbeHistory.Entry, String> value,
                                                                         double width) {
        TableColumn<ProbeHistory.Entry, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }
}
