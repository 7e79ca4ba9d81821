package io.onionpanel.ui.dashboard;

import io.onionpanel.control.AttachedPanelEngine;
import io.onionpanel.engine.TorStatus;
import io.onionpanel.tor.NetworkVersionStatus;
import io.onionpanel.tor.TorSupport;
import io.onionpanel.ui.common.OutageConfirm;
import io.onionpanel.ui.common.Spacer;
import io.onionpanel.ui.common.StateBadge;
import io.onionpanel.ui.model.PanelModel;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Tor's state at a glance: running / bootstrapping (% and stage) / stopped / failed with the reason. */
final class TorStatusPane extends VBox {
    private final StateBadge badge = new StateBadge();
    private final Label version = new Label();
    /** What the Tor network says of this tor's version, or that it runs only because it was allowed. */
    private final Label network = new Label();
    private final ProgressBar progress = new ProgressBar(0);
    private final Label stage = new Label();
    private final Label reason = new Label();
    /** Where the engine runs, and what closing the window does to it. */
    private final Label engine = new Label();
    private final PanelModel model;
    private final Button start = new Button("_Start tor");
    private final Button stop = new Button("S_top tor");
    private final Button restart = new Button("_Restart tor");

    TorStatusPane(PanelModel model) {
        this.model = model;
        getStyleClass().addAll("card", "tor-status");
        setSpacing(8);
        Label title = new Label("Tor");
        title.getStyleClass().add("card-title");
        badge.setId("tor-state");
        version.getStyleClass().add("muted");
        Region spacer = Spacer.horizontal();
        start.setId("tor-start");
        stop.setId("tor-stop");
        restart.setId("tor-restart");
        start.setOnAction(e -> model.startEngine(() -> { }));
        stop.setOnAction(e -> {
            if (OutageConfirm.ask(getScene().getWindow(), "Stop tor", model.runningServices(), "until tor is started again")) {
                model.stopEngine(() -> { });
            }
        });
        restart.setOnAction(e -> {
            if (OutageConfirm.ask(getScene().getWindow(), "Restart tor", model.runningServices(),
                    "for a few seconds, until tor has bootstrapped again")) {
                model.restartTor();
            }
        });
        HBox header = new HBox(10, title, badge, version, spacer, start, restart, stop);
        header.setAlignment(Pos.CENTER_LEFT);

        progress.setMaxWidth(Double.MAX_VALUE);
        progress.setId("tor-progress");
        stage.setId("tor-stage");
        reason.setId("tor-reason");
        reason.setWrapText(true);
        reason.getStyleClass().add("error-text");
        network.setId("tor-network-status");
        network.setWrapText(true);
        engine.setId("tor-engine");
        engine.getStyleClass().add("muted");
        engine.setWrapText(true);
        getChildren().addAll(header, network, progress, stage, reason, engine);
        model.torStatusProperty().addListener((obs, old, now) -> show(now));
        model.settingsProperty().addListener((obs, old, now) -> show(model.torStatusProperty().get()));
        show(model.torStatusProperty().get());
    }

    private void show(TorStatus s) {
        boolean reconnecting = AttachedPanelEngine.RECONNECTING.equals(s.detail());
        switch (s.state()) {
            case RUNNING -> badge.show("Running", "ok");
            case BOOTSTRAPPING -> badge.show("Bootstrapping " + s.progress() + " %", "busy");
            case STARTING -> badge.show("Starting", "busy");
            case RESTARTING -> badge.show(reconnecting ? "Reconnecting" : "Restarting", "busy");
            case STOPPED -> badge.show("Stopped", "off");
            case FAILED -> badge.show("Failed", "bad");
        }
        version.setText(s.describeTor());
        showNetwork(s);
        // Reconnecting is the window's state, not tor's: no progress to show.
        boolean busy = !reconnecting && (s.state() == TorStatus.State.BOOTSTRAPPING || s.state() == TorStatus.State.STARTING
                || s.state() == TorStatus.State.RESTARTING);
        progress.setProgress(s.progress() / 100.0);
        showIf(progress, busy);
        stage.setText(busy ? s.summary() : "");
        showIf(stage, busy && !s.summary().isEmpty());
        reason.setText(s.detail() == null ? "" : s.detail());
        showIf(reason, s.detail() != null && (s.state() == TorStatus.State.FAILED || s.state() == TorStatus.State.RESTARTING));
        boolean off = s.state() == TorStatus.State.STOPPED || s.state() == TorStatus.State.FAILED;
        showIf(start, s.state() == TorStatus.State.STOPPED);
        showIf(restart, s.state() == TorStatus.State.FAILED || s.state() == TorStatus.State.RUNNING);
        // A remote engine's tor is not stopped from here: nothing remote could start it again (RemoteMethods).
        showIf(stop, !off && model.remoteName().isEmpty());
        engine.setText(engineInWords());
        showIf(engine, !engine.getText().isEmpty());
    }

    private String engineInWords() {
        if (model.remoteName().isPresent()) {
            return "Engine: on the remote panel '" + model.remoteName().get() + "', reached through this computer's tor.";
        }
        if (!model.engineOutlivesWindow() || model.engine().enginePid() == 0) {
            return "";
        }
        boolean stays = !model.engine().startedHere() || model.settings().ui().keepOnline();
        return "Engine: its own process (pid " + model.engine().enginePid() + "); " + (stays
                ? "the services stay online when this window closes."
                : "closing this window asks whether to keep the services online (Settings → Window).");
    }

    private void showNetwork(TorStatus s) {
        network.getStyleClass().removeAll("muted", "error-text", "warn-text");
        if (s.unsupportedAllowed()) {
            network.setText("⚠ Unsupported tor (older than " + TorSupport.MINIMUM_SERIES + "), running only because it was"
                    + " allowed in Settings or with " + TorSupport.OVERRIDE_FLAG + (s.network() == null ? "."
                    : ". The network: " + s.network().inWords() + "."));
            network.getStyleClass().add("error-text");
        } else if (s.network() != null) {
            NetworkVersionStatus n = s.network();
            network.setText(n.unknown() ? "The network's verdict on this version: " + n.inWords()
                    : (n.good() ? "✓ " : n.obsolete() ? "✗ " : "⚠ ") + "This tor version is " + n.inWords() + ".");
            network.getStyleClass().add(n.good() || n.unknown() ? "muted" : n.obsolete() ? "error-text" : "warn-text");
        } else {
            network.setText("");
        }
        showIf(network, !network.getText().isEmpty());
    }

    private static void showIf(javafx.scene.Node node, boolean visible) {
        node.setVisible(visible);
        node.setManaged(visible);
    }
}
