package io.onionpanel.ui.tester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.testnet.StandInRoutstr;
import io.onionpanel.ui.FxWait;
import io.onionpanel.ui.QrText;
import io.onionpanel.ui.share.ShareView;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The share view's snippets, QR code, fixed SOCKS port and Routstr .env writing. The address and ports are data
 * here (no tor is needed to render text); the snippets themselves are exercised through tor by curl in the
 * benchmark and by ProbeOnPrivateNetworkIntegrationTest's equivalent requests.
 */
@ExtendWith(ApplicationExtension.class)
class ShareViewTest {
    static final String ONION = "2gzyxa5ihm7nsggfxnu52rck2vv4rvmdlkiu3zzui5du4xyclen53wid.onion";
    @TempDir
    Path data;
    TestContext context;
    volatile boolean clientsShown;
    StandInRoutstr routstr;

    @Start
    void start(Stage stage) throws Exception {
        routstr = StandInRoutstr.start();
        context = new TestContext(data, ONION, new InetSocketAddress("127.0.0.1", 41234), routstr.hostPort());
        Scene scene = new Scene(ServiceToolsWindow.content(context, ServiceToolsWindow.SHARE, () -> clientsShown = true), 1024, 700);
        scene.getStylesheets().add(getClass().getResource("/io/onionpanel/ui/panel.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() {
        routstr.close();
    }

    private static String code(FxRobot robot, String id) {
        return robot.lookup("#snippet-" + id).queryAs(TextArea.class).getText();
    }

    @Test
    void snippetsUseTheLiveAddressAndRemoteResolution(FxRobot robot) {
        assertEquals("http://" + ONION, robot.lookup("#share-address").queryAs(TextField.class).getText());
        assertNotNull(robot.lookup("#share-qr").queryAs(ImageView.class).getImage());
        // No fixed port yet: the automatic one, with a warning that it moves.
        assertEquals("curl --socks5-hostname 127.0.0.1:41234 http://" + ONION + "/v1/models", code(robot, "curl"));
        assertTrue(robot.lookup("#share-port-info").queryAs(Label.class).getText().contains("changes whenever tor restarts"));
        assertTrue(robot.lookup("#snippet-note-curl").queryAs(Label.class).getText().contains("Plain --socks5"));
        String python = code(robot, "python");
        assertTrue(python.contains("pip install openai \"httpx[socks]>=0.26\""), python);
        assertTrue(python.contains("httpx.Client(proxy=\"socks5://127.0.0.1:41234\""), python);
        assertTrue(python.contains("base_url=\"http://" + ONION + "/v1\""), python);
        String node = code(robot, "node");
        assertTrue(node.contains("new SocksProxyAgent('socks5h://127.0.0.1:41234')"), node);
        assertTrue(node.contains("baseURL: 'http://" + ONION + "/v1'"), node);

        robot.clickOn("#snippet-copy-curl");
        robot.interact(() -> assertEquals(code(robot, "curl"), Clipboard.getSystemClipboard().getString()));
        assertTrue(robot.lookup("#share-write-env").queryAs(Button.class).isDisabled(), "Routstr needs a fixed port");
    }

    @Test
    void fixedPortIsOfferedOnlyWhenFreeThenUsedByTheSnippetsAndRoutstr(FxRobot robot) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            TextField port = robot.lookup("#share-port").queryAs(TextField.class);
            robot.interact(() -> port.setText(Integer.toString(taken.getLocalPort())));
            robot.clickOn("#share-set-port");
            assertTrue(robot.lookup("#share-port-error").queryAs(Label.class).getText().contains("already in use"));
            assertEquals(0, context.fixedPort, "nothing saved");
        }
        int free;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            free = s.getLocalPort();
        }
        robot.interact(() -> robot.lookup("#share-port").queryAs(TextField.class).setText(Integer.toString(free)));
        robot.clickOn("#share-set-port");
        assertEquals(free, context.fixedPort);
        assertEquals("curl --socks5-hostname 127.0.0.1:" + free + " http://" + ONION + "/v1/models", code(robot, "curl"));
        assertFalse(robot.lookup("#share-write-env").queryAs(Button.class).isDisabled());

        Path env = data.resolve(".env");
        Files.writeString(env, "# Routstr\r\nONION_URL=\r\nADMIN_PASSWORD=\"x\"\r\n");
        robot.interact(() -> robot.lookup("#share-env-path").queryAs(TextField.class).setText(env.toString()));
        // Below the fold of the scroll pane: fired rather than clicked.
        robot.interact(() -> robot.lookup("#share-write-env").queryAs(Button.class).fire());
        FxWait.until("written", Duration.ofSeconds(10),
                () -> robot.lookup("#share-env-status").queryAs(Label.class).getText().startsWith("Updated"));
        assertEquals("# Routstr\r\nONION_URL=http://" + ONION + "\r\nADMIN_PASSWORD=\"x\"\r\nTOR_PROXY_URL=socks5://127.0.0.1:"
                + free + "\r\n", Files.readString(env));
        assertTrue(Files.exists(data.resolve(".env.bak")));
        // The stand-in's /v1/info still reports an empty onion_url: the view asks for a restart and keeps watching.
        FxWait.until("check message", Duration.ofSeconds(10),
                () -> robot.lookup("#share-env-check").queryAs(Label.class).getText().startsWith("Restart Routstr"));
    }

    private void showPorts(FxRobot robot, List<Integer> ports, boolean clientAuth) {
        robot.interact(() -> {
            context.virtualPorts = ports;
            context.clientAuth = clientAuth;
            robot.lookup("#share-view").queryAs(ShareView.class).refresh();
        });
    }

    @Test
    void aServiceOnlyOn8080IsSharedWithItsPort(FxRobot robot) throws Exception {
        showPorts(robot, List.of(8080), false);
        String url = "http://" + ONION + ":8080";
        assertEquals(url, robot.lookup("#share-address").queryAs(TextField.class).getText());
        assertEquals(url, QrText.decode(robot.lookup("#share-qr").queryAs(ImageView.class).getImage()));
        assertEquals("curl --socks5-hostname 127.0.0.1:41234 " + url + "/v1/models", code(robot, "curl"));
        assertTrue(code(robot, "python").contains("base_url=\"" + url + "/v1\""), code(robot, "python"));
        assertTrue(code(robot, "node").contains("baseURL: '" + url + "/v1'"), code(robot, "node"));
        assertFalse(robot.lookup("#share-virtual-port").query().isVisible(), "one port: nothing to choose");

        robot.clickOn("#tools-tab-test");
        FxWait.until("tester shows the port", () -> robot.lookup("#tester-target").queryAs(Label.class).getText()
                .equals(url));
    }

    @Test
    void withSeveralPortsPort80IsTheDefaultWithoutSuffixAndTheOthersCanBeChosen(FxRobot robot) throws Exception {
        showPorts(robot, List.of(8080), false);
        // Port 80 added while the window is open: the default follows, as nothing was picked.
        showPorts(robot, List.of(8080, 80), false);
        ChoiceBox<?> choice = robot.lookup("#share-virtual-port").queryAs(ChoiceBox.class);
        assertTrue(choice.isVisible());
        assertEquals("http://" + ONION, robot.lookup("#share-address").queryAs(TextField.class).getText());
        assertEquals("http://" + ONION, QrText.decode(robot.lookup("#share-qr").queryAs(ImageView.class).getImage()));
        robot.interact(() -> choice.getSelectionModel().select(0));
        assertEquals("http://" + ONION + ":8080", robot.lookup("#share-address").queryAs(TextField.class).getText());
        assertEquals("http://" + ONION + ":8080", QrText.decode(robot.lookup("#share-qr").queryAs(ImageView.class).getImage()));
        assertTrue(code(robot, "curl").endsWith("http://" + ONION + ":8080/v1/models"), code(robot, "curl"));
    }

    @Test
    void withClientAuthorisationShareSaysTheClientNeedsItsKey(FxRobot robot) {
        showPorts(robot, List.of(80), false);
        assertTrue(robot.lookup("#share-address-hint").queryAs(Label.class).getText().contains("public"));
        assertFalse(robot.lookup("#share-open-clients").query().isVisible());

        showPorts(robot, List.of(80), true);
        String hint = robot.lookup("#share-address-hint").queryAs(Label.class).getText();
        assertFalse(hint.contains("public"), hint);
        assertTrue(hint.contains("Client authorisation is on") && hint.contains("key"), hint);
        assertTrue(robot.lookup("#share-open-clients").query().isVisible());
        robot.clickOn("#share-open-clients");
        assertTrue(clientsShown, "the button opens the Clients tab");
    }
}
