package io.onionpanel.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;

import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The Settings page holds the "Start at login" box, and it reports this (fresh, temporary) data folder off. Only
 * read: turning it on here would write to the real user's config (LoginStartBoxTest does that on a temp one).
 */
@ExtendWith(ApplicationExtension.class)
class LoginStartSettingTest {
    @RegisterExtension
    final OfflinePanelWindow gui = OfflinePanelWindow.with().showing("settings");

    @Test
    void theSettingsPageShowsStartAtLogin(FxRobot robot) {
        CheckBox box = robot.lookup("#settings-login-start").queryAs(CheckBox.class);
        Label result = robot.lookup("#settings-login-start-result").queryAs(Label.class);
        FxWait.until("the status", () -> result.getText().equals("Start at login: off.") && !box.isDisabled());
        assertFalse(box.isSelected());
    }
}
