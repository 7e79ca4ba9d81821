package io.onionpanel.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.ui.common.NotificationArea;
import io.onionpanel.ui.common.Notifier;
import io.onionpanel.ui.monitor.HealthAlerts;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** Notifications that help: one at a time inside the window, never taking the focus, readable in both themes, quiet after the operator's own changes. */
@ExtendWith(ApplicationExtension.class)
class NotificationsTest {
    @RegisterExtension
    final OfflinePanelWindow gui = OfflinePanelWindow.with(OfflinePanelWindow.API).showing("settings");

    private static <T> T fx(Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    private Notifier notifier() {
        return gui.fixture().model.notifier();
    }

    private NotificationArea area() {
        return gui.fixture().window.notifications();
    }

    @Test
    void fourFailuresShowOneNotificationInsideTheWindowAndTheFocusStays(FxRobot robot) {
        robot.clickOn("#settings-socks-port");
        Node focused = fx(() -> gui.stage().getScene().getFocusOwner());
        for (int i = 1; i <= 4; i++) {
            notifier().error("Failure " + i, "Something long went wrong, with tor's whole message that goes on and on"
                    + " for quite a few words so that it has to wrap inside the notification, number " + i);
        }
        FxWait.until("a notification", () -> "Failure 1".equals(area().currentTitle()));
        assertEquals(1, robot.lookup(".toast").queryAll().size(), "one notification at a time");
        assertEquals("+ 3 more", robot.lookup("#notification-more").queryAs(Label.class).getText());
        Bounds toast = fx(() -> robot.lookup("#notification").query().localToScene(robot.lookup("#notification").query().getLayoutBounds()));
        double w = fx(() -> gui.stage().getScene().getWidth());
        double h = fx(() -> gui.stage().getScene().getHeight());
        assertTrue(toast.getMinX() >= 0 && toast.getMinY() >= 0 && toast.getMaxX() <= w && toast.getMaxY() <= h,
                "inside the window: " + toast);
        assertSame(focused, fx(() -> gui.stage().getScene().getFocusOwner()), "the notification took the focus");

        robot.clickOn("#notification-dismiss");
        FxWait.until("the next one", () -> "Failure 2".equals(area().currentTitle()));
        assertSame(focused, fx(() -> gui.stage().getScene().getFocusOwner()), "dismissing took the focus");
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT1).release(KeyCode.CONTROL);
        FxWait.until("Ctrl+1 still switches pages", () -> robot.lookup("#tor-state").tryQuery().map(Node::isVisible).orElse(false));
    }

    @Test
    void anOutageTheOperatorCausedIsNoAlarmButAnUnexpectedOneIs(FxRobot robot) {
        HealthAlerts.Sink sink = HealthAlerts.notifying(notifier(), gui.fixture().model.expectedOutages());
        robot.interact(() -> gui.fixture().model.expectedOutages().service("api"));
        sink.unhealthy("api", "Descriptor not published");
        FxWait.until("told on the status line", () -> notifier().statusLineProperty().get().contains("as expected"));
        assertNull(area().currentTitle(), "an alarm for the operator's own change");
        sink.recovered("api");
        FxWait.until("recovery on the status line", () -> notifier().statusLineProperty().get().contains("healthy again"));
        assertNull(area().currentTitle());

        sink.unhealthy("other", "Local target 127.0.0.1:9000 is not answering");
        FxWait.until("an alarm", () -> "Service 'other' is unhealthy".equals(area().currentTitle()));
        sink.recovered("other");
        FxWait.until("the recovery replaces it", () -> "Service 'other' recovered".equals(area().currentTitle()));
        assertEquals(0, area().waitingCount());
    }

    @Test
    void readableInTheDarkTheme(FxRobot robot) {
        robot.interact(() -> gui.stage().getScene().getStylesheets().add(
                OnionPanelApp.class.getResource("/io/onionpanel/ui/dark.css").toExternalForm()));
        notifier().error("Tor", "Tor exited unexpectedly");
        FxWait.until("a notification", () -> "Tor".equals(area().currentTitle()));
        WaitForAsyncUtils.waitForFxEvents();
        Region toast = robot.lookup("#notification").queryAs(Region.class);
        Color background = fx(() -> (Color) toast.getBackground().getFills().get(0).getFill());
        for (String id : new String[] {"#notification-title", "#notification-text"}) {
            Color text = fx(() -> (Color) robot.lookup(id).queryAs(Label.class).getTextFill());
            double ratio = contrast(text, background);
            assertTrue(ratio >= 4.5, id + " contrast " + ratio + ": " + text + " on " + background);
        }
        assertTrue(background.getBrightness() < 0.3, "a dark notification in the dark theme: " + background);
    }

    /** WCAG 2 contrast ratio. */
    static double contrast(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(Color c) {
        return 0.2126 * channel(c.getRed()) + 0.7152 * channel(c.getGreen()) + 0.0722 * channel(c.getBlue());
    }

    private static double channel(double v) {
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

}
