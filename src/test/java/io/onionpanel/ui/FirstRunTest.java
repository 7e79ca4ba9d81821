package io.onionpanel.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

@ExtendWith(ApplicationExtension.class)
class FirstRunTest {
    @RegisterExtension
    final OfflinePanelWindow gui = OfflinePanelWindow.with().firstRun();

    @Test
    void offersRoutstrsDefaultAndFollowsTheTarget(FxRobot robot) {
        Button go = robot.lookup("#first-run-go").queryButton();
        assertEquals("Put http://127.0.0.1:8000 on an onion address", go.getText());
        robot.interact(() -> robot.lookup("#first-run-target").queryAs(TextField.class).setText("http://127.0.0.1:9000"));
        assertEquals("Put http://127.0.0.1:9000 on an onion address", go.getText());
    }

    @Test
    void badTargetsAreExplainedAndCreateNothing(FxRobot robot) throws Exception {
        byte[] before = Files.readAllBytes(gui.data().resolve("settings.json"));
        String[][] cases = {
                {"https://127.0.0.1:8000", "plain http://"},
                {"http://127.0.0.1:8000/v1", "without a path"},
                {"http://127.0.0.1:99999", "out of range"},
                {"127.0.0.1:8000\" HiddenServiceDir /", "quotes"}};
        for (String[] c : cases) {
            robot.interact(() -> robot.lookup("#first-run-target").queryAs(TextField.class).setText(c[0]));
            robot.clickOn("#first-run-go");
            String error = robot.lookup("#first-run-error").queryAs(Label.class).getText();
            assertTrue(error.contains(c[1]), c[0] + " → " + error);
        }
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(gui.data().resolve("settings.json"))));
        assertFalse(gui.fixture().torRunning());
    }

    @Test
    void theButtonCreatesTheServiceAndStartsTor(FxRobot robot) {
        robot.clickOn("#first-run-go");
        FxWait.until("tor started", Duration.ofSeconds(30), gui.fixture()::torRunning);
        FxWait.until("progress shown", Duration.ofSeconds(10),
                () -> !robot.lookup("#first-run-stage").queryAs(Label.class).getText().isEmpty());
        var service = new io.onionpanel.settings.SettingsStore(gui.data()).load().service("api").orElseThrow();
        assertEquals("127.0.0.1:8000", service.ports().get(0).targets().get(0));
        assertEquals(80, service.ports().get(0).virtualPort());
    }
}
