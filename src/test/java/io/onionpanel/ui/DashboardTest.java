package io.onionpanel.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.onion.OnionAddress;
import io.onionpanel.settings.SettingsStore;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/** Dashboard against a real bundled tor kept offline (DisableNetwork 1): the panel makes the keys, nothing leaves. */
@ExtendWith(ApplicationExtension.class)
class DashboardTest {
    @RegisterExtension
    final OfflinePanelWindow gui = OfflinePanelWindow.with(OfflinePanelWindow.API);

    private String address(FxRobot robot) {
        return robot.lookup("#service-address-api").queryAs(TextField.class).getText();
    }

    private String badge(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void showsTheAddressCopiesItAndStartsAndStopsTheService(FxRobot robot) {
        assertEquals("Stopped", badge(robot, "#tor-state"));
        robot.clickOn("#tor-start");
        FxWait.until("address on the card", Duration.ofSeconds(30), () -> OnionAddress.isValid(address(robot)));
        assertTrue(gui.fixture().torRunning());
        assertEquals("Starting", badge(robot, "#service-state-api"));
        assertTrue(badge(robot, "#tor-state").startsWith("Bootstrapping"), badge(robot, "#tor-state"));

        String onion = address(robot);
        robot.clickOn("#service-copy-api");
        robot.interact(() -> assertEquals("http://" + onion, Clipboard.getSystemClipboard().getString()));

        robot.clickOn("#service-toggle-api");
        FxWait.until("confirmation", () -> robot.lookup("#outage-confirm").tryQuery().isPresent());
        robot.clickOn("#outage-confirm-ok");
        FxWait.until("service disabled", Duration.ofSeconds(10), () -> badge(robot, "#service-state-api").equals("Disabled"));
        assertFalse(new SettingsStore(gui.data()).load().service("api").orElseThrow().enabled());
        robot.clickOn("#service-toggle-api");
        FxWait.until("service enabled", Duration.ofSeconds(10), () -> badge(robot, "#service-state-api").equals("Starting"));
        assertEquals(onion, address(robot), "same keys, same address");

        robot.clickOn("#tor-stop");
        FxWait.until("confirmation", () -> robot.lookup("#outage-confirm").tryQuery().isPresent());
        robot.clickOn("#outage-confirm-ok");
        FxWait.until("tor stopped", Duration.ofSeconds(20), () -> badge(robot, "#tor-state").equals("Stopped"));
        assertFalse(gui.fixture().torRunning());
        assertEquals("Stopped", badge(robot, "#service-state-api"));
    }

    @Test
    void closingAsksWhileServicesRunAndLeavesNoTorBehind(FxRobot robot) throws Exception {
        robot.clickOn("#tor-start");
        FxWait.until("tor started", Duration.ofSeconds(30), gui.fixture()::torRunning);
        // tor's pid is on disk before the window hears that the service is starting: wait for the window.
        FxWait.until("the window knows a service runs", () -> {
            try {
                return org.testfx.util.WaitForAsyncUtils.asyncFx(gui.fixture().model::runningServiceCount).get() > 0;
            } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
                throw new AssertionError(e);
            }
        });
        long torPid = io.onionpanel.engine.RuntimeInfo.read(gui.data()).orElseThrow().torPid();
        CountDownLatch exited = new CountDownLatch(1);
        WindowCloser closer = new WindowCloser(gui.fixture().model, exited::countDown);
        robot.interact(() -> javafx.application.Platform.runLater(() -> closer.requestClose(gui.stage())));
        FxWait.until("confirmation", Duration.ofSeconds(10), () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        robot.type(KeyCode.ENTER);
        assertTrue(exited.await(30, TimeUnit.SECONDS), "window did not finish closing");
        assertFalse(ProcessHandle.of(torPid).map(ProcessHandle::isAlive).orElse(false), "tor outlived the window");
        assertTrue(new SettingsStore(gui.data()).load().ui().width() != null, "window size remembered");
    }

    @Test
    void aSecondPanelOnTheSameDataFolderGetsAClearMessage(FxRobot robot) throws Exception {
        try (var other = io.onionpanel.engine.InstanceLock.acquire(gui.data())) {
            robot.clickOn("#tor-start");
            FxWait.until("failure reason", Duration.ofSeconds(10),
                    () -> robot.lookup("#tor-reason").queryAs(Label.class).getText().contains("already running on the data folder"));
            assertEquals("Failed", badge(robot, "#tor-state"));
            assertTrue(robot.lookup("#status-line").queryAs(Label.class).getText().contains("already running"));
            assertFalse(gui.fixture().torRunning());
        }
    }

    @Test
    void emptyStateOffersToCreateAService(FxRobot robot) {
        robot.interact(() -> new SettingsStore(gui.data()).update(s -> s.withServices(java.util.List.of())));
        FxWait.until("empty state", Duration.ofSeconds(10), () -> robot.lookup("#dashboard-empty").tryQuery().isPresent());
    }
}
