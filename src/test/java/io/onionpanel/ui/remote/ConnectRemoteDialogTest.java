package io.onionpanel.ui.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.common.QrPng;
import io.onionpanel.control.KnownRemotes;
import io.onionpanel.control.PairingCode;
import io.onionpanel.control.RemoteServerFiles;
import io.onionpanel.ui.FxWait;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * "Connect to a remote panel…" with the code from an image of the server's QR code, as {@code remote pair --image}:
 * a picture without a QR code is refused and nothing is kept; the server's QR code is kept under the name given.
 */
@ExtendWith(ApplicationExtension.class)
class ConnectRemoteDialogTest {
    @TempDir
    Path work;

    @Test
    void takesTheCodeFromAnImageOfTheServersQrCode(FxRobot robot) throws Exception {
        Path server = Files.createDirectories(work.resolve("server"));
        Path desktop = Files.createDirectories(work.resolve("desktop"));
        RemoteServerFiles files = new RemoteServerFiles(server);
        files.enable();
        PairingCode code = files.pair("laptop");
        Path qr = QrPng.write(code.text(), work.resolve("code.png"));
        Path notQr = QrPng.write("not a pairing code", work.resolve("other.png"));

        ConnectRemoteDialog[] dialog = new ConnectRemoteDialog[1];
        Stage owner = FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> {
            owner.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 800, 600));
            owner.show();
            dialog[0] = new ConnectRemoteDialog(owner, desktop);
            dialog[0].show();
        });
        robot.clickOn("#remote-name").write("home");
        robot.interact(() -> dialog[0].chooseImage(notQr));
        robot.clickOn("#remote-connect-confirm");
        Label error = robot.lookup("#remote-connect-error").queryAs(Label.class);
        FxWait.until("the refusal", () -> !error.getText().isEmpty());
        assertTrue(error.getText().contains("not a pairing code"), error.getText());
        assertTrue(new KnownRemotes(desktop).names().isEmpty(), "nothing kept");

        robot.interact(() -> dialog[0].chooseImage(qr));
        assertTrue(robot.lookup("#remote-image-chosen").queryAs(Label.class).getText().contains("code.png"));
        robot.clickOn("#remote-connect-confirm");
        FxWait.until("kept and closed", () -> !dialog[0].isShowing());
        assertEquals(Optional.of("home"), dialog[0].paired());
        assertEquals(List.of("home"), new KnownRemotes(desktop).names());
        assertEquals(code, new KnownRemotes(desktop).get("home"));
        assertFalse(error.getText().contains(code.clientKey()));
    }
}
