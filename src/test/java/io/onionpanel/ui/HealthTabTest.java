package io.onionpanel.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.ui.monitor.MonitorPage;
import java.time.Duration;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/** The Health tab is the second page: built when first opened, reached with Ctrl+5, empty state in words. */
@ExtendWith(ApplicationExtension.class)
class HealthTabTest {
    @RegisterExtension
    final OfflinePanelWindow gui = OfflinePanelWindow.with();

    @Test
    void ctrlFiveOpensTheHealthPageBuiltOnFirstUse(FxRobot robot) {
        TabPane tabs = robot.lookup("#main-tabs").queryAs(TabPane.class);
        assertEquals("Health", tabs.getTabs().get(1).getText());
        assertNull(tabs.getTabs().get(1).getContent(), "not built before it is opened");
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT5).release(KeyCode.DIGIT5, KeyCode.CONTROL);
        FxWait.until("health page", Duration.ofSeconds(5), () -> tabs.getSelectionModel().getSelectedIndex() == 1);
        assertTrue(tabs.getTabs().get(1).getContent() instanceof MonitorPage);
        FxWait.until("empty state", Duration.ofSeconds(5),
                () -> "No health reports yet".equals(robot.lookup("#monitor-overall-reason").queryAs(Label.class).getText()));
        assertTrue(robot.lookup("#health-empty").queryAs(Label.class).isVisible());
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT1).release(KeyCode.DIGIT1, KeyCode.CONTROL);
        FxWait.until("dashboard", Duration.ofSeconds(5), () -> tabs.getSelectionModel().getSelectedIndex() == 0);
    }
}
