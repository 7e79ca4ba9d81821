package io.onionpanel.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.settings.PortMapping;
import io.onionpanel.ui.backup.ExportDialog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/** Export shows that it works during the seconds of key derivation, and the next export proposes the folder last used. */
@ExtendWith(ApplicationExtension.class)
class ExportDialogTest {
    @TempDir
    Path elsewhere;
    @RegisterExtension
    final OfflinePanelWindow gui = OfflinePanelWindow.with();

    private void open(FxRobot robot) {
        robot.interact(() -> new ExportDialog(gui.stage(), gui.fixture().model, "api").show());
        FxWait.until("export dialog", () -> robot.lookup("#export-dialog").tryQuery().isPresent());
    }

    @Test
    void progressWhileEncryptingAndTheLastFolderNextTime(FxRobot robot) throws Exception {
        gui.fixture().model.services().add("api", List.of(PortMapping.of(80, "127.0.0.1:8000")));
        open(robot);
        Path file = elsewhere.resolve("api.onionbackup");
        robot.interact(() -> {
            robot.lookup("#export-file").queryAs(TextField.class).setText(file.toString());
            robot.lookup("#export-passphrase").queryAs(PasswordField.class).setText("correct horse battery staple 42");
            robot.lookup("#export-confirm").queryAs(PasswordField.class).setText("correct horse battery staple 42");
        });
        Button export = robot.lookup(b -> b instanceof Button && "Export".equals(((Button) b).getText())).queryButton();
        robot.clickOn(export);
        assertTrue(robot.lookup("#export-progress").query().isVisible(), "no progress while the key is derived");
        assertTrue(robot.lookup("#export-cancel").queryButton().isDisabled(), "Cancel during the export");
        assertTrue(export.isDisabled(), "Export twice");
        assertTrue(robot.lookup("#export-passphrase").query().isDisabled(), "the passphrase editable during the export");
        FxWait.until("backup written", Duration.ofSeconds(30),
                () -> Files.exists(file) && robot.lookup("#export-dialog").tryQuery().isEmpty());

        open(robot);
        assertEquals(elsewhere.resolve("api-" + LocalDate.now() + ".onionbackup").toString(),
                robot.lookup("#export-file").queryAs(TextField.class).getText(), "the folder used last");
        robot.clickOn("#export-cancel");
    }
}
