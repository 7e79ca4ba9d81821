package io.onionpanel.ui.settings;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.autostart.CommandRunner;
import io.onionpanel.autostart.EngineCommand;
import io.onionpanel.autostart.FakeSystemctl;
import io.onionpanel.autostart.LoginStart;
import io.onionpanel.autostart.LoginStartPlaces;
import io.onionpanel.ui.FxWait;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/** The Settings page's "Start at login" box, on a temporary config folder and a fake systemctl. */
@ExtendWith(ApplicationExtension.class)
class LoginStartBoxTest {
    @TempDir
    Path temp;

    private LoginStart loginStart(CommandRunner systemctl) {
        return new LoginStart(temp.resolve("data"), temp.resolve("default-data"), new LoginStartPlaces(temp.resolve("config")),
                new EngineCommand(List.of("/opt/onion-panel/bin/onion-panel")), systemctl);
    }

    private void show(FxRobot robot, LoginStart loginStart) {
        robot.interact(() -> {
            Stage stage = new Stage();
            stage.setScene(new Scene(new LoginStartBox(loginStart), 700, 200));
            stage.show();
        });
    }

    @Test
    void checkingItEnablesTheUnitAndUncheckingRemovesIt(FxRobot robot) {
        FakeSystemctl systemctl = FakeSystemctl.answering();
        LoginStart loginStart = loginStart(systemctl);
        show(robot, loginStart);
        CheckBox box = robot.lookup("#settings-login-start").queryAs(CheckBox.class);
        Label result = robot.lookup("#settings-login-start-result").queryAs(Label.class);
        FxWait.until("the status", () -> result.getText().equals("Start at login: off.") && !box.isDisabled());
        assertFalse(box.isSelected());

        robot.clickOn(box);
        FxWait.until("turned on", () -> result.getText().startsWith("Start at login: on.") && !box.isDisabled());
        assertTrue(box.isSelected());
        assertTrue(Files.exists(loginStart.unitFile()));
        // From the window: enabled for the next login, not started beside the window's own engine.
        assertTrue(systemctl.calls.contains("systemctl --user enable " + loginStart.unitName()), systemctl.calls.toString());

        robot.clickOn(box);
        FxWait.until("turned off", () -> result.getText().startsWith("Start at login: off.") && !box.isDisabled());
        assertFalse(box.isSelected());
        assertFalse(Files.exists(loginStart.unitFile()));
    }

    @Test
    void aRefusalIsShownAndTheBoxShowsWhatIsReallyThere(FxRobot robot) {
        LoginStart loginStart = loginStart(FakeSystemctl.refusing("enable", "Access denied"));
        show(robot, loginStart);
        CheckBox box = robot.lookup("#settings-login-start").queryAs(CheckBox.class);
        Label result = robot.lookup("#settings-login-start-result").queryAs(Label.class);
        FxWait.until("the status", () -> !box.isDisabled());

        robot.clickOn(box);
        FxWait.until("the refusal", () -> result.getText().contains("Access denied") && !box.isDisabled());
        assertTrue(result.getStyleClass().contains("error-text"));
        assertFalse(box.isSelected(), "not on: the box shows what is on disk");
    }
}
