package io.onionpanel.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.defense.DefenseHelp;
import io.onionpanel.settings.DosDefenses;
import io.onionpanel.settings.SettingsStore;
import io.onionpanel.ui.editor.ServiceEditorView;
import java.nio.file.Files;
import java.time.Duration;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** The editor's DoS-defence fields: tor's limits as the operator types, the saved values, PoW off with its reason. */
@ExtendWith(ApplicationExtension.class)
class DefensesEditorTest {
    @RegisterExtension
    final OfflinePanelWindow gui = OfflinePanelWindow.with(OfflinePanelWindow.EXISTING).withObsoleteTor().showing("services");

    @Test
    void powIsDisabledWithTheReasonOnATorWithoutThePowModule(FxRobot robot) {
        CheckBox pow = robot.lookup("#dos-pow").queryAs(CheckBox.class);
        Label reason = robot.lookup("#dos-pow-reason").queryAs(Label.class);
        FxWait.until("the PoW probe", Duration.ofSeconds(30), () -> !reason.getText().startsWith("Checking"));
        assertTrue(pow.isDisabled(), "the 0.4.7 tor has no PoW module");
        assertTrue(reason.getText().contains("has no proof-of-work module"), reason.getText());
        assertTrue(reason.getText().contains("apt install tor") && reason.getText().contains("Settings"), reason.getText());
        assertTrue(reason.isVisible());
        assertTrue(robot.lookup("#dos-pow-rate").queryAs(TextField.class).isDisabled());
        assertEquals(DefenseHelp.POW, pow.getTooltip().getText());
    }

    @Test
    void valuesOutsideTorsLimitsAreRefusedAndGoodOnesAreSaved(FxRobot robot) throws Exception {
        ServiceEditorView editor = robot.lookup(".page").match(n -> n instanceof ServiceEditorView).query();
        Button apply = robot.lookup("#editor-apply").queryButton();
        byte[] before = Files.readAllBytes(gui.data().resolve("settings.json"));
        robot.interact(() -> field(robot, "#dos-max-streams").setText("70000"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(editor.validationMessages().stream().anyMatch(m -> m.contains("Max streams per circuit 70000 is out of range: tor accepts 0–65535")),
                editor.validationMessages().toString());
        assertTrue(apply.isDisabled());
        robot.interact(() -> {
            field(robot, "#dos-max-streams").setText("100");
            field(robot, "#dos-intro-points").setText("2");
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#editor-field-errors").queryAs(Label.class).getText().contains("tor accepts 3–20"));
        ServiceEditorTest.assertUnderItsField(robot, "#dos-intro-points", "tor accepts 3–20");
        assertTrue(apply.isDisabled());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(gui.data().resolve("settings.json"))));

        // Rate and burst are editable only with the intro defence on; a burst below the rate is refused at Apply.
        assertTrue(field(robot, "#dos-intro-rate").isDisabled());
        robot.interact(() -> robot.lookup("#dos-intro").queryAs(CheckBox.class).fire());
        assertFalse(field(robot, "#dos-intro-rate").isDisabled());
        robot.interact(() -> {
            field(robot, "#dos-intro-points").setText("5");
            field(robot, "#dos-intro-rate").setText("300");
            field(robot, "#dos-intro-burst").setText("200");
        });
        robot.interact(() -> robot.lookup("#dos-close-circuit").queryAs(CheckBox.class).fire());
        robot.clickOn("#editor-apply");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#editor-error").queryAs(Label.class).getText().contains("cannot be smaller than the rate"),
                robot.lookup("#editor-error").queryAs(Label.class).getText());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(gui.data().resolve("settings.json"))));

        robot.interact(() -> field(robot, "#dos-intro-burst").setText("3000"));
        robot.clickOn("#editor-apply");
        DosDefenses expected = DosDefenses.NONE.withMaxStreams(100, true).withIntroductionPoints(5).withIntroDefense(true, 300, 3000);
        FxWait.until("saved defences", Duration.ofSeconds(10),
                () -> new SettingsStore(gui.data()).load().service("existing").orElseThrow().defenses().equals(expected));
        // Each field carries its one-sentence explanation.
        assertEquals(DefenseHelp.MAX_STREAMS, field(robot, "#dos-max-streams").getTooltip().getText());
        assertEquals(DefenseHelp.INTRO_POINTS, field(robot, "#dos-intro-points").getTooltip().getText());
        assertEquals(DefenseHelp.CLOSE_CIRCUIT, robot.lookup("#dos-close-circuit").queryAs(CheckBox.class).getTooltip().getText());
    }

    private static TextField field(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(TextField.class);
    }
}
