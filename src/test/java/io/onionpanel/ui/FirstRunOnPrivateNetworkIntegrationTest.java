package io.onionpanel.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.it.OnionHttp;
import io.onionpanel.it.PublishedDescriptor;
import io.onionpanel.onion.OnionAddress;
import io.onionpanel.settings.SettingsStore;
import io.onionpanel.testnet.NetworkTest;
import io.onionpanel.testnet.PrivateTorNetwork;
import io.onionpanel.testnet.Socks5Http;
import io.onionpanel.testnet.StandInRoutstr;
import io.onionpanel.testnet.TorNetworkSupport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The operator's first minute, for real: one click → published onion → the stand-in API answers through it. With a
 * tor that has the pow module the service has proof-of-work by default, and its published descriptor says so.
 */
@ExtendWith(ApplicationExtension.class)
@NetworkTest
class FirstRunOnPrivateNetworkIntegrationTest {
    @TempDir
    Path data;
    GuiFixture fx;
    StandInRoutstr api;

    static PrivateTorNetwork network;

    /** Before TestFX's setup: starting the network takes a minute, far beyond TestFX's @Start timeout. */
    @BeforeAll
    static void startNetwork() {
        network = TorNetworkSupport.requireNetwork();
    }

    @Start
    void start(Stage stage) throws Exception {
        api = StandInRoutstr.start();
        // Nothing chosen: the panel finds the system's tor, which has the pow module, so the first run's service
        // gets proof-of-work.
        fx = new GuiFixture(data, network.clientTorrcLines());
        fx.show(stage, true);
    }

    @AfterEach
    void stop() {
        fx.close();
        api.close();
    }

    @Test
    void firstRunButtonLeadsToAReachableAddressOnTheDashboard(FxRobot robot) throws Exception {
        robot.interact(() -> robot.lookup("#first-run-target").queryAs(TextField.class).setText("http://" + api.hostPort()));
        robot.clickOn("#first-run-go");
        TextField shown = robot.lookup("#first-run-address").queryAs(TextField.class);
        FxWait.until("published address", Duration.ofSeconds(150), () -> OnionAddress.isValid(shown.getText()));
        String onion = shown.getText();

        // Through the panel's own SOCKS port, retrying while the fresh descriptor propagates; fails unless HTTP 200.
        Socks5Http.HttpResult result = OnionHttp.getUntilOk(data, "http://" + onion + "/v1/info", Duration.ofSeconds(180));
        assertEquals(StandInRoutstr.INFO_JSON, result.body());
        assertTrue(new SettingsStore(data).load().service("api").orElseThrow().defenses().pow(), "PoW on by default");
        List<String> pow = PublishedDescriptor.powParamsOnPanel(data, onion);
        assertEquals(1, pow.size(), pow.toString());
        assertTrue(pow.get(0).startsWith("pow-params v1 "), pow.get(0));

        robot.clickOn("#first-run-done");
        FxWait.until("dashboard card", Duration.ofSeconds(10), () -> robot.lookup("#service-address-api").tryQuery().isPresent());
        assertEquals(onion, robot.lookup("#service-address-api").queryAs(TextField.class).getText());
        assertEquals("Published", robot.lookup("#service-state-api").queryAs(Label.class).getText());
        // Which tor runs, and the network's verdict on its version (the private network recommends 0.4.9).
        Label network = robot.lookup("#tor-network-status").queryAs(Label.class);
        FxWait.until("the network's verdict", Duration.ofSeconds(30), () -> network.getText().startsWith("✓ This tor version is"
                + " recommended by the network"));
        assertTrue(robot.lookup(".tor-status .muted").queryAllAs(Label.class).stream()
                .anyMatch(l -> l.getText().startsWith("system tor 0.4.9.")), "the tor named with its origin");
    }
}
