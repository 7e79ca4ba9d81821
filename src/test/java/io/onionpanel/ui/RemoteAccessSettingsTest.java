package io.onionpanel.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.onionpanel.control.PairingCode;
import io.onionpanel.control.RemoteServerFiles;
import io.onionpanel.ui.settings.SettingsView;
import java.time.Duration;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * Settings → Remote access on the server's window, with its engine running (a real tor kept off the network): turned
 * on, a desktop paired (its code shown once as text and as a QR code that reads back to the same code; the engine
 * told at once), a bad name refused, and the desktop revoked after confirming — all in remote.json as the CLI has it.
 */
@ExtendWith(ApplicationExtension.class)
class RemoteAccessSettingsTest {
    @RegisterExtension
    final OfflinePanelWindow gui = OfflinePanelWindow.with(OfflinePanelWindow.API).showing("settings");

    private static Button button(FxRobot robot, String text) {
        return robot.lookup(".dialog-pane .button").queryAll().stream().filter(n -> n instanceof Button b
                && b.getText().equals(text)).map(Button.class::cast).findFirst().orElseThrow();
    }

    private static String decode(Image image) throws Exception {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] pixels = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), pixels, 0, w);
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(w, h, pixels)))).getText();
    }

    @Test
    void pairsShowsTheCodeOnceTellsTheEngineAndRevokes(FxRobot robot) throws Exception {
        gui.fixture().model.engine().start();
        RemoteServerFiles files = new RemoteServerFiles(gui.data());
        SettingsView settings = robot.lookup(n -> n instanceof SettingsView).queryAs(SettingsView.class);
        robot.interact(() -> settings.setVvalue(1.0));
        Label address = robot.lookup("#settings-remote-address").queryAs(Label.class);
        FxWait.until("remote access shown off", () -> address.getText().equals("Remote access is off."));
        assertTrue(robot.lookup("#settings-remote-pair").queryAs(Button.class).isDisabled(), "no pairing while off");

        robot.clickOn("#settings-remote-enabled");
        FxWait.until("on, with its address", Duration.ofSeconds(20), () -> address.getText().startsWith("Address: "));
        String onion = files.address();
        assertTrue(address.getText().contains(onion + ".onion"), address.getText());
        assertTrue(files.enabled());

        robot.interact(() -> settings.setVvalue(1.0));
        robot.clickOn("#settings-remote-pair");
        FxWait.until("the pair dialog", () -> robot.lookup("#remote-pair-dialog").tryQuery().isPresent());
        robot.clickOn("#remote-pair-name").write("bad name!");
        robot.clickOn("#remote-pair-confirm");
        FxWait.until("the refusal", () -> !robot.lookup("#remote-pair-error").queryAs(Label.class).getText().isEmpty());
        assertTrue(files.desktops().isEmpty(), "nothing paired for a bad name");

        robot.interact(() -> robot.lookup("#remote-pair-name").queryAs(javafx.scene.control.TextField.class).setText("alice"));
        robot.clickOn("#remote-pair-confirm");
        FxWait.until("the code", Duration.ofSeconds(20), () -> robot.lookup("#remote-pair-code").tryQuery().isPresent());
        String text = robot.lookup("#remote-pair-code").queryAs(TextArea.class).getText();
        PairingCode code = PairingCode.parse(text);
        assertEquals("alice", code.desktop());
        assertEquals(onion, code.onion());
        assertEquals(text, decode(robot.lookup("#remote-pair-qr").queryAs(ImageView.class).getImage()), "the QR code holds the same code");
        FxWait.until("the engine told", Duration.ofSeconds(20), () -> robot.lookup("#status-line").queryAs(Label.class).getText()
                .contains("The running engine applied this now."));
        robot.clickOn(button(robot, "Close"));
        FxWait.until("alice listed", () -> robot.lookup("#settings-remote-desktop-alice").tryQuery().isPresent());
        assertEquals(List.of("alice"), files.pairedDesktops().stream().map(RemoteServerFiles.PairedDesktop::name).toList());

        robot.interact(() -> settings.setVvalue(1.0));
        robot.clickOn("#settings-remote-revoke-alice");
        FxWait.until("the confirmation", () -> robot.lookup("#remote-revoke-confirm").tryQuery().isPresent());
        Node revoke = button(robot, "Revoke");
        robot.clickOn(revoke);
        FxWait.until("alice gone", Duration.ofSeconds(20), () -> robot.lookup("#settings-remote-none").tryQuery().isPresent());
        assertTrue(files.desktops().isEmpty(), "revoked in remote.json");
    }
}
