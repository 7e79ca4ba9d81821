package io.onionpanel.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.onion.OnionAddress;
import io.onionpanel.settings.SettingsStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/** Export and import through the dialogs, with keys a real (offline) bundled tor created. */
@ExtendWith(ApplicationExtension.class)
class BackupDialogsTest {
    @TempDir
    Path elsewhere;
    @RegisterExtension
    final OfflinePanelWindow gui = OfflinePanelWindow.with(OfflinePanelWindow.API);

    private String address(FxRobot robot) {
        return robot.lookup("#service-address-api").queryAs(TextField.class).getText();
    }

    @Test
    void exportThenImportUnderANewNameKeepsTheAddress(FxRobot robot) throws Exception {
        robot.clickOn("#tor-start");
        FxWait.until("keys created by tor", Duration.ofSeconds(30), () -> OnionAddress.isValid(address(robot)));
        String onion = address(robot);
        assertTrue(robot.lookup("#service-backup-api").queryAs(Label.class).getText().startsWith("Never backed up"));

        robot.clickOn("#service-backup-button-api");
        FxWait.until("export dialog", Duration.ofSeconds(5), () -> robot.lookup("#export-dialog").tryQuery().isPresent());
        Path file = elsewhere.resolve("api.onionbackup");
        Button export = robot.lookup(b -> b instanceof Button && "Export".equals(((Button) b).getText())).queryButton();
        robot.interact(() -> {
            robot.lookup("#export-file").queryAs(TextField.class).setText(file.toString());
            robot.lookup("#export-passphrase").queryAs(PasswordField.class).setText("short");
            robot.lookup("#export-confirm").queryAs(PasswordField.class).setText("short");
        });
        assertTrue(export.isDisabled(), "a too-short passphrase cannot export");
        assertTrue(robot.lookup("#export-strength").queryAs(Label.class).getText().contains("too short"));
        robot.interact(() -> {
            robot.lookup("#export-passphrase").queryAs(PasswordField.class).setText("correct horse battery staple");
            robot.lookup("#export-confirm").queryAs(PasswordField.class).setText("correct horse battery stapl");
        });
        assertTrue(export.isDisabled(), "mismatched passphrases cannot export");
        assertEquals("The passphrases do not match", robot.lookup("#export-error").queryAs(Label.class).getText());
        robot.interact(() -> robot.lookup("#export-confirm").queryAs(PasswordField.class).setText("correct horse battery staple"));
        // Four common words: a diceware estimate (≈ 51 bits), not 28 letters' worth (≈ 130 bits).
        assertTrue(robot.lookup("#export-strength").queryAs(Label.class).getText().startsWith("Strength: fair (≈ 51 bits)"),
                robot.lookup("#export-strength").queryAs(Label.class).getText());
        assertFalse(export.isDisabled());
        robot.clickOn(export);
        FxWait.until("backup written", Duration.ofSeconds(30), () -> Files.exists(file)
                && robot.lookup("#export-dialog").tryQuery().isEmpty());
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(file), 21);
        assertEquals("ONION-PANEL-BACKUP 1\n", new String(head, java.nio.charset.StandardCharsets.US_ASCII));
        FxWait.until("last backup shown", Duration.ofSeconds(10),
                () -> robot.lookup("#service-backup-api").queryAs(Label.class).getText().startsWith("Last backup:"));

        robot.clickOn("#dashboard-import");
        FxWait.until("import dialog", Duration.ofSeconds(5), () -> robot.lookup("#import-dialog").tryQuery().isPresent());
        robot.interact(() -> robot.lookup("#import-file").queryAs(TextField.class).setText(file.toString()));
        robot.interact(() -> robot.lookup("#import-file").queryAs(TextField.class).fireEvent(new javafx.event.ActionEvent()));
        FxWait.until("header read without passphrase", Duration.ofSeconds(10),
                () -> robot.lookup("#import-kind").queryAs(Label.class).getText().contains(onion));
        robot.interact(() -> robot.lookup("#import-passphrase").queryAs(PasswordField.class).setText("wrong passphrase!"));
        robot.clickOn("#import-verify");
        FxWait.until("wrong passphrase refused", Duration.ofSeconds(30),
                () -> robot.lookup("#import-error").queryAs(Label.class).getText().contains("passphrase"));
        robot.interact(() -> robot.lookup("#import-passphrase").queryAs(PasswordField.class).setText("correct horse battery staple"));
        robot.clickOn("#import-verify");
        FxWait.until("address verified", Duration.ofSeconds(30),
                () -> robot.lookup("#import-found").queryAs(Label.class).getText().contains("Verified") );
        assertTrue(robot.lookup("#import-found").queryAs(Label.class).getText().endsWith(onion));
        // Under load the settings the dialog compares against may arrive a moment after the keys (seen once in CI).
        FxWait.until("the same name offers Replace", Duration.ofSeconds(10),
                () -> robot.lookup("#import-replace").query().isVisible());

        byte[] before = Files.readAllBytes(gui.data().resolve("settings.json"));
        Button importButton = robot.lookup(b -> b instanceof Button && "Import".equals(((Button) b).getText())).queryButton();
        robot.clickOn(importButton);
        FxWait.until("refusal without Replace", Duration.ofSeconds(5),
                () -> robot.lookup("#import-error").queryAs(Label.class).getText().contains("exists"));
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(gui.data().resolve("settings.json"))));

        robot.interact(() -> robot.lookup("#import-name").queryAs(TextField.class).setText("restored"));
        robot.clickOn(importButton);
        FxWait.until("same address under another name refused", Duration.ofSeconds(10),
                () -> robot.lookup("#import-error").queryAs(Label.class).getText().contains(onion));
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(gui.data().resolve("settings.json"))));

        robot.interact(() -> robot.lookup("#import-name").queryAs(TextField.class).setText("api"));
        robot.clickOn("#import-replace");
        robot.clickOn(importButton);
        FxWait.until("replace confirmation", Duration.ofSeconds(5), () -> robot.lookup(".dialog-pane")
                .match(n -> ((javafx.scene.control.DialogPane) n).getHeaderText() != null
                        && ((javafx.scene.control.DialogPane) n).getHeaderText().startsWith("Replace the keys")).tryQuery().isPresent());
        robot.type(KeyCode.ENTER);
        FxWait.until("old keys kept in removed/", Duration.ofSeconds(20), () -> {
            try (var list = Files.list(gui.data().resolve("removed"))) {
                return list.anyMatch(p -> p.getFileName().toString().startsWith("api-"));
            } catch (java.io.IOException e) {
                return false;
            }
        });
        assertEquals(onion, OnionAddress.readHostname(gui.data().resolve("services/api")).orElseThrow());
    }
}
