package io.onionpanel.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import io.onionpanel.connection.ConnectionSettings;
import io.onionpanel.connection.UpstreamProxy;
import io.onionpanel.settings.SettingsStore;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** Settings → Connection: bad bridge lines and proxies are refused in words and change nothing; good ones are saved. */
@ExtendWith(ApplicationExtension.class)
class ConnectionSettingsTest {
    private static final String OBFS4 = "obfs4 203.0.113.7:443 D9A82D2F9C2F65A18407B1D2B764F130847F8B5D"
            + " cert=bjRaMrr1BRiAW8IE9U5z27fQaYgOhX1UCmOpg2pFpoMvo6ZgQMzLsaTzzQNTlm7hNcb+Sg iat-mode=0";

    @RegisterExtension
    final OfflinePanelWindow gui = OfflinePanelWindow.with(OfflinePanelWindow.EXISTING).showing("settings");

    @Test
    void aBadBridgeLineIsRefusedAndNothingChanges(FxRobot robot) {
        robot.interact(() -> robot.lookup("#connection-custom").queryAs(RadioButton.class).fire());
        robot.interact(() -> robot.lookup("#connection-bridges").queryAs(TextArea.class)
                .setText(OBFS4.replace("iat-mode=0", "iat-mode=7")));
        robot.interact(() -> robot.lookup("#connection-apply").queryAs(Button.class).fire());
        String error = robot.lookup("#connection-error").queryAs(Label.class).getText();
        assertTrue(error.startsWith("Bridge line 1: an obfs4 bridge needs iat-mode=0, 1 or 2"), error);
        assertFalse(error.contains("203.0.113.7"), "the message never repeats the bridge: " + error);
        assertEquals(ConnectionSettings.NONE, new SettingsStore(gui.data()).load().tor().connection());
    }

    @Test
    void customBridgesAndAnAuthenticatedProxyAreSaved(FxRobot robot) {
        robot.interact(() -> {
            robot.lookup("#connection-custom").queryAs(RadioButton.class).fire();
            robot.lookup("#connection-bridges").queryAs(TextArea.class).setText("# mine\n" + OBFS4 + "\n");
            robot.lookup("#connection-proxy").queryAs(CheckBox.class).fire();
            robot.lookup("#connection-proxy-host").queryAs(TextField.class).setText("127.0.0.1");
            robot.lookup("#connection-proxy-port").queryAs(TextField.class).setText("1080");
            robot.lookup("#connection-proxy-user").queryAs(TextField.class).setText("operator");
            robot.lookup("#connection-proxy-password").queryAs(TextField.class).setText("with space");
            robot.lookup("#connection-apply").queryAs(Button.class).fire();
        });
        String error = robot.lookup("#connection-error").queryAs(Label.class).getText();
        assertTrue(error.contains("no space"), error);
        assertFalse(error.contains("with space"), error);
        assertEquals(ConnectionSettings.NONE, new SettingsStore(gui.data()).load().tor().connection());

        robot.interact(() -> {
            robot.lookup("#connection-proxy-password").queryAs(TextField.class).setText("s3cret!");
            robot.lookup("#connection-apply").queryAs(Button.class).fire();
        });
        FxWait.until("connection saved", Duration.ofSeconds(10),
                () -> new SettingsStore(gui.data()).load().tor().connection().mode().equals(ConnectionSettings.CUSTOM));
        ConnectionSettings saved = new SettingsStore(gui.data()).load().tor().connection();
        assertEquals(java.util.List.of("# mine", OBFS4), saved.bridges());
        assertEquals(new UpstreamProxy("socks5", "127.0.0.1", 1080, "operator", "s3cret!"), saved.proxy());
        assertEquals("", robot.lookup("#connection-error").queryAs(Label.class).getText());
    }

    @Test
    void builtinBridgesAndAQrImage(FxRobot robot) throws Exception {
        robot.interact(() -> {
            robot.lookup("#connection-builtin").queryAs(RadioButton.class).fire();
            robot.lookup("#connection-builtin-transport").queryAs(ChoiceBox.class).setValue("snowflake");
            robot.lookup("#connection-apply").queryAs(Button.class).fire();
        });
        FxWait.until("built-in snowflake saved", Duration.ofSeconds(10),
                () -> "snowflake".equals(new SettingsStore(gui.data()).load().tor().connection().builtin()));
        FxWait.until("the built-in list's date shown", Duration.ofSeconds(20),
                () -> robot.lookup("#connection-builtin-info").queryAs(Label.class).getText().startsWith("tor's default set of 20"));
        FxWait.until("the transports found", Duration.ofSeconds(30),
                () -> robot.lookup("#connection-transports-info").queryAs(Label.class).getText().contains("snowflake: bundled"));

        BitMatrix m = new QRCodeWriter().encode("['" + OBFS4 + "']", BarcodeFormat.QR_CODE, 300, 300);
        BufferedImage img = new BufferedImage(300, 300, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 300; x++) {
            for (int y = 0; y < 300; y++) {
                img.setRGB(x, y, m.get(x, y) ? 0 : 0xFFFFFF);
            }
        }
        Path png = Files.createTempFile("bridges", ".png");
        ImageIO.write(img, "png", png.toFile());
        var box = robot.lookup("#connection-box").queryAs(io.onionpanel.ui.settings.ConnectionBox.class);
        robot.interact(() -> invokeReadQr(box, png));
        FxWait.until("the QR code's line in the field", Duration.ofSeconds(10),
                () -> robot.lookup("#connection-bridges").queryAs(TextArea.class).getText().contains(OBFS4));
        assertTrue(robot.lookup("#connection-custom").queryAs(RadioButton.class).isSelected());
        WaitForAsyncUtils.waitForFxEvents();
        Files.deleteIfExists(png);
    }

    private static void invokeReadQr(Object box, Path png) {
        try {
            var m = box.getClass().getDeclaredMethod("readQr", Path.class);
            m.setAccessible(true);
            m.invoke(box, png);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
