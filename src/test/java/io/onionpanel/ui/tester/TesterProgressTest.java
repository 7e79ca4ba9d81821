package io.onionpanel.ui.tester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.ui.FxWait;
import java.nio.file.Path;
import java.time.Duration;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** While requests are in flight the tester says so, ticking; when they are done it says how they answered, in words. */
@ExtendWith(ApplicationExtension.class)
class TesterProgressTest {
    static final String ONION = "2gzyxa5ihm7nsggfxnu52rck2vv4rvmdlkiu3zzui5du4xyclen53wid.onion";
    @TempDir
    Path data;
    io.onionpanel.probe.FakeSocksServer socks;

    Stage main;

    @Start
    void start(Stage stage) throws Exception {
        main = stage;
        socks = new io.onionpanel.probe.FakeSocksServer(0, "{\"name\":\"held\"}", true);
        TestContext context = new TestContext(data, ONION, socks.address(), "127.0.0.1:9");
        Scene scene = new Scene(ServiceToolsWindow.content(context, ServiceToolsWindow.TEST, null), 1024, 700);
        scene.getStylesheets().add(getClass().getResource("/io/onionpanel/ui/panel.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        socks.close();
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void requestsInFlightShowProgressAndTheSummaryIsInWords(FxRobot robot) {
        robot.interact(() -> robot.lookup("#tester-count").queryAs(Spinner.class).getValueFactory().setValue(3));
        robot.interact(() -> robot.lookup("#tester-concurrency").queryAs(Spinner.class).getValueFactory().setValue(3));
        TableView<?> table = robot.lookup("#tester-attempts").queryAs(TableView.class);
        assertEquals("tester-idle", table.getPlaceholder().getId());
        robot.clickOn("#tester-run");

        FxWait.until("progress shown", () -> robot.lookup("#tester-progress-box").query().isVisible());
        assertTrue(text(robot, "#tester-progress-text").startsWith("0 of 3 done · 3 in flight · "), text(robot, "#tester-progress-text"));
        assertEquals("tester-waiting", table.getPlaceholder().getId(), "\"No requests yet\" while requests run");
        FxWait.until("the elapsed time ticks", Duration.ofSeconds(5), () -> text(robot, "#tester-progress-text").endsWith(" · 2 s"));

        socks.release();
        FxWait.until("run finished", Duration.ofSeconds(30), () -> !text(robot, "#tester-verdict").isEmpty());
        assertTrue(text(robot, "#tester-summary").contains("status 200 ×3"), text(robot, "#tester-summary"));
        assertFalse(text(robot, "#tester-summary").contains("{"), text(robot, "#tester-summary"));
        assertTrue(text(robot, "#tester-verdict").startsWith("All 3 requests answered (200 ×3)"), text(robot, "#tester-verdict"));
        Node box = robot.lookup("#tester-progress-box").query();
        assertFalse(box.isVisible(), "progress hidden after the run");
        assertEquals("tester-idle", table.getPlaceholder().getId());
    }

    @Test
    void theToolsWindowOpensOffsetFromTheMainWindowNotExactlyOverIt(FxRobot robot) {
        robot.interact(() -> {
            main.setX(100);
            main.setY(60);
            Stage tools = new Stage();
            tools.initOwner(main);
            ServiceToolsWindow.offsetFrom(tools, main);
            tools.setScene(new Scene(new Label("tools"), 400, 300));
            tools.show();
            try {
                assertEquals(100 + ServiceToolsWindow.OFFSET, tools.getX());
                assertEquals(60 + ServiceToolsWindow.OFFSET, tools.getY());
            } finally {
                tools.close();
            }
        });
    }
}
