package io.onionpanel.ui.firstrun;

import io.onionpanel.common.ValidationException;
import io.onionpanel.defense.NewServiceDefenses;
import io.onionpanel.defense.PowSupport;
import io.onionpanel.engine.ServiceStatus;
import io.onionpanel.engine.TorStatus;
import io.onionpanel.onion.ServiceValidation;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.ui.backup.ImportDialog;
import io.onionpanel.ui.common.Notifier;
import io.onionpanel.ui.common.Tasks;
import io.onionpanel.ui.model.PanelModel;
import io.onionpanel.ui.settings.ConnectionBox;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.collections.MapChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The first thing a new operator sees: one button that puts their local API on an onion address, then
 * tor's progress, then the address.
 */
public final class FirstRunView extends VBox {
    public static final String SERVICE_NAME = "api";
    static final String DEFAULT_TARGET = "http://127.0.0.1:8000";

    private final PanelModel model;
    private final TextField target = new TextField(DEFAULT_TARGET);
    private final Button go = new Button();
    private final Label error = new Label();
    private final ProgressBar progress = new ProgressBar(0);
    private final Label stage = new Label();
    private final VBox progressBox = new VBox(6, progress, stage);
    private final TextField address = new TextField();
    private final Button copy = new Button("_Copy address");
    private final Button done = new Button("Open the _dashboard");
    private final VBox resultBox;
    private final Button restore = new Button("_Restore from a backup…");

    public FirstRunView(PanelModel model, Runnable onDone) {
        this.model = model;
        getStyleClass().add("first-run");
        setSpacing(14);
        setAlignment(Pos.CENTER);
        setMaxWidth(640);

        Label title = new Label("Welcome to Onion Panel");
        title.getStyleClass().add("title");
        Label intro = new Label("Onion Panel runs tor for you and gives your local API a v3 onion address that clients"
                + " can reach through Tor, without opening a port or revealing this machine's IP address.");
        intro.setWrapText(true);

        Label targetLabel = new Label("_Local API:");
        targetLabel.setMnemonicParsing(true);
        targetLabel.setLabelFor(target);
        target.setId("first-run-target");
        target.setPrefColumnCount(28);
        HBox.setHgrow(target, Priority.ALWAYS);
        HBox targetRow = new HBox(8, targetLabel, target);
        targetRow.setAlignment(Pos.CENTER_LEFT);

        go.setId("first-run-go");
        go.setDefaultButton(true);
        go.getStyleClass().add("primary");
        go.setMnemonicParsing(false);
        go.textProperty().bind(Bindings.createStringBinding(
                () -> "Put " + displayTarget() + " on an onion address", target.textProperty()));
        go.setOnAction(e -> start());

        error.setId("first-run-error");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.managedProperty().bind(error.textProperty().isNotEmpty());
        error.visibleProperty().bind(error.textProperty().isNotEmpty());

        progress.setId("first-run-progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        stage.setId("first-run-stage");
        progressBox.setVisible(false);
        progressBox.setManaged(false);

        address.setId("first-run-address");
        address.setEditable(false);
        address.getStyleClass().add("onion-address");
        copy.setOnAction(e -> {
            Notifier.copy("http://" + address.getText());
            model.notifier().info("Address copied");
        });
        done.setId("first-run-done");
        done.setOnAction(e -> onDone.run());
        Label published = new Label("Your API is on Tor. Clients reach it at:");
        HBox addressRow = new HBox(8, address, copy);
        HBox.setHgrow(address, Priority.ALWAYS);
        resultBox = new VBox(8, published, addressRow, done);
        resultBox.setVisible(false);
        resultBox.setManaged(false);

        restore.setId("first-run-restore");
        restore.setMinWidth(Region.USE_PREF_SIZE);
        restore.setOnAction(e -> restore(onDone));
        Label restoreHint = new Label("Moving to a new machine? Restore the address from a backup of its keys.");
        restoreHint.getStyleClass().add("muted");
        restoreHint.setWrapText(true);
        HBox restoreRow = new HBox(10, restore, restoreHint);
        restoreRow.setAlignment(Pos.CENTER_LEFT);

        // Offered here, before the first service goes online: whether closing the window later takes it offline.
        javafx.scene.control.CheckBox keepOnline = new javafx.scene.control.CheckBox(
                io.onionpanel.ui.settings.KeepOnlineBox.LABEL.replace("_", ""));
        keepOnline.setId("first-run-keep-online");
        io.onionpanel.ui.settings.KeepOnlineBox.follow(keepOnline, model);

        getChildren().addAll(title, intro, targetRow, keepOnline, go, error, progressBox, resultBox, restoreRow, censoredNetwork());
    }

    /**
     * "My network blocks Tor": the Settings → Connection controls (bridges, an upstream proxy), folded away until
     * asked for, so an operator behind a censor can get through before the first start.
     */
    private VBox censoredNetwork() {
        javafx.scene.control.Hyperlink blocked = new javafx.scene.control.Hyperlink("My network blocks Tor…");
        blocked.setId("first-run-blocked");
        ConnectionBox connection = new ConnectionBox(model);
        connection.setVisible(false);
        connection.setManaged(false);
        blocked.setOnAction(e -> {
            boolean show = !connection.isVisible();
            connection.setVisible(show);
            connection.setManaged(show);
        });
        return new VBox(6, blocked, connection);
    }

    /** A restored service is the first service: the dashboard shows it, with its address from the keys. */
    private void restore(Runnable onDone) {
        ImportDialog dialog = new ImportDialog(getScene().getWindow(), model);
        dialog.resultProperty().addListener((obs, old, result) -> {
            if (result == ImportDialog.IMPORT) {
                onDone.run();
            }
        });
        dialog.show();
    }

    private String displayTarget() {
        String t = target.getText().trim();
        return t.isEmpty() ? "your API" : t;
    }

    /** Accepts "http://host:port", "host:port" or a bare port; onion clients reach it on port 80. */
    static String toTorTarget(String text) {
        String t = text.trim();
        if (t.startsWith("https://")) {
            throw new ValidationException("Use the API's plain http:// address: Tor already encrypts the connection end to end");
        }
        if (t.startsWith("http://")) {
            t = t.substring("http://".length());
        }
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        if (t.contains("/")) {
            throw new ValidationException("Give the API's address without a path, e.g. http://127.0.0.1:8000");
        }
        return ServiceValidation.normalizeTarget(t);
    }

    private void start() {
        String torTarget;
        try {
            torTarget = toTorTarget(target.getText());
        } catch (ValidationException e) {
            error.setText(e.getMessage());
            return;
        }
        error.setText("");
        go.setDisable(true);
        target.setDisable(true);
        progressBox.setVisible(true);
        progressBox.setManaged(true);
        progress.progressProperty().bind(Bindings.createDoubleBinding(
                () -> model.torStatusProperty().get().progress() / 100.0, model.torStatusProperty()));
        stage.textProperty().bind(Bindings.createStringBinding(() -> describe(model.torStatusProperty().get()), model.torStatusProperty()));
        model.torStatusProperty().addListener((obs, old, now) -> {
            if (now.state() == TorStatus.State.FAILED && !resultBox.isVisible()) {
                // Let the operator reach the dashboard's Restart button and the full reason.
                done.setText("Open the _dashboard to retry");
                resultBox.getChildren().setAll(done);
                resultBox.setVisible(true);
                resultBox.setManaged(true);
            }
        });
        model.statuses().addListener((MapChangeListener<String, ServiceStatus>) change -> {
            ServiceStatus s = change.getValueAdded();
            if (s != null && s.name().equals(SERVICE_NAME) && s.state() == ServiceStatus.State.PUBLISHED) {
                showAddress(s.onion());
            }
        });
        // The same defaults as a service added any other way: proof-of-work on when this tor has the pow module.
        Tasks.run(() -> model.services().add(SERVICE_NAME, List.of(PortMapping.of(80, torTarget)),
                        NewServiceDefenses.of(PowSupport.forSettings(model.dataDir(), model.settings().tor()))),
                () -> model.startEngine(() -> { }),
                failure -> {
                    go.setDisable(false);
                    target.setDisable(false);
                    error.setText(failure.getMessage());
                });
    }

    private static String describe(TorStatus s) {
        return switch (s.state()) {
            case STARTING -> "Starting tor…";
            case BOOTSTRAPPING -> "Connecting to Tor: " + s.progress() + " % — " + s.summary();
            case RUNNING -> "Connected. Publishing your onion service…";
            case RESTARTING -> "Restarting tor…";
            case FAILED -> "Tor failed: " + s.detail();
            case STOPPED -> "Tor is stopped";
        };
    }

    private void showAddress(String onion) {
        progress.progressProperty().unbind();
        progress.setProgress(1);
        stage.textProperty().unbind();
        stage.setText("Published.");
        address.setText(onion);
        resultBox.setVisible(true);
        resultBox.setManaged(true);
        done.requestFocus();
    }
}
