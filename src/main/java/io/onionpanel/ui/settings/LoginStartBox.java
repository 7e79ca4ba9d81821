package io.onionpanel.ui.settings;

import io.onionpanel.autostart.LoginStart;
import io.onionpanel.autostart.LoginStartStatus;
import io.onionpanel.ui.common.Messages;
import io.onionpanel.ui.common.Tasks;
import java.nio.file.Path;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * "Start at login" (the CLI's {@code autostart on|off}): the engine of this data folder starts with the user's
 * session, without the window. Applied at once, in the background (systemctl can take a moment); the outcome or the
 * refusal is shown below the box, and the box always ends up showing what is really on disk.
 */
final class LoginStartBox extends VBox {
    private final LoginStart loginStart;
    private final CheckBox box = new CheckBox("Start the engine at login, without the window");
    private final Label result = new Label();
    private boolean updating;

    LoginStartBox(Path dataDir) {
        this(LoginStart.supportedOn(System.getProperty("os.name", "")) ? LoginStart.forThisUser(dataDir) : null);
    }

    /** {@code null}: not available on this system, said so beside a disabled box. */
    LoginStartBox(LoginStart loginStart) {
        super(6);
        this.loginStart = loginStart;
        box.setId("settings-login-start");
        result.setId("settings-login-start-result");
        result.setWrapText(true);
        result.setPrefWidth(640);
        result.setMinHeight(Region.USE_PREF_SIZE);
        Label help = new Label("The onion services then run from login on, also while this window is closed; the"
                + " window attaches to that engine when opened. A systemd user unit (restarted if it fails), or a"
                + " desktop autostart entry where there is no systemd. Same as: onion-panel autostart on|off.");
        help.setWrapText(true);
        help.getStyleClass().add("muted");
        // A wrapping label asks for its whole text on one line: cap it, or the grid squeezes the row labels.
        help.setPrefWidth(640);
        help.setMinHeight(Region.USE_PREF_SIZE);
        getChildren().addAll(box, result, help);
        box.selectedProperty().addListener((obs, was, now) -> {
            if (!updating) {
                change(now);
            }
        });
        if (loginStart == null) {
            box.setDisable(true);
            show(LoginStart.NOT_SUPPORTED, "muted");
        } else {
            refresh();
        }
    }

    private void refresh() {
        box.setDisable(true);
        show("Checking…", "muted");
        Tasks.run(loginStart::status, status -> {
            showStatus(status);
            show(status.describe(), status.upToDate() ? "muted" : "warn-text");
        }, failure -> show("Cannot tell whether it starts at login: " + Messages.of(failure), "error-text"));
    }

    private void change(boolean on) {
        box.setDisable(true);
        show(on ? "Turning on…" : "Turning off…", "muted");
        // Without --now: the window's own engine may be running on this folder; the unit starts at the next login.
        Tasks.run(() -> new Outcome(on ? loginStart.on(false) : loginStart.off(false), loginStart.status()),
                outcome -> {
                    showStatus(outcome.status());
                    show(outcome.message(), "muted");
                },
                failure -> Tasks.run(loginStart::status, status -> {
                    showStatus(status);
                    show(Messages.of(failure), "error-text");
                }, ignored -> {
                    box.setDisable(false);
                    show(Messages.of(failure), "error-text");
                }));
    }

    private void showStatus(LoginStartStatus status) {
        updating = true;
        box.setSelected(status.on());
        updating = false;
        box.setDisable(false);
    }

    private void show(String text, String style) {
        result.setText(text);
        result.getStyleClass().removeAll("muted", "warn-text", "error-text");
        result.getStyleClass().add(style);
    }

    private record Outcome(String message, LoginStartStatus status) {
    }
}
