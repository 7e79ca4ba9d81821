package io.onionpanel.ui.tester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.probe.ProbeHeader;
import io.onionpanel.probe.ProbeHistory;
import io.onionpanel.testnet.NetworkTest;
import io.onionpanel.testnet.StandInRoutstr;
import io.onionpanel.ui.FxWait;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javafx.scene.Scene;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The tester window against the stand-in Routstr as an onion service on the private Tor network. */
@ExtendWith(ApplicationExtension.class)
@NetworkTest
class TesterViewTest {
    private static OnionUnderTest onion;
    @TempDir
    Path data;
    TestContext context;

    @BeforeAll
    static void publish() throws Exception {
        onion = new OnionUnderTest("tester-ui");
    }

    @AfterAll
    static void stop() {
        if (onion != null) {
            onion.close();
        }
    }

    @Start
    void start(Stage stage) {
        context = new TestContext(data, onion.onion(), onion.socks, onion.routstr.hostPort());
        Scene scene = new Scene(ServiceToolsWindow.content(context, ServiceToolsWindow.TEST, null), 1024, 700);
        scene.getStylesheets().add(getClass().getResource("/io/onionpanel/ui/panel.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void presetRunShowsEachAttemptTheSummaryAndAnOkVerdict(FxRobot robot) {
        assertEquals("http://" + onion.onion(), text(robot, "#tester-target"));
        robot.interact(() -> robot.lookup("#tester-count").queryAs(javafx.scene.control.Spinner.class).getValueFactory().setValue(3));
        robot.clickOn("#tester-run");
        FxWait.until("run finished", Duration.ofSeconds(90), () -> !robot.lookup("#tester-verdict").queryAs(Label.class).getText().isEmpty());
        Label verdict = robot.lookup("#tester-verdict").queryAs(Label.class);
        assertTrue(verdict.getText().startsWith("All 3 requests answered"), verdict.getText());
        assertTrue(verdict.getStyleClass().contains("state-ok"));
        assertEquals(3, robot.lookup("#tester-attempts").queryAs(TableView.class).getItems().size());
        assertTrue(text(robot, "#tester-summary").contains("3/3 succeeded"), text(robot, "#tester-summary"));
        assertTrue(text(robot, "#tester-summary").contains("p50"), text(robot, "#tester-summary"));
        assertEquals(StandInRoutstr.INFO_JSON, robot.lookup("#tester-response").queryAs(TextArea.class).getText());
        FxWait.until("history", Duration.ofSeconds(5), () -> robot.lookup("#tester-history").queryAs(TableView.class).getItems().size() == 1);
    }

    @Test
    void customRequestMasksTheSecretHeaderAndNeverStoresIt(FxRobot robot) throws Exception {
        robot.interact(() -> robot.lookup("#tester-preset").queryAs(ChoiceBox.class).getSelectionModel().select(TesterView.CUSTOM));
        assertTrue(robot.lookup("#tester-custom").query().isVisible());
        // "Authorization" starts out secret: typed into a password field, the plain field hidden.
        PasswordField secret = robot.lookup("#header-secret-0").queryAs(PasswordField.class);
        assertTrue(secret.isVisible());
        assertFalse(robot.lookup("#header-value-0").queryAs(TextField.class).isVisible());
        robot.clickOn(secret).write("Bearer " + StandInRoutstr.API_KEY);
        assertEquals("Bearer " + StandInRoutstr.API_KEY, secret.getText());
        robot.clickOn("#tester-body").write("{\"model\":\"gpt-test\"}");
        robot.interact(() -> robot.lookup("#tester-count").queryAs(javafx.scene.control.Spinner.class).getValueFactory().setValue(2));
        robot.clickOn("#tester-run");
        FxWait.until("run finished", Duration.ofSeconds(90), () -> !robot.lookup("#tester-verdict").queryAs(Label.class).getText().isEmpty());
        String verdict = text(robot, "#tester-verdict");
        assertTrue(verdict.startsWith("All 2 requests answered"), verdict);
        assertEquals(StandInRoutstr.chatJson("{\"model\":\"gpt-test\"}"),
                robot.lookup("#tester-response").queryAs(TextArea.class).getText());
        FxWait.until("history", Duration.ofSeconds(5), () -> robot.lookup("#tester-history").queryAs(TableView.class).getItems().size() == 1);
        String history = Files.readString(data.resolve(ProbeHistory.FILE_NAME));
        assertFalse(history.contains(StandInRoutstr.API_KEY), history);
        assertTrue(history.contains(ProbeHeader.MASK), history);
        ProbeHistory.Entry entry = (ProbeHistory.Entry) robot.lookup("#tester-history").queryAs(TableView.class).getItems().get(0);
        assertEquals(ProbeHeader.MASK, entry.request().headers().get(0).value());

        // Untick "Secret": the same value shows in a plain field.
        robot.clickOn("#header-secret-toggle-0");
        TextField plain = robot.lookup("#header-value-0").queryAs(TextField.class);
        assertTrue(plain.isVisible());
        assertEquals("Bearer " + StandInRoutstr.API_KEY, plain.getText());

        // Without the key the service answers 401: an HTTP error, in words.
        robot.interact(() -> plain.setText(""));
        robot.interact(() -> robot.lookup("#tester-count").queryAs(javafx.scene.control.Spinner.class).getValueFactory().setValue(1));
        robot.clickOn("#tester-run");
        FxWait.until("second run", Duration.ofSeconds(90), () -> text(robot, "#tester-verdict").startsWith("HTTP error"));
    }

    @Test
    void verdictsForTorNotReadyAndLocalTargetDown(FxRobot robot) throws Exception {
        context.notReady = "tor is stopped: start it on the Dashboard first";
        robot.clickOn("#tester-run");
        FxWait.until("verdict", Duration.ofSeconds(5), () -> !text(robot, "#tester-verdict").isEmpty());
        assertTrue(text(robot, "#tester-verdict").startsWith("tor is not ready"), text(robot, "#tester-verdict"));
        assertTrue(robot.lookup("#tester-verdict").queryAs(Label.class).getStyleClass().contains("state-bad"));

        context.notReady = null;
        try (AutoCloseable restart = onion.stopRoutstr()) {
            robot.interact(() -> robot.lookup("#tester-retries").queryAs(TextField.class).setText("none"));
            robot.interact(() -> robot.lookup("#tester-count").queryAs(javafx.scene.control.Spinner.class).getValueFactory().setValue(1));
            robot.clickOn("#tester-run");
            FxWait.until("local target verdict", Duration.ofSeconds(90), () -> text(robot, "#tester-verdict").startsWith("Local target down"));
            assertTrue(text(robot, "#tester-verdict").contains(context.localTarget + " refuses connections"),
                    text(robot, "#tester-verdict"));
        }
    }
}
