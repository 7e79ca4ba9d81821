package io.onionpanel.ui.settings;

import io.onionpanel.control.RemoteServerFiles;
import io.onionpanel.ui.common.Dialogs;
import io.onionpanel.ui.common.Notifier;
import io.onionpanel.ui.common.Spacer;
import io.onionpanel.ui.common.Tasks;
import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Remote access on this panel (the server side of docs/control-api.md "Remote access", as {@code onion-panel remote
 * enable|disable|pair|list|revoke} does it): on or off, "Pair a desktop…", and the paired desktops with Revoke. Every
 * change is written to remote.json in the background and the running engine is told at once ({@code remoteChanged}).
 */
final class RemoteAccessBox extends VBox {
    private final RemoteServerFiles server;
    private final Notifier notifier;
    private final CheckBox enabled = new CheckBox("Let paired desktops manage this panel through its own onion");
    private final Label address = new Label();
    private final Button pair = new Button("_Pair a desktop…");
    private final VBox desktops = new VBox(6);
    private boolean updating;

    RemoteAccessBox(Path dataDir, Notifier notifier) {
        super(8);
        this.server = new RemoteServerFiles(dataDir);
        this.notifier = notifier;
        enabled.setId("settings-remote-enabled");
        address.setId("settings-remote-address");
        address.getStyleClass().add("muted");
        address.setWrapText(true);
        pair.setId("settings-remote-pair");
        pair.setOnAction(e -> new PairDesktopDialog(getScene().getWindow(), server, told -> {
            notifier.info("Desktop paired. " + told);
            reload();
        }).showAndWait());
        pair.disableProperty().bind(enabled.selectedProperty().not());
        desktops.setId("settings-remote-desktops");
        Label help = new Label("A paired desktop sees this panel's status, services, health, circuits and log; it may"
                + " restart tor, ask for new circuits, add, change and remove services and clients, and export a"
                + " service's keys in an encrypted backup (each change is logged with its name). It cannot stop the"
                + " engine. The onion is published only while a desktop is paired, and only to paired desktops"
                + " (v3 client authorisation).");
        help.setWrapText(true);
        help.getStyleClass().add("muted");
        help.setPrefWidth(640);
        help.setMinHeight(Region.USE_PREF_SIZE);
        getChildren().addAll(enabled, address, pair, desktops, help);
        enabled.selectedProperty().addListener((obs, was, on) -> {
            if (!updating) {
                turn(on);
            }
        });
        reload();
    }

    private void turn(boolean on) {
        enabled.setDisable(true);
        Tasks.run(() -> {
            if (on) {
                server.enable();
            } else {
                server.disable();
            }
            return server.tellEngine();
        }, told -> {
            enabled.setDisable(false);
            notifier.info("Remote access is " + (on ? "on" : "off") + ". " + told);
            reload();
        }, failure -> {
            enabled.setDisable(false);
            notifier.error("Remote access", failure);
            reload();
        });
    }

    /** State read from remote.json (the CLI may have changed it too). */
    private record State(boolean on, String address, List<RemoteServerFiles.PairedDesktop> desktops) {
    }

    private void reload() {
        Tasks.run(() -> {
            boolean on = server.enabled();
            return new State(on, on ? server.address() : null, server.pairedDesktops());
        }, this::show, failure -> notifier.error("Remote access", failure));
    }

    private void show(State state) {
        updating = true;
        enabled.setSelected(state.on());
        updating = false;
        address.setText(state.on() ? "Address: " + state.address() + ".onion (reachable only by paired desktops"
                + (state.desktops().isEmpty() ? "; offline until one is paired)" : ")") : "Remote access is off.");
        desktops.getChildren().clear();
        if (state.desktops().isEmpty()) {
            Label none = new Label("No desktop is paired.");
            none.setId("settings-remote-none");
            none.getStyleClass().add("muted");
            desktops.getChildren().add(none);
        }
        for (RemoteServerFiles.PairedDesktop d : state.desktops()) {
            Label name = new Label(d.name());
            name.getStyleClass().add("card-title");
            Label about = new Label("paired " + when(d.paired()) + " · key " + d.keyFingerprint());
            about.getStyleClass().add("muted");
            about.setMinWidth(0);
            Button revoke = new Button("Revoke…");
            revoke.setId("settings-remote-revoke-" + d.name());
            revoke.setMinWidth(Region.USE_PREF_SIZE);
            revoke.setOnAction(e -> revoke(d.name()));
            HBox row = new HBox(10, name, about, Spacer.horizontal(), revoke);
            row.setAlignment(Pos.CENTER_LEFT);
            row.setId("settings-remote-desktop-" + d.name());
            desktops.getChildren().add(row);
        }
    }

    private static String when(String paired) {
        try {
            return WHEN.format(java.time.Instant.parse(paired).atZone(java.time.ZoneId.systemDefault()));
        } catch (java.time.format.DateTimeParseException e) {
            return paired; // written by another version: shown as it is
        }
    }

    private static final java.time.format.DateTimeFormatter WHEN = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private void revoke(String desktop) {
        ButtonType revoke = new ButtonType("Revoke", ButtonBar.ButtonData.OK_DONE);
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "'" + desktop + "' can no longer reach this panel: its"
                + " key is removed from tor and its open sessions end at once. Pairing it again gives it a new code.",
                revoke, ButtonType.CANCEL);
        confirm.setHeaderText("Revoke the desktop '" + desktop + "'?");
        confirm.getDialogPane().setId("remote-revoke-confirm");
        confirm.getDialogPane().setMinHeight(Region.USE_PREF_SIZE);
        confirm.setResizable(true);
        confirm.initOwner(getScene().getWindow());
        Dialogs.themed(confirm, getScene().getWindow());
        Dialogs.cancelByDefault(confirm);
        if (confirm.showAndWait().filter(b -> b == revoke).isEmpty()) {
            return;
        }
        Tasks.run(() -> server.revoke(desktop) ? server.tellEngine() : null, told -> {
            notifier.info(told == null ? "No desktop named '" + desktop + "' was paired." : "'" + desktop + "' is no longer paired. " + told);
            reload();
        }, failure -> notifier.error("Revoke '" + desktop + "'", failure));
    }
}
