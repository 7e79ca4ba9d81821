package io.onionpanel.ui.settings;

import io.onionpanel.ui.model.PanelModel;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * "Keep services online when the window is closed", saved at once: the engine runs in a process of its own, so
 * the window may come and go; the next window attaches to it. Also offered on the welcome screen.
 */
public final class KeepOnlineBox extends VBox {
    public static final String LABEL = "_Keep services online when the window is closed";
    static final String HELP = "The engine (tor and the services) runs in its own process: closing the window leaves it"
            + " serving, and opening the window again shows it. Without this, closing the window asks.";
    private final CheckBox box = new CheckBox(LABEL);
    private boolean updating;

    public KeepOnlineBox(PanelModel model) {
        super(6);
        box.setId("settings-keep-online");
        Label help = new Label(HELP);
        help.setWrapText(true);
        help.getStyleClass().add("muted");
        help.setPrefWidth(640);
        help.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        getChildren().addAll(box, help);
        box.setSelected(model.settings().ui().keepOnline());
        model.settingsProperty().addListener((obs, old, now) -> {
            updating = true;
            box.setSelected(now.ui().keepOnline());
            updating = false;
        });
        box.selectedProperty().addListener((obs, was, now) -> {
            if (!updating && now != model.settings().ui().keepOnline()) {
                model.updateSettings(s -> s.withUi(s.ui().withKeepOnline(now)), () -> { });
            }
        });
    }
}
