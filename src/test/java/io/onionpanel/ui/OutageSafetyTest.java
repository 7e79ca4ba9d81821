package io.onionpanel.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.onion.OnionAddress;
import io.onionpanel.settings.SettingsStore;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * No outage by accident: the focus never rests on a tor button after switching pages, and every action that
 * takes services offline asks first (Cancel being the default), naming how many go offline.
 */
@ExtendWith(ApplicationExtension.class)
class OutageSafetyTest {
    @RegisterExtension
    final OfflinePanelWindow gui = OfflinePanelWindow.with(OfflinePanelWindow.API);

    private void startTorAndWaitForTheService(FxRobot robot) {
        robot.clickOn("#tor-start");
        waitForTheService(robot);
    }

    private void waitForTheService(FxRobot robot) {
        FxWait.until("address on the card", Duration.ofSeconds(30),
                () -> OnionAddress.isValid(robot.lookup("#service-address-api").queryAs(TextField.class).getText()));
        FxWait.until("the window knows a service runs", () -> fx(() -> gui.fixture().model.runningServiceCount()) > 0);
    }

    private static <T> T fx(java.util.concurrent.Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    private static String confirmText(FxRobot robot) {
        FxWait.until("confirmation", Duration.ofSeconds(10), () -> robot.lookup("#outage-confirm").tryQuery().isPresent());
        return robot.lookup("#outage-confirm").queryAs(DialogPane.class).getContentText();
    }

    private String badge(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void ctrl1LeavesTheFocusOnTheTabStripSoEnterStopsNothing(FxRobot robot) {
        startTorAndWaitForTheService(robot);
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT3).release(KeyCode.CONTROL);
        robot.clickOn("#settings-socks-port");
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT1).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        Node focused = fx(() -> gui.stage().getScene().getFocusOwner());
        assertEquals("main-tabs", focused == null ? null : focused.getId(), "focus after Ctrl+1: " + focused);
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.sleep(500, java.util.concurrent.TimeUnit.MILLISECONDS);
        assertTrue(robot.lookup("#outage-confirm").tryQuery().isEmpty(), "Enter asked to stop or restart tor");
        assertTrue(gui.fixture().torRunning());
    }

    @Test
    void stopTorAsksHowManyGoOfflineAndEnterCancels(FxRobot robot) {
        startTorAndWaitForTheService(robot);
        robot.clickOn("#tor-stop");
        assertTrue(confirmText(robot).startsWith("1 onion service (api) goes offline"), confirmText(robot));
        robot.type(KeyCode.ENTER);
        FxWait.until("dialog closed", () -> robot.lookup("#outage-confirm").tryQuery().isEmpty());
        assertTrue(gui.fixture().torRunning(), "Enter in the confirmation stopped tor");

        robot.clickOn("#tor-stop");
        confirmText(robot);
        robot.clickOn("#outage-confirm-ok");
        FxWait.until("tor stopped", Duration.ofSeconds(20), () -> badge(robot, "#tor-state").equals("Stopped"));
        assertTrue(fx(() -> gui.fixture().model.expectedOutages().expected("api")), "the outage is known to be the operator's");
    }

    @Test
    void stoppingAServiceAsksAndAStoppedServiceOffersStart(FxRobot robot) {
        assertEquals("Start", robot.lookup("#service-toggle-api").queryAs(Button.class).getText(),
                "tor is stopped, so is the service: its card offers Start");
        robot.clickOn("#service-toggle-api");
        waitForTheService(robot);
        assertTrue(new SettingsStore(gui.data()).load().service("api").orElseThrow().enabled());
        assertEquals("Stop", robot.lookup("#service-toggle-api").queryAs(Button.class).getText());

        robot.clickOn("#service-toggle-api");
        assertTrue(confirmText(robot).startsWith("1 onion service (api) goes offline"));
        robot.clickOn("#outage-confirm-cancel");
        FxWait.until("toggle usable again", () -> !robot.lookup("#service-toggle-api").queryAs(Button.class).isDisabled());
        assertTrue(new SettingsStore(gui.data()).load().service("api").orElseThrow().enabled(), "cancelled, yet stopped");

        robot.clickOn("#service-toggle-api");
        confirmText(robot);
        robot.clickOn("#outage-confirm-ok");
        FxWait.until("service disabled", () -> badge(robot, "#service-state-api").equals("Disabled"));
        assertFalse(new SettingsStore(gui.data()).load().service("api").orElseThrow().enabled());
    }

    @Test
    void disablingAnOnlineServiceInTheEditorAsksFirst(FxRobot robot) {
        startTorAndWaitForTheService(robot);
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT2).release(KeyCode.CONTROL);
        FxWait.until("editor", () -> robot.lookup("#editor-enabled").tryQuery().isPresent());
        robot.clickOn("#editor-enabled");
        robot.clickOn("#editor-apply");
        assertTrue(confirmText(robot).startsWith("1 onion service (api) goes offline"));
        robot.clickOn("#outage-confirm-cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(new SettingsStore(gui.data()).load().service("api").orElseThrow().enabled(), "cancelled, yet disabled");
        robot.clickOn("#editor-apply");
        confirmText(robot);
        robot.clickOn("#outage-confirm-ok");
        FxWait.until("disabled", () -> !new SettingsStore(gui.data()).load().service("api").orElseThrow().enabled());
    }

    @Test
    void aNewSocksPortInShareWarnsThatTorRestarts(FxRobot robot) {
        startTorAndWaitForTheService(robot);
        robot.clickOn("#service-share-api");
        FxWait.until("share window", () -> robot.lookup("#share-port").tryQuery().isPresent());
        assertTrue(robot.lookup("#share-port-restarts").queryAs(Label.class).getText().contains("restarts tor"));
        robot.interact(() -> robot.lookup("#share-port").queryAs(TextField.class).setText(Integer.toString(freePort())));
        robot.clickOn("#share-set-port");
        assertTrue(confirmText(robot).startsWith("1 onion service (api) goes offline"));
        robot.clickOn("#outage-confirm-cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, new SettingsStore(gui.data()).load().tor().fixedSocksPort(), "cancelled, yet saved");
    }

    private static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
