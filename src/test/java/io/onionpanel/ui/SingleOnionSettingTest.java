package io.onionpanel.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.settings.SettingsStore;
import java.time.Duration;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.DialogPane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** Single-onion mode is turned on only through its warning; Cancel (the default) changes nothing. */
@ExtendWith(ApplicationExtension.class)
class SingleOnionSettingTest {
    @RegisterExtension
    final OfflinePanelWindow gui = OfflinePanelWindow.with(OfflinePanelWindow.EXISTING).showing("settings");

    @Test
    void onlyTheExplicitAcceptTurnsItOn(FxRobot robot) {
        CheckBox box = robot.lookup("#settings-single-onion").queryAs(CheckBox.class);
        javafx.application.Platform.runLater(box::fire); // the warning is modal: fire it without waiting
        WaitForAsyncUtils.waitForFxEvents();
        DialogPane warning = robot.lookup("#single-onion-warning").queryAs(DialogPane.class);
        assertTrue(warning.getContentText().contains("NOT anonymous"), warning.getContentText());
        assertTrue(warning.getContentText().contains("no SOCKS port"), warning.getContentText());
        Button cancel = (Button) warning.lookupButton(javafx.scene.control.ButtonType.CANCEL);
        assertTrue(cancel.isDefaultButton(), "Enter must not make a service non-anonymous");
        robot.interact(cancel::fire);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(box.isSelected());
        assertFalse(new SettingsStore(gui.data()).load().tor().singleOnion());

        javafx.application.Platform.runLater(box::fire); // the warning is modal: fire it without waiting
        WaitForAsyncUtils.waitForFxEvents();
        DialogPane again = robot.lookup("#single-onion-warning").queryAs(DialogPane.class);
        Button accept = again.getButtonTypes().stream().filter(b -> b.getText().startsWith("Make my services"))
                .map(b -> (Button) again.lookupButton(b)).findFirst().orElseThrow();
        robot.interact(accept::fire);
        FxWait.until("single-onion saved", Duration.ofSeconds(10), () -> new SettingsStore(gui.data()).load().tor().singleOnion());
        assertTrue(box.isSelected());
    }
}
