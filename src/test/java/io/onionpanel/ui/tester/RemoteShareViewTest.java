package io.onionpanel.ui.tester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.actions.LocalPanelActions;
import io.onionpanel.ui.FxWait;
import io.onionpanel.ui.share.RemoteShareView;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The share view of another machine's service: the server's actions are a real {@link LocalPanelActions} on a
 * folder standing for the server; this computer's tor is a SOCKS port where nothing listens, so the check through
 * the onion fails and must say so (the check that succeeds is in RemoteWindowOnPrivateNetworkIntegrationTest).
 */
@ExtendWith(ApplicationExtension.class)
class RemoteShareViewTest {
    @TempDir
    Path desktop;
    @TempDir
    Path server;
    Stage stage;
    TestContext context;
    int deadSocks;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadSocks = s.getLocalPort();
        }
        context = new TestContext(Files.createDirectories(desktop.resolve("remote-probes/server")), ShareViewTest.ONION,
                new InetSocketAddress("127.0.0.1", deadSocks), null);
    }

    /** As the Share tab shows it: built, then refreshed when the tab is selected. */
    private void show(FxRobot robot, boolean systemService) {
        robot.interact(() -> {
            RemoteShareView view = new RemoteShareView(context, "server", desktop, new LocalPanelActions(server),
                    systemService);
            view.refresh();
            Scene scene = new Scene(view, 1024, 700);
            scene.getStylesheets().add(getClass().getResource("/io/onionpanel/ui/panel.css").toExternalForm());
            stage.setScene(scene);
            stage.show();
        });
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void clientSetUpsUseThisComputersTorAndRoutstrIsChangedOnTheServer(FxRobot robot) {
        show(robot, false);
        assertEquals("http://" + ShareViewTest.ONION, robot.lookup("#share-address").queryAs(TextField.class).getText());
        assertEquals("curl --socks5-hostname 127.0.0.1:" + deadSocks + " http://" + ShareViewTest.ONION + "/v1/models",
                robot.lookup("#snippet-curl").queryAs(TextArea.class).getText());
        assertTrue(text(robot, "#remote-share-socks").contains("automatic SOCKS port 127.0.0.1:" + deadSocks),
                text(robot, "#remote-share-socks"));
        assertEquals("onion-panel routstr configure --service routstr --admin-password-file FILE",
                robot.lookup("#remote-routstr-command").queryAs(TextField.class).getText());
        FxWait.until("the server's SOCKS port read", () -> !text(robot, "#remote-routstr-proxy").isEmpty());
        assertTrue(text(robot, "#remote-routstr-proxy").contains("'server' has no fixed SOCKS port"),
                text(robot, "#remote-routstr-proxy"));
        FxWait.until("the check through the onion done", Duration.ofSeconds(30),
                () -> !text(robot, "#remote-routstr-announces").startsWith("Reading"));
        String announces = text(robot, "#remote-routstr-announces");
        assertTrue(announces.startsWith("Routstr's /v1/info was not read through the onion: Routstr does not answer at http://"
                + ShareViewTest.ONION), announces);
        assertFalse(robot.lookup("#remote-routstr-check").query().isDisabled(), "the check can be run again");
        assertFalse(Files.exists(server.resolve("settings.json")), "nothing written on the server");
    }

    @Test
    void theSystemServicesCommandRunsAsItsUserAndItsFixedPortIsNamed(FxRobot robot) {
        LocalPanelActions serverActions = new LocalPanelActions(server);
        serverActions.putSettings(19155, null);
        context.clientAuth = true;
        context.notReady = "this computer's tor is not running";
        show(robot, true);
        assertEquals("sudo -u onion-panel onion-panel --data-dir /var/lib/onion-panel routstr configure --service routstr"
                + " --admin-password-file FILE", robot.lookup("#remote-routstr-command").queryAs(TextField.class).getText());
        FxWait.until("the server's SOCKS port read", () -> !text(robot, "#remote-routstr-proxy").isEmpty());
        assertTrue(text(robot, "#remote-routstr-proxy").contains("socks5://127.0.0.1:19155"), text(robot, "#remote-routstr-proxy"));
        assertTrue(text(robot, "#share-address-hint").contains("the Clients page of 'server'"), text(robot, "#share-address-hint"));
        assertFalse(robot.lookup("#share-open-clients").query().isVisible(), "no Clients tab of this computer to open");
        assertEquals("Not checked: this computer's tor is not running.", text(robot, "#remote-routstr-announces"));
    }
}
