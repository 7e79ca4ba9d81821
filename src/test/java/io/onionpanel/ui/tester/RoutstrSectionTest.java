package io.onionpanel.ui.tester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.routstr.StandInRoutstrNode;
import io.onionpanel.settings.SettingsStore;
import io.onionpanel.ui.FxWait;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Share view's Routstr section against a booted stand-in Routstr 0.4.5 that announces another address. */
@ExtendWith(ApplicationExtension.class)
class RoutstrSectionTest {
    private static final String ONION = ShareViewTest.ONION;
    private static final String OLD = "http://duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczad.onion";
    private static final String PASSWORD = "dashboard-pass";
    @TempDir
    Path data;
    StandInRoutstrNode node;

    @Start
    void start(Stage stage) throws Exception {
        Path env = Files.writeString(data.resolve(".env"), "ONION_URL=" + OLD + "\n");
        node = StandInRoutstrNode.v045(env, PASSWORD).boot();
        node.boot();
        TestContext context = new TestContext(data, ONION, new InetSocketAddress("127.0.0.1", 41234),
                "127.0.0.1:" + node.port());
        Scene scene = new Scene(ServiceToolsWindow.content(context, ServiceToolsWindow.SHARE, null), 1024, 700);
        scene.getStylesheets().add(getClass().getResource("/io/onionpanel/ui/panel.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void offersTheUpdateAndAWrongPasswordChangesNothingThenTheRightOneDoes(FxRobot robot) throws Exception {
        assertEquals(node.url(), robot.lookup("#share-routstr-url").queryAs(TextField.class).getText());
        FxWait.until("Routstr section", Duration.ofSeconds(10), () -> text(robot, "#share-routstr-announces")
                .startsWith("Routstr announces " + OLD + ", not http://" + ONION));

        PasswordField password = robot.lookup("#share-routstr-password").queryAs(PasswordField.class);
        robot.interact(() -> password.setText("wrong"));
        robot.interact(() -> robot.lookup("#share-routstr-update").queryAs(javafx.scene.control.Button.class).fire());
        assertEquals("", password.getText(), "the field is emptied at once");
        FxWait.until("Routstr section", Duration.ofSeconds(10), () -> text(robot, "#share-routstr-status")
                .startsWith("Nothing changed: Routstr refused the admin password"));
        assertEquals(OLD, node.onionUrl());

        robot.interact(() -> password.setText(PASSWORD));
        robot.interact(() -> robot.lookup("#share-routstr-update").queryAs(javafx.scene.control.Button.class).fire());
        FxWait.until("Routstr section", Duration.ofSeconds(10), () -> text(robot, "#share-routstr-status")
                .startsWith("Changed through Routstr's admin API, because Routstr 0.4.5 answers"));
        assertTrue(text(robot, "#share-routstr-status").contains("onion_url=http://" + ONION + "   (was " + OLD + ")"));
        assertEquals("http://" + ONION, node.onionUrl());
        FxWait.until("Routstr section", Duration.ofSeconds(10), () -> text(robot, "#share-routstr-announces")
                .equals("Routstr announces this address (http://" + ONION + ")."));
        assertEquals(node.url(), new SettingsStore(data).load().monitor().routstrNode("routstr").orElseThrow());
        assertFalse(Files.readString(data.resolve("settings.json")).contains(PASSWORD));
    }
}
