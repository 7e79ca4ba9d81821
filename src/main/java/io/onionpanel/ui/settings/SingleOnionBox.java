package io.onionpanel.ui.settings;

import io.onionpanel.defense.DefenseHelp;
import io.onionpanel.ui.common.Dialogs;
import io.onionpanel.ui.model.PanelModel;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;

/**
 * Single-onion mode, applied at once and only after an explicit warning: it gives up the server's anonymity,
 * marks the key folders for good, and leaves this tor without a SOCKS port (no probe or tester through it).
 */
final class SingleOnionBox extends VBox {
    static final String WARNING = "Every service of this panel becomes a single onion service: one-hop circuits,"
            + " lower latency, but the server is NOT anonymous — anyone can find where it runs.\n\n"
            + "tor marks each service's key folder: those addresses can never run as anonymous services again"
            + " (switching back needs new keys).\n\n"
            + "tor allows no SOCKS port in this mode, so tor restarts now without one: the panel's reachability probe"
            + " and the tester cannot work through it. Test the address from another tor, e.g. Tor Browser.";
    private final CheckBox box = new CheckBox("Single-onion mode (not anonymous)");
    private final PanelModel model;
    private boolean updating;

    SingleOnionBox(PanelModel model) {
        super(6);
        this.model = model;
        box.setId("settings-single-onion");
        box.setTooltip(new Tooltip(DefenseHelp.SINGLE_ONION));
        Label help = new Label(DefenseHelp.SINGLE_ONION);
        help.setWrapText(true);
        help.getStyleClass().add("muted");
        // A wrapping label asks for its whole text on one line: cap it, or the grid squeezes the row labels.
        help.setPrefWidth(640);
        help.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        getChildren().addAll(box, help);
        box.setSelected(model.settings().tor().singleOnion());
        model.settingsProperty().addListener((obs, old, now) -> {
            updating = true;
            box.setSelected(now.tor().singleOnion());
            updating = false;
        });
        box.selectedProperty().addListener((obs, was, now) -> {
            if (!updating && now != model.settings().tor().singleOnion()) {
                change(now);
            }
        });
    }

    private void change(boolean on) {
        if (on && !confirm()) {
            updating = true;
            box.setSelected(false);
            updating = false;
            return;
        }
        model.updateSettings(s -> s.withTor(s.tor().withSingleOnion(on)), () -> model.notifier().info(on
                ? "Single-onion mode is on: tor restarts without a SOCKS port; the services are not anonymous"
                : "Single-onion mode is off: tor restarts; services that ran as single onions need new keys"));
    }

    private boolean confirm() {
        ButtonType accept = new ButtonType("Make my services non-anonymous", ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.WARNING, WARNING, accept, ButtonType.CANCEL);
        alert.setHeaderText("Turn on single-onion mode?");
        alert.getDialogPane().setId("single-onion-warning");
        if (getScene() != null) {
            alert.initOwner(getScene().getWindow());
            Dialogs.themed(alert, getScene().getWindow());
        }
        Dialogs.cancelByDefault(alert);
        return alert.showAndWait().filter(b -> b == accept).isPresent();
    }
}
