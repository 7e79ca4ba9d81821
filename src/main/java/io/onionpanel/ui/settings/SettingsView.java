package io.onionpanel.ui.settings;

import io.onionpanel.common.ValidationException;
import io.onionpanel.ui.common.ScrollPanes;
import io.onionpanel.monitor.MetricsAddress;
import io.onionpanel.settings.MonitorSettings;
import io.onionpanel.settings.Settings;
import io.onionpanel.tor.FixedSocksPort;
import io.onionpanel.tor.TorLocator;
import io.onionpanel.tor.TorSupport;
import io.onionpanel.tor.TorrcLines;
import io.onionpanel.ui.common.Messages;
import io.onionpanel.ui.common.Tasks;
import io.onionpanel.ui.model.PanelModel;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.controlsfx.validation.ValidationMessage;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;

/** Tor binary, data folder, extra torrc lines, bootstrap timeout and theme, saved through the engine's settings. */
public final class SettingsView extends ScrollPane {
    private final PanelModel model;
    private final Consumer<String> applyTheme;
    // The id stays "settings-bundled": the automatic choice is what the bundled tor was before.
    private final RadioButton automatic = new RadioButton("_Automatic: the newest supported tor found");
    private final CheckBox allowUnsupported = new CheckBox("Allow an _unsupported tor (older than "
            + TorSupport.MINIMUM_SERIES + "; private test networks only)");
    private final RadioButton custom = new RadioButton("Tor _binary:");
    private final TextField torPath = new TextField();
    private final Label torInfo = new Label();
    private final TextArea extraLines = new TextArea();
    private final Spinner<Integer> timeout = new Spinner<>(10, 3600, 180, 10);
    private final ChoiceBox<String> theme = new ChoiceBox<>();
    private final Spinner<Integer> probeInterval = new Spinner<>(5, 3600, MonitorSettings.DEFAULT_PROBE_INTERVAL, 5);
    private final ChoiceBox<String> probeService = new ChoiceBox<>();
    private final TextField probePath = new TextField();
    private final TextField metricsAddress = new TextField();
    private final TextField socksPort = new TextField();
    /** Probe paths being edited, per service, until saved. */
    private final java.util.Map<String, String> probePaths = new java.util.TreeMap<>();
    private final Button save = new Button("_Save");
    private final Label saved = new Label();
    private final ValidationSupport validation = new ValidationSupport();

    public SettingsView(PanelModel model, Consumer<String> applyTheme) {
        this.model = model;
        this.applyTheme = applyTheme;
        setFitToWidth(true);
        ScrollPanes.withoutViewportCache(this);
        GridPane grid = new GridPane();
        grid.getStyleClass().add("page");
        grid.setHgap(12);
        grid.setVgap(12);

        ToggleGroup which = new ToggleGroup();
        automatic.setToggleGroup(which);
        custom.setToggleGroup(which);
        automatic.setId("settings-bundled");
        custom.setId("settings-custom");
        torPath.setId("settings-tor-path");
        torPath.setPromptText("/usr/bin/tor");
        torPath.disableProperty().bind(automatic.selectedProperty());
        Button choose = new Button("_Choose…");
        choose.disableProperty().bind(automatic.selectedProperty());
        choose.setOnAction(e -> chooseBinary());
        HBox.setHgrow(torPath, Priority.ALWAYS);
        HBox customRow = new HBox(8, custom, torPath, choose);
        customRow.setAlignment(Pos.CENTER_LEFT);
        torInfo.setId("settings-tor-info");
        torInfo.getStyleClass().add("muted");
        torInfo.setWrapText(true);
        which.selectedToggleProperty().addListener((obs, old, now) -> describeTor());
        torPath.focusedProperty().addListener((obs, was, focused) -> {
            if (!focused) {
                describeTor();
            }
        });
        allowUnsupported.setId("settings-allow-unsupported");
        allowUnsupported.selectedProperty().addListener((obs, was, now) -> describeTor());
        row(grid, 0, "Tor", new VBox(6, automatic, customRow, torInfo, allowUnsupported));

        TextField dataDir = new TextField(model.dataDir().toString());
        dataDir.setEditable(false);
        dataDir.setId("settings-data-dir");
        HBox.setHgrow(dataDir, Priority.ALWAYS);
        Button open = new Button("_Open folder");
        open.setOnAction(e -> openFolder(model.dataDir()));
        row(grid, 1, "Data folder", new HBox(8, dataDir, open));

        extraLines.setId("settings-extra-torrc");
        extraLines.setPrefRowCount(5);
        extraLines.setPromptText("e.g. UseBridges 1\nBridge obfs4 …");
        Label extraHint = new Label("Added to tor's configuration. Lines for what the panel manages (ports, folders,"
                + " authentication, onion services) are refused, and so are lines that open tor to the network"
                + " (relay, bridge or exit; listeners beyond 127.0.0.1).");
        extraHint.setWrapText(true);
        extraHint.getStyleClass().add("muted");
        Label extraError = errorsOf(extraLines, "settings-extra-error");
        row(grid, 2, "Extra torrc lines", new VBox(6, extraLines, extraError, extraHint));
        validation.registerValidator(extraLines, false, (org.controlsfx.validation.Validator<String>) (control, value) -> {
            try {
                TorrcLines.validate(lines(value), "Extra torrc");
                return new ValidationResult();
            } catch (ValidationException ex) {
                return ValidationResult.fromMessages(ValidationMessage.error(extraLines, ex.getMessage()));
            }
        });

        timeout.setId("settings-timeout");
        timeout.setEditable(true);
        row(grid, 3, "Bootstrap timeout (s)", timeout);
        row(grid, 4, "SOCKS port", socksPortControls());

        theme.getItems().addAll("light", "dark");
        theme.setId("settings-theme");
        theme.valueProperty().addListener((obs, old, now) -> {
            if (now != null) {
                applyTheme.accept(now);
            }
        });
        row(grid, 5, "Theme", theme);
        row(grid, 6, "Monitoring", monitoringControls());

        save.setId("settings-save");
        save.setDefaultButton(true);
        save.getStyleClass().add("primary");
        save.disableProperty().bind(validation.invalidProperty());
        save.setOnAction(e -> saveSettings());
        saved.setId("settings-saved");
        // A refusal can be a long sentence: it wraps beside the button instead of squeezing it.
        save.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        saved.setWrapText(true);
        saved.setMinWidth(0);
        saved.setPrefWidth(300);
        saved.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(saved, Priority.ALWAYS);
        Label restartNote = new Label("Changing tor's binary, lines, timeout or SOCKS port restarts tor; services keep their addresses.");
        restartNote.getStyleClass().add("muted");
        restartNote.setWrapText(true);
        grid.add(new VBox(8, new HBox(10, save, saved), restartNote), 1, 7);
        row(grid, 8, "Connection", new ConnectionBox(model));
        row(grid, 9, "Tor mode", new SingleOnionBox(model));
        row(grid, 10, "Existing tor", new AttachBox(model));
        row(grid, 11, "Window", new KeepOnlineBox(model));
        row(grid, 12, "Start at login", new LoginStartBox(model.dataDir()));
        row(grid, 13, "Remote access", new RemoteAccessBox(model.dataDir(), model.notifier()));
        setContent(grid);

        load(model.settings());
        // Services added elsewhere (dashboard, CLI) appear in the probe-path choice without reopening the page.
        model.settingsProperty().addListener((obs, old, now) -> {
            refreshProbeServices(now);
            // Also set from the Share window and the CLI: Save must not write back the port shown before.
            if (old == null || old.tor().fixedSocksPort() != now.tor().fixedSocksPort()) {
                socksPort.setText(now.tor().fixedSocksPort() == 0 ? "" : Integer.toString(now.tor().fixedSocksPort()));
            }
        });
    }

    private void refreshProbeServices(Settings s) {
        String selected = probeService.getValue();
        List<String> names = s.services().stream().map(c -> c.name()).toList();
        s.monitor().probePaths().forEach(probePaths::putIfAbsent);
        if (!names.equals(probeService.getItems())) {
            probeService.getItems().setAll(names);
        }
        probeService.setValue(names.contains(selected) ? selected : names.isEmpty() ? null : names.get(0));
    }

    /**
     * The fixed SOCKS port (the same setting as the Share window and {@code settings socks-port}): empty is
     * automatic. Checked free as it is typed, so a port another program holds is refused before tor fails on it.
     */
    private VBox socksPortControls() {
        socksPort.setId("settings-socks-port");
        socksPort.setPromptText("auto");
        socksPort.setPrefColumnCount(7);
        socksPort.setMaxWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label error = errorsOf(socksPort, "settings-socks-error");
        validation.registerValidator(socksPort, false, (org.controlsfx.validation.Validator<String>) (control, value) -> {
            try {
                fixedSocksPort(value);
                return new ValidationResult();
            } catch (ValidationException ex) {
                return ValidationResult.fromMessages(ValidationMessage.error(socksPort, ex.getMessage()));
            }
        });
        return new VBox(6, socksPort, error, hint("Empty: tor picks a free port at each start. A fixed port on"
                + " 127.0.0.1 stays the same across restarts, for programs you configure once (Routstr's TOR_PROXY_URL,"
                + " the client snippets)."));
    }

    private int fixedSocksPort(String text) {
        String t = text == null ? "" : text.strip();
        int configured = model.settings().tor().fixedSocksPort();
        return t.isEmpty() ? 0 : FixedSocksPort.requireFree(FixedSocksPort.parse(t), configured);
    }

    /** Self-probe interval and per-service path, and the opt-in metrics endpoint (loopback only). */
    private VBox monitoringControls() {
        probeInterval.setId("settings-probe-interval");
        probeInterval.setEditable(true);
        probeInterval.setPrefWidth(100);
        probeService.setId("settings-probe-service");
        probePath.setId("settings-probe-path");
        probePath.setPromptText("/ (Routstr: /v1/info)");
        HBox.setHgrow(probePath, Priority.ALWAYS);
        probeService.valueProperty().addListener((obs, old, now) -> {
            if (old != null) {
                probePaths.put(old, probePath.getText().trim());
            }
            probePath.setText(now == null ? "" : probePaths.getOrDefault(now, ""));
        });
        probePath.disableProperty().bind(probeService.valueProperty().isNull());
        HBox interval = new HBox(8, new Label("Latency probe every"), probeInterval, new Label("s; path for"), probeService, probePath);
        interval.setAlignment(Pos.CENTER_LEFT);
        metricsAddress.setId("settings-metrics-address");
        metricsAddress.setPromptText("off — e.g. 127.0.0.1:9180");
        HBox.setHgrow(metricsAddress, Priority.ALWAYS);
        HBox metrics = new HBox(8, new Label("Metrics endpoint"), metricsAddress);
        metrics.setAlignment(Pos.CENTER_LEFT);
        return new VBox(8, interval, metrics, hint("The probe fetches the path through tor on circuits of its own. The"
                + " endpoint serves /metrics (Prometheus) and /status on a loopback address only; leave it empty to keep it off."));
    }

    private static Label hint(String text) {
        Label hint = new Label(text);
        hint.getStyleClass().add("muted");
        hint.setWrapText(true);
        // A wrapping label asks for its whole text's width; without a small preference it squeezes the labels column.
        hint.setMinWidth(0);
        hint.setPrefWidth(300);
        hint.setMaxWidth(Double.MAX_VALUE);
        return hint;
    }

    /** A label under {@code field} with the validation errors that concern it, hidden while there are none. */
    private Label errorsOf(javafx.scene.control.Control field, String id) {
        Label error = new Label();
        error.setId(id);
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.managedProperty().bind(error.textProperty().isNotEmpty());
        error.visibleProperty().bind(error.textProperty().isNotEmpty());
        validation.validationResultProperty().addListener((obs, old, result) -> error.setText(String.join("\n",
                result.getErrors().stream().filter(m -> m.getTarget() == field).map(ValidationMessage::getText).toList())));
        return error;
    }

    private static void row(GridPane grid, int row, String label, javafx.scene.Node node) {
        Label l = new Label(label);
        l.getStyleClass().add("form-label");
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        // Beside the row's first line, not its middle: several rows hold a control plus explanations.
        GridPane.setValignment(l, javafx.geometry.VPos.TOP);
        l.setPadding(new javafx.geometry.Insets(5, 0, 0, 0));
        grid.add(l, 0, row);
        grid.add(node, 1, row);
        GridPane.setHgrow(node, Priority.ALWAYS);
    }

    private static List<String> lines(String text) {
        return text == null || text.isEmpty() ? List.of() : List.of(text.split("\n", -1));
    }

    private void load(Settings s) {
        automatic.setSelected(s.tor().binary() == null);
        custom.setSelected(s.tor().binary() != null);
        torPath.setText(s.tor().binary() == null ? "" : s.tor().binary());
        allowUnsupported.setSelected(s.tor().allowUnsupported());
        extraLines.setText(String.join("\n", s.tor().extraTorrcLines()));
        timeout.getValueFactory().setValue(s.tor().bootstrapTimeoutSeconds());
        socksPort.setText(s.tor().fixedSocksPort() == 0 ? "" : Integer.toString(s.tor().fixedSocksPort()));
        theme.setValue(s.ui().theme());
        probeInterval.getValueFactory().setValue(s.monitor().probeIntervalSeconds());
        probePaths.clear();
        probePaths.putAll(s.monitor().probePaths());
        refreshProbeServices(s);
        metricsAddress.setText(s.monitor().metricsAddress() == null ? "" : s.monitor().metricsAddress());
        describeTor();
    }

    private void describeTor() {
        boolean useAutomatic = automatic.isSelected();
        String path = torPath.getText().trim();
        if (!useAutomatic && path.isEmpty()) {
            torInfo.setText("Choose a tor binary (" + TorSupport.MINIMUM_SERIES + " or newer).");
            return;
        }
        boolean allow = allowUnsupported.isSelected();
        torInfo.setText("Checking…");
        Tasks.run(() -> TorLocator.forDataDir(model.dataDir()).select(null, useAutomatic ? null : path, true).tor(),
                tor -> {
                    boolean supported = TorSupport.supported(tor);
                    torInfo.setText(tor.describe() + "\n" + (supported ? "Supported (" + TorSupport.MINIMUM_SERIES
                            + " or newer)." : (allow ? "UNSUPPORTED, allowed: " : "Not supported: ") + TorSupport.why(tor)
                            + (allow ? "" : " Saving refuses it.")));
                    styleTorInfo(supported ? "muted" : allow ? "warn-text" : "error-text");
                },
                failure -> {
                    torInfo.setText("Not usable: " + Messages.of(failure));
                    styleTorInfo("error-text");
                });
    }

    private void styleTorInfo(String style) {
        torInfo.getStyleClass().removeAll("muted", "warn-text", "error-text");
        torInfo.getStyleClass().add(style);
    }

    private void chooseBinary() {
        FileChooser chooser = io.onionpanel.ui.common.LastFolder.fileChooser("Choose a tor binary");
        File file = chooser.showOpenDialog(getScene().getWindow());
        if (file != null) {
            io.onionpanel.ui.common.LastFolder.remember(file);
            torPath.setText(file.getAbsolutePath());
            describeTor();
        }
    }

    private void saveSettings() {
        String binary = automatic.isSelected() ? null : torPath.getText().trim();
        if (binary != null && binary.isEmpty()) {
            saved.setText("Choose a tor binary or select the automatic one.");
            return;
        }
        boolean allow = allowUnsupported.isSelected();
        List<String> extra;
        int fixedSocks;
        try {
            extra = TorrcLines.validate(lines(extraLines.getText()), "Extra torrc");
            fixedSocks = fixedSocksPort(socksPort.getText());
        } catch (ValidationException e) {
            saved.setText(e.getMessage());
            return;
        }
        int seconds = timeout.getValue();
        String chosenTheme = theme.getValue();
        if (probeService.getValue() != null) {
            probePaths.put(probeService.getValue(), probePath.getText().trim());
        }
        java.util.Map<String, String> paths = new java.util.TreeMap<>();
        String metrics = metricsAddress.getText().trim();
        try {
            for (var e : probePaths.entrySet()) {
                if (!e.getValue().isEmpty()) {
                    paths.put(e.getKey(), MonitorSettings.validatePath(e.getValue()));
                }
            }
            if (!metrics.isEmpty()) {
                MetricsAddress.parse(metrics);
            }
        } catch (ValidationException e) {
            saved.setText(e.getMessage());
            return;
        }
        int interval = probeInterval.getValue();
        // A tor the network no longer accepts is refused here, as the CLI refuses it: nothing is saved.
        Tasks.run(() -> TorLocator.forDataDir(model.dataDir()).select(null, binary, allow),
                selection -> save(binary, allow, extra, fixedSocks, seconds, chosenTheme, interval, metrics, paths),
                failure -> saved.setText(Messages.of(failure)));
    }

    private void save(String binary, boolean allow, List<String> extra, int fixedSocks, int seconds, String chosenTheme,
                      int interval, String metrics, java.util.Map<String, String> paths) {
        var tor = model.settings().tor();
        boolean restartsTor = !java.util.Objects.equals(tor.binary(), binary) || tor.allowUnsupported() != allow
                || !tor.extraTorrcLines().equals(extra) || tor.bootstrapTimeoutSeconds() != seconds
                || tor.fixedSocksPort() != fixedSocks;
        if (restartsTor && model.isEngineRunning()) {
            if (!io.onionpanel.ui.common.OutageConfirm.ask(getScene().getWindow(), "Restart tor", model.runningServices(),
                    "for a few seconds: these settings restart tor")) {
                saved.setText("Not saved.");
                return;
            }
            model.expectedOutages().allServices();
        }
        model.updateSettings(s -> {
            // Which services front a Routstr node is not on this page: it stays as routstr configure left it.
            MonitorSettings m = new MonitorSettings(interval, java.util.Map.of(), metrics.isEmpty() ? null : metrics,
                    s.monitor().routstrNodes());
            for (var e : paths.entrySet()) {
                // A service renamed or removed since the page was loaded keeps no path under its old name.
                if (s.services().stream().anyMatch(c -> c.name().equals(e.getKey()))) {
                    m = m.withProbePath(e.getKey(), e.getValue());
                }
            }
            return s.withTor(s.tor().withBinary(binary).withAllowUnsupported(allow).withExtraTorrcLines(extra)
                    .withBootstrapTimeoutSeconds(seconds).withFixedSocksPort(fixedSocks))
                    .withUi(s.ui().withTheme(chosenTheme)).withMonitor(m);
        }, () -> saved.setText("Saved."));
    }

    private void openFolder(Path dir) {
        Tasks.run(() -> {
            if (java.awt.Desktop.isDesktopSupported() && java.awt.Desktop.getDesktop().isSupported(java.awt.Desktop.Action.OPEN)) {
                java.awt.Desktop.getDesktop().open(dir.toFile());
            } else {
                new ProcessBuilder(openCommand(), dir.toString()).start();
            }
        }, () -> { }, failure -> model.notifier().error("Cannot open the folder", failure));
    }

    private static String openCommand() {
        String os = System.getProperty("os.name", "").toLowerCase();
        return os.startsWith("mac") ? "open" : os.startsWith("windows") ? "explorer" : "xdg-open";
    }
}
