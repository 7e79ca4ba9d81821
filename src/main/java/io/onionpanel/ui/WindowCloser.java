package io.onionpanel.ui;

import io.onionpanel.settings.SettingsStore;
import io.onionpanel.ui.common.Tasks;
import io.onionpanel.ui.model.PanelModel;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Stage;

/**
 * Closing the window: ask first if services are online, remember the geometry, stop tor (off the FX
 * thread), then exit. No tor is left behind.
 */
public final class WindowCloser {
    private final PanelModel model;
    private final Runnable exit;

    public WindowCloser(PanelModel model, Runnable exit) {
        this.model = model;
        this.exit = exit;
    }

    public void install(Stage stage) {
        stage.setOnCloseRequest(event -> {
            event.consume();
            requestClose(stage);
        });
    }

    public void requestClose(Stage stage) {
        long running = model.runningServiceCount();
        if (running > 0 && !confirm(stage, running)) {
            return;
        }
        double x = stage.getX();
        double y = stage.getY();
        double w = stage.getScene().getWidth();
        double h = stage.getScene().getHeight();
        stage.hide();
        Tasks.run(() -> {
            try {
                new SettingsStore(model.dataDir()).update(s -> s.withUi(s.ui().withGeometry(x, y, w, h)));
            } finally {
                model.shutdown();
            }
        }, exit, failure -> exit.run());
    }

    private static boolean confirm(Stage stage, long running) {
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION,
                "Closing the panel stops tor: " + running + " onion service" + (running == 1 ? "" : "s")
                        + " will be offline until you open it again.", ButtonType.OK, ButtonType.CANCEL);
        confirm.setHeaderText("Stop tor and close?");
        confirm.initOwner(stage);
        io.onionpanel.ui.common.Dialogs.themed(confirm, stage);
        return confirm.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
    }
}
