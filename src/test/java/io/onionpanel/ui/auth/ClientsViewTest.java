package io.onionpanel.ui.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.auth.ClientKeys;
import io.onionpanel.onion.OnionAddress;
import io.onionpanel.onion.ServiceFolders;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.settings.SettingsStore;
import io.onionpanel.ui.FxWait;
import io.onionpanel.ui.MainWindow;
import io.onionpanel.ui.OnionPanelApp;
import io.onionpanel.ui.common.Notifier;
import io.onionpanel.ui.model.PanelModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Clients tab on a data folder whose service already has an address; tor is never started. */
@ExtendWith(ApplicationExtension.class)
class ClientsViewTest {
    @TempDir
    Path data;
    PanelModel model;
    String onion;

    @Start
    void start(Stage stage) throws Exception {
        new SettingsStore(data).update(s -> s.withTor(s.tor().withExtraTorrcLines(List.of("DisableNetwork 1")))
                .withServices(List.of(new ServiceConfig("api", true, List.of(PortMapping.of(80, "127.0.0.1:8000"))))));
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        onion = OnionAddress.fromPublicKey(key);
        Files.writeString(new ServiceFolders(data).prepare("api").resolve("hostname"), onion + "\n");
        model = new PanelModel(data, new Notifier());
        model.loadSettingsAndWatch();
        MainWindow window = new MainWindow(model, false, theme -> { });
        Scene scene = new Scene(window, 1024, 700);
        scene.getStylesheets().add(OnionPanelApp.class.getResource("/io/onionpanel/ui/panel.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
        window.select("clients");
    }

    @AfterEach
    void stop() {
        model.shutdown();
    }

    private ClientsView view(FxRobot robot) {
        return robot.lookup(".clients-page").queryAs(ClientsView.class);
    }

    private static Button button(FxRobot robot, String text) {
        return robot.lookup(n -> n instanceof Button b && text.equals(b.getText()) && b.isVisible()).queryButton();
    }

    @Test
    void badKeyIsExplainedAndChangesNothingThenGenerateExportAndRemove(FxRobot robot) throws Exception {
        FxWait.until("address shown", () -> robot.lookup("#clients-address").queryAs(Label.class).getText().equals(onion));
        assertTrue(robot.lookup("#clients-state").queryAs(Label.class).getText().startsWith("Off"));
        byte[] before = Files.readAllBytes(data.resolve("settings.json"));

        robot.clickOn("#clients-add");
        FxWait.until("add dialog", () -> robot.lookup("#client-add-dialog").tryQuery().isPresent());
        robot.clickOn("#client-paste");
        robot.interact(() -> {
            robot.lookup("#client-name").queryAs(TextField.class).setText("bob");
            robot.lookup("#client-public-key").queryAs(TextField.class).setText("notakey");
        });
        Button add = robot.lookup("#client-add-confirm").queryButton();
        assertEquals("Public key has 7 characters; an x25519 key in base32 has 52",
                robot.lookup("#client-add-error").queryAs(Label.class).getText());
        assertTrue(add.isDisabled());
        robot.interact(() -> robot.lookup("#client-public-key").queryAs(TextField.class)
                .setText("1" + ClientKeys.generate().publicKey().substring(1))); // '1' is not base32 (replacing A and B missed about 1 key in 29: it had neither)
        assertTrue(robot.lookup("#client-add-error").queryAs(Label.class).getText().contains("is not base32"));
        robot.interact(() -> robot.lookup("#client-name").queryAs(TextField.class).setText("bad name"));
        assertTrue(robot.lookup("#client-add-error").queryAs(Label.class).getText().startsWith("Client name 'bad name'"));
        assertTrue(add.isDisabled());
        assertArrayEquals(before, Files.readAllBytes(data.resolve("settings.json")), "nothing written");
        assertFalse(Files.exists(data.resolve("services/api/authorized_clients")));

        // Generate instead: the one-time credential dialog.
        robot.interact(() -> robot.lookup("#client-name").queryAs(TextField.class).setText("alice"));
        robot.clickOn("#client-generate");
        assertFalse(add.isDisabled());
        assertEquals("", robot.lookup("#client-add-error").queryAs(Label.class).getText());
        robot.clickOn(add);
        FxWait.until("credential dialog", () -> robot.lookup("#client-credential-dialog").tryQuery().isPresent());
        String line = robot.lookup("#credential-line").queryAs(TextArea.class).getText();
        String key = robot.lookup("#credential-key").queryAs(TextField.class).getText();
        assertTrue(line.matches(onion.substring(0, 56) + ":descriptor:x25519:[A-Z2-7]{52}"), line);
        assertTrue(line.endsWith(":" + key));
        assertNotNull(robot.lookup("#credential-qr-address").queryAs(ImageView.class).getImage());
        assertNotNull(robot.lookup("#credential-qr-key").queryAs(ImageView.class).getImage());
        robot.clickOn("#credential-copy-line");
        robot.interact(() -> assertEquals(line, javafx.scene.input.Clipboard.getSystemClipboard().getString()));
        robot.clickOn("#credential-keep");
        assertTrue(robot.lookup("#credential-keep").queryAs(CheckBox.class).isSelected());
        robot.clickOn(button(robot, "Close"));
        Path kept = data.resolve("client-keys/api/alice.auth_private");
        FxWait.until("key kept", () -> Files.exists(kept));
        assertEquals(line + "\n", Files.readString(kept));
        assertTrue(Files.readString(data.resolve("services/api/authorized_clients/alice.auth"))
                .equals("descriptor:x25519:" + ClientKeys.publicKeyOf(key) + "\n"));

        FxWait.until("alice listed", () -> view(robot).shownClients().size() == 1);
        assertTrue(robot.lookup("#clients-state").queryAs(Label.class).getText().startsWith("On: only the client below"));
        robot.clickOn("alice");
        FxWait.until("export enabled for a kept key", () -> !robot.lookup("#clients-export").queryButton().isDisabled());

        robot.clickOn("#clients-remove");
        FxWait.until("confirmation", () -> robot.lookup("#clients-remove-confirm").tryQuery().isPresent());
        robot.clickOn(button(robot, "OK"));
        FxWait.until("alice gone", () -> view(robot).shownClients().isEmpty());
        assertTrue(new SettingsStore(data).load().service("api").orElseThrow().clientAuth().clients().isEmpty());
        assertFalse(Files.exists(data.resolve("services/api/authorized_clients/alice.auth")));
        assertFalse(Files.exists(kept));
        assertTrue(robot.lookup("#clients-status").queryAs(Label.class).getText().startsWith("Removed 'alice'"));
        assertTrue(robot.lookup("#clients-state").queryAs(Label.class).getText().contains("kept offline"),
                robot.lookup("#clients-state").queryAs(Label.class).getText());
    }
}
