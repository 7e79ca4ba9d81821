package io.onionpanel.ui;

import io.onionpanel.settings.SettingsStore;
import io.onionpanel.ui.common.Tasks;
import io.onionpanel.ui.model.PanelModel;
import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Stage;

/**
 * Closing the window: remember the geometry, then leave. An engine in its own process keeps serving when the
 * operator chose "Keep services online when the window is closed", or when the window found it already running
 * (a system service, a headless daemon: left as found); otherwise, with services online, the window asks: stop
 * everything, keep them online, or cancel. An engine in the window's own process always stops with it (asking
 * first, as before).
 */
public final class WindowCloser {
    static final ButtonType STOP = new ButtonType("Stop everything", ButtonBar.ButtonData.OK_DONE);
    static final ButtonType KEEP = new ButtonType("Keep online", ButtonBar.ButtonData.OTHER);

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
        Optional<Boolean> stopEngine = decide(stage);
        if (stopEngine.isEmpty()) {
            return;
        }
        double x = stage.getX();
        double y = stage.getY();
        double w = stage.getScene().getWidth();
        double h = stage.getScene().getHeight();
        stage.hide();
        boolean stop = stopEngine.get();
        Tasks.run(() -> {
            try {
                new SettingsStore(model.dataDir()).update(s -> s.withUi(s.ui().withGeometry(x, y, w, h)));
            } finally {
                model.shutdown(stop);
            }
        }, exit, failure -> exit.run());
    }

    /** Whether to stop the engine; empty when the operator cancelled. */
    private Optional<Boolean> decide(Stage stage) {
        long running = model.runningServiceCount();
        if (!model.engineOutlivesWindow()) {
            return running > 0 && !confirmStop(stage, running) ? Optional.empty() : Optional.of(true);
        }
        if (!model.engine().startedHere() || model.settings().ui().keepOnline()) {
            return Optional.of(false);
        }
        if (running == 0) {
            return Optional.of(true); // nothing online: an idle engine is not left behind
        }
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, running + " onion service" + (running == 1 ? " is" : "s are")
                + " online. Keep serving after the window closes, or stop tor and the engine?\n(To stop asking: Settings"
                + " → Window → Keep services online.)", STOP, KEEP, ButtonType.CANCEL);
        ask.setTitle("Onion Panel");
        ask.setHeaderText("Close the panel");
        // The wrapped sentence sets the height: without this the dialog is cut at the bottom on GTK desktops.
        ask.getDialogPane().setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        // A resizable dialog is sized to its content on GTK desktops (a fixed one cut off the button bar's padding).
        ask.setResizable(true);
        ask.initOwner(stage);
        io.onionpanel.ui.common.Dialogs.themed(ask, stage);
        io.onionpanel.ui.common.Dialogs.cancelByDefault(ask);
        Optional<ButtonType> answer = ask.showAndWait();
        if (answer.filter(b -> b == STOP).isPresent()) {
            return Optional.of(true);
        }
        return answer.filter(b -> b == KEEP).isPresent() ? Optional.of(false) : Optional.empty();
    }

    private static boolean confirmStop(Stage stage, long running) {
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION,
                "Closing the panel stops tor: " + running + " onion service" + (running == 1 ? "" : "s")
                        + " will be offline until you open it again.", ButtonType.OK, ButtonType.CANCEL);
        confirm.setHeaderText("Stop tor and close?");
        confirm.initOwner(stage);
        io.onionpanel.ui.common.Dialogs.themed(confirm, stage);
        return confirm.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
    }
}
