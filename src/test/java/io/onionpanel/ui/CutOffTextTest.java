package io.onionpanel.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** Text the operator needs is never cut to "…" without a way to read it whole. */
@ExtendWith(ApplicationExtension.class)
class CutOffTextTest {
    @RegisterExtension
    final OfflinePanelWindow gui = OfflinePanelWindow.with(OfflinePanelWindow.EXISTING).showing("services");

    /** What the skin draws: it ends in "…" when the text did not fit. */
    static String drawn(Labeled l) {
        Node text = l.lookup(".text");
        return text instanceof Text t ? t.getText() : l.getText();
    }

    @Test
    void theDefenceCheckBoxesAreWhole(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        for (String id : new String[] {"#dos-intro", "#dos-close-circuit", "#dos-pow"}) {
            CheckBox box = robot.lookup(id).queryAs(CheckBox.class);
            assertEquals(box.getText(), drawn(box), id);
            String help = box.getTooltip().getText();
            Label beside = robot.lookup(".label").match(n -> n instanceof Label l && help.equals(l.getText())).queryAs(Label.class);
            double boxRight = box.localToScene(box.getBoundsInLocal()).getMaxX();
            double helpLeft = beside.localToScene(beside.getBoundsInLocal()).getMinX();
            org.junit.jupiter.api.Assertions.assertTrue(boxRight <= helpLeft, id + " runs into its help text: " + boxRight + " > " + helpLeft);
        }
    }

    @Test
    void theDefenceLabelsAreWhole(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        for (Node n : robot.lookup("#dos-pane").query().lookupAll(".label")) {
            if (n instanceof Label l && l.isVisible() && !l.isWrapText() && l.getText() != null && !l.getText().isEmpty()) {
                assertEquals(l.getText(), drawn(l));
            }
        }
    }

    @Test
    void aLongStatusLineKeepsTorsStateWholeAndShowsItselfInATooltip(FxRobot robot) {
        String message = "Service 'existing' is offline, as expected after your change: Descriptor not published yet;"
                + " tor is still building circuits to the introduction points and the HSDirs, which can take a minute or two"
                + " on a slow network, so please wait before trying again.";
        gui.fixture().model.notifier().info(message);
        FxWait.until("status shown", () -> message.equals(robot.lookup("#status-line").queryAs(Label.class).getText()));
        WaitForAsyncUtils.waitForFxEvents();
        Label tor = robot.lookup("#status-tor").queryAs(Label.class);
        assertEquals(tor.getText(), drawn(tor), "tor's state cut by a long status line");
        Label status = robot.lookup("#status-line").queryAs(Label.class);
        assertNotNull(status.getTooltip(), "a cut status line without a tooltip");
        assertEquals(message, status.getTooltip().getText());
    }
}
