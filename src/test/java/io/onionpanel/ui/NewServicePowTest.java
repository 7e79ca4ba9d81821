package io.onionpanel.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.settings.SettingsStore;
import java.time.Duration;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The editor's form for a new service follows the new-service rule: with a tor that has the pow module, proof-of-work
 * is ticked once the probe of tor answers; the operator's own click is never overridden; the saved service has it.
 */
@ExtendWith(ApplicationExtension.class)
class NewServicePowTest {
    @RegisterExtension
    final OfflinePanelWindow gui = OfflinePanelWindow.with().showing("services");

    @Test
    void aNewServiceStartsWithProofOfWorkOnWhenTorHasTheModule(FxRobot robot) {
        CheckBox pow = robot.lookup("#dos-pow").queryAs(CheckBox.class);
        Label reason = robot.lookup("#dos-pow-reason").queryAs(Label.class);
        FxWait.until("the PoW probe", Duration.ofSeconds(30), () -> !reason.getText().startsWith("Checking"));
        assertTrue(reason.getText().contains("supports proof-of-work"), reason.getText());
        assertTrue(pow.isSelected(), "PoW is on for a new service when tor has the module");
        assertFalse(pow.isDisabled());
        assertFalse(robot.lookup("#dos-pow-rate").queryAs(TextField.class).isDisabled());

        robot.interact(pow::fire);
        assertFalse(pow.isSelected(), "the operator's click stays");
        robot.interact(pow::fire);
        robot.interact(() -> robot.lookup("#editor-name").queryAs(TextField.class).setText("web"));
        robot.clickOn("#editor-apply");
        FxWait.until("saved with proof-of-work", Duration.ofSeconds(10), () -> new SettingsStore(gui.data()).load()
                .service("web").map(s -> s.defenses().pow()).orElse(false));
    }
}
