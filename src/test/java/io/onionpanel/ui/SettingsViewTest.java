package io.onionpanel.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.settings.SettingsStore;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class SettingsViewTest {
    @RegisterExtension
    final OfflinePanelWindow gui = OfflinePanelWindow.with().showing("settings");

    @Test
    void showsTheAutomaticallyChosenTorItsCapabilitiesAndSupport(FxRobot robot) {
        FxWait.until("tor description", Duration.ofSeconds(20),
                () -> robot.lookup("#settings-tor-info").queryAs(Label.class).getText().startsWith("system tor 0.4.9."));
        String info = robot.lookup("#settings-tor-info").queryAs(Label.class).getText();
        assertTrue(info.contains("relay: yes, pow: yes"), info);
        assertTrue(info.contains("Supported (0.4.9 or newer)."), info);
    }

    @Test
    void anObsoleteTorIsExplainedAndRefusedUnlessAllowed(FxRobot robot) throws Exception {
        String old = io.onionpanel.tor.ObsoleteTor.extract(gui.data().resolve("obsolete-tor")).toString();
        byte[] before = Files.readAllBytes(gui.data().resolve("settings.json"));
        robot.interact(() -> {
            robot.lookup("#settings-tor-path").queryAs(javafx.scene.control.TextField.class).setText(old);
            robot.lookup("#settings-custom").queryAs(javafx.scene.control.RadioButton.class).setSelected(true);
            robot.lookup("#settings-allow-unsupported").queryAs(javafx.scene.control.CheckBox.class).setSelected(false);
        });
        Label info = robot.lookup("#settings-tor-info").queryAs(Label.class);
        FxWait.until("the old tor described", Duration.ofSeconds(20), () -> info.getText().startsWith("chosen tor 0.4.7.13"));
        assertTrue(info.getText().contains("Not supported: ") && info.getText().contains("Saving refuses it."), info.getText());
        robot.clickOn("#settings-save");
        Label saved = robot.lookup("#settings-saved").queryAs(Label.class);
        FxWait.until("the refusal", Duration.ofSeconds(20), () -> saved.getText().contains("0.4.8 and older"));
        assertTrue(saved.getText().contains("--allow-unsupported-tor"), saved.getText());
        assertArrayEquals(before, Files.readAllBytes(gui.data().resolve("settings.json")), "nothing saved");

        robot.interact(() -> robot.lookup("#settings-allow-unsupported").queryAs(javafx.scene.control.CheckBox.class).setSelected(true));
        FxWait.until("the override described", Duration.ofSeconds(20), () -> info.getText().contains("UNSUPPORTED, allowed: "));
        robot.clickOn("#settings-save");
        SettingsStore store = new SettingsStore(gui.data());
        FxWait.until("saved with the override", Duration.ofSeconds(20), () -> old.equals(store.load().tor().binary())
                && store.load().tor().allowUnsupported());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "SocksPort 9050 | Extra torrc line 2: SocksPort is managed by the panel and cannot be overridden",
            "HTTPTunnelPort 0.0.0.0:8118 | Extra torrc line 2: HTTPTunnelPort 0.0.0.0:8118 — HTTPTunnelPort would listen on"
                    + " every network interface (0.0.0.0), open to other machines; use a bare port (tor then listens on"
                    + " 127.0.0.1), 127.0.0.1:PORT, [::1]:PORT or unix:/path"})
    void refusedTorrcLinesAreExplainedAndNotSaved(String refused, String message, FxRobot robot) throws Exception {
        byte[] before = Files.readAllBytes(gui.data().resolve("settings.json"));
        robot.interact(() -> robot.lookup("#settings-extra-torrc").queryAs(TextArea.class).setText("DisableNetwork 1\n" + refused));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#settings-save").queryAs(Button.class).isDisabled());
        assertEquals(message, robot.lookup("#settings-extra-error").queryAs(Label.class).getText());
        robot.clickOn("#settings-save");
        assertArrayEquals(before, Files.readAllBytes(gui.data().resolve("settings.json")));
    }

    @Test
    void validChangesArePersistedThroughTheEngineSettings(FxRobot robot) {
        robot.interact(() -> robot.lookup("#settings-extra-torrc").queryAs(TextArea.class).setText("DisableNetwork 1\nUseBridges 0"));
        robot.interact(() -> robot.lookup("#settings-theme").<javafx.scene.control.ChoiceBox<String>>query().setValue("dark"));
        robot.clickOn("#settings-save");
        SettingsStore store = new SettingsStore(gui.data());
        FxWait.until("saved", Duration.ofSeconds(10), () -> store.load().ui().theme().equals("dark"));
        assertEquals(List.of("DisableNetwork 1", "UseBridges 0"), store.load().tor().extraTorrcLines());
    }

    @Test
    void monitoringSettingsAreValidatedAndSaved(FxRobot robot) {
        SettingsStore store = new SettingsStore(gui.data());
        store.update(s -> s.withServices(List.of(new io.onionpanel.settings.ServiceConfig("routstr", false,
                List.of(io.onionpanel.settings.PortMapping.of(80, "127.0.0.1:8000"))))));
        FxWait.until("service listed", Duration.ofSeconds(10),
                () -> robot.lookup("#settings-probe-service").<javafx.scene.control.ChoiceBox<String>>query().getItems().contains("routstr"));
        robot.interact(() -> {
            robot.lookup("#settings-probe-service").<javafx.scene.control.ChoiceBox<String>>query().setValue("routstr");
            robot.lookup("#settings-probe-path").queryAs(javafx.scene.control.TextField.class).setText("/v1/info");
            robot.lookup("#settings-metrics-address").queryAs(javafx.scene.control.TextField.class).setText("0.0.0.0:9180");
        });
        byte[] before = store.readBytes();
        robot.clickOn("#settings-save");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#settings-saved").queryAs(Label.class).getText().contains("is not a loopback address"),
                robot.lookup("#settings-saved").queryAs(Label.class).getText());
        assertArrayEquals(before, store.readBytes(), "nothing saved");

        robot.interact(() -> {
            robot.lookup("#settings-metrics-address").queryAs(javafx.scene.control.TextField.class).setText("127.0.0.1:9180");
            robot.lookup("#settings-probe-interval").<javafx.scene.control.Spinner<Integer>>query().getValueFactory().setValue(10);
        });
        robot.clickOn("#settings-save");
        FxWait.until("saved", Duration.ofSeconds(10), () -> "127.0.0.1:9180".equals(store.load().monitor().metricsAddress()));
        assertEquals("/v1/info", store.load().monitor().probePath("routstr"));
        assertEquals(10, store.load().monitor().probeIntervalSeconds());
    }

    @Test
    void aFixedSocksPortIsCheckedAsTypedAndSaved(FxRobot robot) throws Exception {
        byte[] before = Files.readAllBytes(gui.data().resolve("settings.json"));
        javafx.scene.control.TextField port = robot.lookup("#settings-socks-port").queryAs(javafx.scene.control.TextField.class);
        assertEquals("", port.getText(), "automatic by default");

        robot.interact(() -> port.setText("80"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#settings-save").queryAs(Button.class).isDisabled());
        assertEquals("SOCKS port: a number from 1024 to 65535, or auto (got '80')",
                robot.lookup("#settings-socks-error").queryAs(Label.class).getText());
        assertEquals("", robot.lookup("#settings-extra-error").queryAs(Label.class).getText(), "each field shows its own errors");

        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            robot.interact(() -> port.setText(Integer.toString(taken.getLocalPort())));
            WaitForAsyncUtils.waitForFxEvents();
            assertTrue(robot.lookup("#settings-save").queryAs(Button.class).isDisabled());
            assertTrue(robot.lookup("#settings-socks-error").queryAs(Label.class).getText().contains("already in use"));
            robot.clickOn("#settings-save");
            assertArrayEquals(before, Files.readAllBytes(gui.data().resolve("settings.json")), "a refused port changes nothing");
        }

        int free;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            free = probe.getLocalPort();
        }
        robot.interact(() -> port.setText(Integer.toString(free)));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("", robot.lookup("#settings-socks-error").queryAs(Label.class).getText());
        robot.clickOn("#settings-save");
        SettingsStore store = new SettingsStore(gui.data());
        FxWait.until("port saved", Duration.ofSeconds(10), () -> store.load().tor().fixedSocksPort() == free);

        robot.interact(() -> port.setText(""));
        robot.clickOn("#settings-save");
        FxWait.until("back to automatic", Duration.ofSeconds(10), () -> store.load().tor().fixedSocksPort() == 0);
    }

    @Test
    void aPortSetElsewhereIsShownSoSaveDoesNotUndoIt(FxRobot robot) {
        SettingsStore store = new SettingsStore(gui.data());
        store.update(s -> s.withTor(s.tor().withFixedSocksPort(19050)));
        javafx.scene.control.TextField port = robot.lookup("#settings-socks-port").queryAs(javafx.scene.control.TextField.class);
        FxWait.until("port shown", Duration.ofSeconds(10), () -> port.getText().equals("19050"));
        robot.interact(() -> robot.lookup("#settings-theme").<javafx.scene.control.ChoiceBox<String>>query().setValue("dark"));
        robot.clickOn("#settings-save");
        FxWait.until("saved", Duration.ofSeconds(10), () -> store.load().ui().theme().equals("dark"));
        assertEquals(19050, store.load().tor().fixedSocksPort());
    }
}
