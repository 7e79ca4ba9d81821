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

    public KeepOnlineBox(PanelModel model) {
        super(6);
        box.setId("settings-keep-online");
        Label help = new Label(HELP);
        help.setWrapText(true);
        help.getStyleClass().add("muted");
        help.setPrefWidth(640);
        help.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        getChildren().addAll(box, help);
        follow(box, model);
    }

    /** Shows the setting in {@code box}, follows its changes (CLI, the other page), and saves the box's at once. */
    public static void follow(CheckBox box, PanelModel model) {
        boolean[] updating = new boolean[1];
        box.setSelected(model.settings().ui().keepOnline());
        model.settingsProperty().addListener((obs, old, now) -> {
            updating[0] = true;
            box.setSelected(now.ui().keepOnline());
            updating[0] = false;
        });
        box.selectedProperty().addListener((obs, was, now) -> {
            if (!updating[0] && now != model.settings().ui().keepOnline()) {
                model.updateSettings(s -> s.withUi(s.ui().withKeepOnline(now)), () -> { });
            }
        });
    }
}
