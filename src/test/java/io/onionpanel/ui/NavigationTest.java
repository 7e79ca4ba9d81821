package io.onionpanel.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.ui.settings.SettingsView;
import java.time.Duration;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * Every page has a visible way in: Settings from the welcome screen by a link (not only Ctrl+3), Settings last
 * among the tabs, and the welcome screen (or a restore) again from a dashboard with no services.
 */
@ExtendWith(ApplicationExtension.class)
class NavigationTest {
    @RegisterExtension
    final OfflinePanelWindow gui = OfflinePanelWindow.with().firstRun();

    private static boolean visible(FxRobot robot, String id) {
        return robot.lookup(id).tryQuery().map(Node::isVisible).orElse(false);
    }

    @Test
    void theWelcomeScreenLinksToSettingsAndAnEmptyDashboardLeadsBack(FxRobot robot) {
        assertTrue(visible(robot, "#welcome-settings"), "a visible Settings link on the first screen");
        robot.clickOn("#welcome-settings");
        TabPane tabs = robot.lookup("#main-tabs").queryAs(TabPane.class);
        FxWait.until("Settings page", () -> tabs.getSelectionModel().getSelectedItem().getContent() instanceof SettingsView);
        assertEquals(List.of("Dashboard", "Health", "Services", "Clients", "Load balancing", "Settings"),
                tabs.getTabs().stream().map(Tab::getText).toList());

        robot.clickOn("Dashboard");
        FxWait.until("empty dashboard", () -> visible(robot, "#dashboard-welcome"));
        assertTrue(visible(robot, "#dashboard-empty-restore"), "restore offered next to create");
        robot.clickOn("#dashboard-welcome");
        FxWait.until("welcome screen again", () -> visible(robot, "#first-run-go") && visible(robot, "#first-run-restore"));
        assertFalse(robot.lookup("#main-tabs").tryQuery().map(n -> n.getScene() != null).orElse(false));

        robot.clickOn("#welcome-dashboard");
        FxWait.until("dashboard from the welcome screen", () -> visible(robot, "#dashboard-empty-restore"));
        robot.clickOn("#dashboard-empty-restore");
        FxWait.until("import dialog", () -> robot.lookup("#import-dialog").tryQuery().isPresent());
        robot.type(KeyCode.ESCAPE);
    }

    @Test
    void theShortcutsKeepTheirPagesAfterTheReorder(FxRobot robot) {
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
        TabPane tabs = robot.lookup("#main-tabs").queryAs(TabPane.class);
        FxWait.until("Ctrl+3: Settings", () -> "Settings".equals(tabs.getSelectionModel().getSelectedItem().getText()));
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.CONTROL);
        FxWait.until("Ctrl+2: Services", () -> "Services".equals(tabs.getSelectionModel().getSelectedItem().getText()));
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT4).release(KeyCode.DIGIT4, KeyCode.CONTROL);
        FxWait.until("Ctrl+4: Clients", () -> "Clients".equals(tabs.getSelectionModel().getSelectedItem().getText()));
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT5).release(KeyCode.DIGIT5, KeyCode.CONTROL);
        FxWait.until("Ctrl+5: Health", () -> "Health".equals(tabs.getSelectionModel().getSelectedItem().getText()));
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT1).release(KeyCode.DIGIT1, KeyCode.CONTROL);
        FxWait.until("Ctrl+1: Dashboard", () -> "Dashboard".equals(tabs.getSelectionModel().getSelectedItem().getText()));
    }
}
