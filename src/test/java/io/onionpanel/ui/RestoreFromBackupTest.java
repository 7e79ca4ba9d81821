package io.onionpanel.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.backup.Backups;
import io.onionpanel.backup.RealTor;
import io.onionpanel.onion.OnionServices;
import io.onionpanel.onion.ServiceFolders;
import io.onionpanel.settings.PortMapping;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * A new machine: the welcome screen restores a service mapped on 8080 from an encrypted backup made on the old
 * one, with tor never started. The typed path is read as it is typed, and the dashboard shows the address and
 * where the keys came from without claiming the service answers.
 */
@ExtendWith(ApplicationExtension.class)
class RestoreFromBackupTest {
    private static final String PASSPHRASE = "correct horse battery staple";
    @TempDir
    static Path oldMachine;
    static Path backup;
    static String address;

    @RegisterExtension
    final OfflinePanelWindow gui = OfflinePanelWindow.with().firstRun();

    @BeforeAll
    static void backUpOnTheOldMachine() throws Exception {
        Path data = oldMachine.resolve("data");
        new OnionServices(data).add("api", List.of(PortMapping.of(8080, "127.0.0.1:8000")));
        Path keys = new ServiceFolders(data).dir("api");
        try (Stream<Path> files = Files.list(RealTor.sharedFolders().get(0))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, keys.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(keys.resolve(f.getFileName()), PosixFilePermissions.fromString("rw-------"));
            }
        }
        backup = oldMachine.resolve("api.onionbackup");
        address = new Backups(data).export("api", backup, PASSPHRASE.toCharArray()).address();
    }

    @Test
    void theWelcomeScreenRestoresABackupAndTheDashboardTellsTheTruth(FxRobot robot) throws Exception {
        robot.clickOn("#first-run-restore");
        FxWait.until("import dialog", () -> robot.lookup("#import-dialog").tryQuery().isPresent());
        PasswordField passphrase = robot.lookup("#import-passphrase").queryAs(PasswordField.class);
        assertTrue(passphrase.isDisabled());

        // Typed, with neither Enter nor Verify: the file is read once typing pauses.
        robot.clickOn("#import-file").write(backup.toString());
        FxWait.until("encrypted backup recognised as typed", Duration.ofSeconds(10),
                () -> !passphrase.isDisabled() && robot.lookup("#import-kind").queryAs(Label.class).getText().contains(address));
        assertTrue(robot.lookup("#import-file").query().isFocused(), "reading the typed path leaves the focus alone");
        robot.type(KeyCode.TAB, 2);
        assertTrue(passphrase.isFocused(), "Tab reaches the passphrase: Browse…, then the passphrase");
        robot.write(PASSPHRASE);
        robot.clickOn("#import-verify");
        FxWait.until("verified", Duration.ofSeconds(30),
                () -> robot.lookup("#import-found").queryAs(Label.class).getText().startsWith("Verified"));
        robot.clickOn(robot.lookup(b -> b instanceof Button && "Import".equals(((Button) b).getText())).queryButton());

        FxWait.until("dashboard with the restored address", Duration.ofSeconds(15),
                () -> robot.lookup("#service-address-api").tryQuery().isPresent()
                        && address.equals(robot.lookup("#service-address-api").queryAs(TextField.class).getText()));
        FxWait.until("where the keys came from", Duration.ofSeconds(10), () -> robot.lookup("#service-backup-api")
                .queryAs(Label.class).getText().startsWith("Restored from backup api.onionbackup (made "));
        String status = robot.lookup("#status-line").queryAs(Label.class).getText();
        assertFalse(status.contains("answers at"), status);
        assertTrue(status.contains("not reachable while tor is stopped"), status);
        assertFalse(gui.fixture().torRunning());

        // The card's QR code and Share's agree, both with the service's only port.
        String url = "http://" + address + ":8080";
        robot.clickOn("#service-qr-toggle-api");
        assertEquals(url, QrText.decode(robot.lookup("#service-qr-api").queryAs(ImageView.class).getImage()));
        robot.clickOn("#service-share-api");
        FxWait.until("share window", () -> robot.lookup("#share-qr").tryQuery().isPresent());
        Node shareQr = robot.lookup("#share-qr").query();
        assertEquals(url, QrText.decode(((ImageView) shareQr).getImage()));
        assertEquals(url, robot.lookup("#share-address").queryAs(TextField.class).getText());
    }
}
