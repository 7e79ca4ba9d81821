package io.onionpanel.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.settings.PortMapping;
import io.onionpanel.settings.SettingsStore;
import io.onionpanel.ui.editor.ServiceEditorView;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class ServiceEditorTest {
    @RegisterExtension
    final OfflinePanelWindow gui = OfflinePanelWindow.with(OfflinePanelWindow.EXISTING).showing("services");

    private ServiceEditorView editor(FxRobot robot) {
        return robot.lookup(".page").match(n -> n instanceof ServiceEditorView).query();
    }

    @Test
    void eachBadInputShowsTheEngineMessageAndChangesNothing(FxRobot robot) throws Exception {
        byte[] before = Files.readAllBytes(gui.data().resolve("settings.json"));
        robot.clickOn("#editor-new");
        ServiceEditorView editor = editor(robot);
        Button apply = robot.lookup("#editor-apply").queryButton();
        record Case(String field, String value, String message) {
        }
        List<Case> cases = List.of(
                new Case("#editor-name", "bad name", "Service name 'bad name' may only contain"),
                // A TextField drops line breaks and control characters itself; a quote is what can get through.
                new Case("#editor-name", "api\" HiddenServiceDir", "must not contain quotes"),
                new Case("#editor-name", "con", "reserved on Windows"),
                new Case("#port-virtual-0", "70000", "Virtual port 70000 is out of range: use 1–65535"),
                new Case("#port-virtual-0", "http", "is not a number from 1 to 65535"),
                new Case("#port-target-0", "127.0.0.1:0", "out of range"),
                new Case("#port-target-0", "300.1.1.1:80", "is not an IPv4 address"),
                new Case("#port-target-0", "127.0.0.1:80\"", "must not contain quotes"),
                new Case("#port-target-0", "unix:relative", "absolute path"));
        for (Case c : cases) {
            robot.interact(() -> {
                ((TextField) robot.lookup("#editor-name").query()).setText("fresh");
                ((TextField) robot.lookup("#port-virtual-0").query()).setText("80");
                ((TextField) robot.lookup("#port-target-0").query()).setText("127.0.0.1:8000");
                ((TextField) robot.lookup(c.field()).query()).setText(c.value());
            });
            WaitForAsyncUtils.waitForFxEvents();
            List<String> messages = editor.validationMessages();
            assertTrue(messages.stream().anyMatch(m -> m.contains(c.message())), c + " showed " + messages);
            assertTrue(robot.lookup("#editor-field-errors").queryAs(Label.class).getText().contains(c.message()),
                    "the message is spelled out under the form for " + c);
            assertTrue(apply.isDisabled(), "Apply must stay disabled for " + c);
            assertUnderItsField(robot, c.field(), c.message());
        }
        assertArrayEquals(before, Files.readAllBytes(gui.data().resolve("settings.json")));
    }

    /** The message in a label right under the field, where the operator is typing, not only at the form's bottom. */
    static void assertUnderItsField(FxRobot robot, String field, String message) {
        Label error = robot.lookup(field + "-error").queryAs(Label.class);
        assertTrue(error.isVisible() && error.getText().contains(message), field + ": " + error.getText());
        // Layout bounds: the field itself, without the validation marker drawn over its corner.
        javafx.geometry.Bounds f = robot.lookup(field).query().localToScene(robot.lookup(field).query().getLayoutBounds());
        javafx.geometry.Bounds e = error.localToScene(error.getLayoutBounds());
        assertTrue(e.getMinY() >= f.getMaxY() - 1 && e.getMinY() <= f.getMaxY() + 16, field + " at " + f + ", its error at " + e);
        assertTrue(Math.abs(e.getMinX() - f.getMinX()) <= 2, field + " at " + f + ", its error at " + e);
    }

    @Test
    void conflictsFoundOnApplyAreShownAndChangeNothing(FxRobot robot) throws Exception {
        byte[] before = Files.readAllBytes(gui.data().resolve("settings.json"));
        robot.clickOn("#editor-new");
        robot.interact(() -> ((TextField) robot.lookup("#editor-name").query()).setText("EXISTING"));
        robot.clickOn("#editor-apply");
        FxWait.until("duplicate-name message", Duration.ofSeconds(10),
                () -> robot.lookup("#editor-error").queryAs(Label.class).getText().contains("already exists"));

        robot.interact(() -> ((TextField) robot.lookup("#editor-name").query()).setText("other"));
        robot.clickOn("#editor-add-row");
        robot.interact(() -> {
            ((TextField) robot.lookup("#port-virtual-1").query()).setText("80");
            ((TextField) robot.lookup("#port-target-1").query()).setText("8000");
        });
        robot.clickOn("#editor-apply");
        FxWait.until("duplicate-target message", Duration.ofSeconds(10),
                () -> robot.lookup("#editor-error").queryAs(Label.class).getText()
                        .equals("Virtual port 80 lists target 127.0.0.1:8000 twice"));
        assertArrayEquals(before, Files.readAllBytes(gui.data().resolve("settings.json")));
    }

    @Test
    void validChangesAreSavedAndRenameKeepsTheKeyFolder(FxRobot robot) throws Exception {
        Files.createDirectories(gui.data().resolve("services/existing"));
        Files.writeString(gui.data().resolve("services/existing/hostname"), "kept");
        robot.clickOn("#editor-add-row");
        robot.interact(() -> {
            ((TextField) robot.lookup("#editor-name").query()).setText("renamed");
            ((TextField) robot.lookup("#port-virtual-1").query()).setText("80");
            ((TextField) robot.lookup("#port-target-1").query()).setText("127.0.0.1:8001");
        });
        robot.clickOn("#editor-enabled");
        robot.clickOn("#editor-apply");
        SettingsStore store = new SettingsStore(gui.data());
        FxWait.until("renamed service saved", Duration.ofSeconds(10), () -> store.load().service("renamed").isPresent());
        var saved = store.load().service("renamed").orElseThrow();
        assertEquals(List.of(PortMapping.of(80, "127.0.0.1:8000", "127.0.0.1:8001")), saved.ports());
        assertEquals(false, saved.enabled());
        assertEquals("kept", Files.readString(gui.data().resolve("services/renamed/hostname")));
    }
}
