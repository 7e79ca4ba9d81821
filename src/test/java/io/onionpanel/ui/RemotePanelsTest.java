package io.onionpanel.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.control.AttachedPanelEngine;
import io.onionpanel.control.KnownRemotes;
import io.onionpanel.control.LocalPanelEngine;
import io.onionpanel.control.PairingCode;
import io.onionpanel.control.RemoteServerFiles;
import io.onionpanel.engine.ServiceStatus;
import io.onionpanel.settings.SettingsStore;
import io.onionpanel.ui.dashboard.RemoteDashboardView;
import io.onionpanel.ui.model.PanelModel;
import io.onionpanel.ui.model.RemotePanel;
import io.onionpanel.ui.model.RemotePanels;
import io.onionpanel.ui.monitor.MonitorPage;
import io.onionpanel.ui.remote.RemoteBalanceView;
import io.onionpanel.ui.remote.RemoteClientsView;
import io.onionpanel.ui.remote.RemoteServicesView;
import io.onionpanel.ui.remote.RemoteSettingsView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * Remote panels in the window: "Connect to a remote panel…" refuses a bad code without showing its secrets and
 * writes nothing, keeps a good one as 'remote pair' does and lists the panel with its state (a server that cannot be
 * reached: failed, with the reason, through this desktop's real tor); and the chooser switches the window to another
 * real engine's status and services, keeps this desktop's editors away from it, and forgets it.
 */
@ExtendWith(ApplicationExtension.class)
class RemotePanelsTest {
    private Path desktop;
    private Path server;
    private Path other;
    private GuiFixture fixture;
    private RemotePanels remotes;
    private PanelsWindow window;
    private LocalPanelEngine otherEngine;

    @BeforeEach
    void folders() throws IOException {
        desktop = Files.createTempDirectory("onion-panel-desktop-");
        server = Files.createTempDirectory("onion-panel-server-");
        other = Files.createTempDirectory("onion-panel-other-");
    }

    @AfterEach
    void close() throws Exception {
        try {
            if (remotes != null) {
                FxToolkit.setupFixture(remotes::closeAll);
            }
            if (fixture != null) {
                fixture.close();
            }
            if (otherEngine != null) {
                otherEngine.close();
            }
        } finally {
            for (Path dir : List.of(desktop, server, other)) {
                delete(dir);
            }
        }
    }

    private void open(Function<PanelModel, RemotePanel.Connector> connector) throws Exception {
        FxToolkit.setupStage(stage -> {
            fixture = new GuiFixture(desktop, GuiFixture.OFFLINE, GuiFixture.service("web", 80, "127.0.0.1:8000"));
            MainWindow main = new MainWindow(fixture.model, false, theme -> { });
            remotes = new RemotePanels(desktop, connector.apply(fixture.model));
            window = new PanelsWindow(main, fixture.model.notifier(), remotes, theme -> { });
            remotes.load(failure -> { throw new AssertionError(failure); });
            Scene scene = new Scene(window, 1024, 700);
            scene.getStylesheets().add(OnionPanelApp.class.getResource("/io/onionpanel/ui/panel.css").toExternalForm());
            stage.setScene(scene);
            stage.show();
        });
    }

    private PairingCode pairOnServer(String desktopName) throws IOException {
        RemoteServerFiles files = new RemoteServerFiles(server);
        files.enable();
        return files.pair(desktopName);
    }

    @SuppressWarnings("unchecked")
    private static ComboBox<PanelsWindow.Entry> chooser(FxRobot robot) {
        return robot.lookup("#panel-chooser").queryAs(ComboBox.class);
    }

    private static boolean visible(FxRobot robot, String id) {
        return robot.lookup(id).tryQuery().map(n -> n.isVisible() && n.getScene() != null).orElse(false);
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void aBadCodeIsRefusedUnshownAndUnstoredAndAGoodOneAddsAPanelThatSaysWhyItFailed(FxRobot robot) throws Exception {
        PairingCode code = pairOnServer("laptop");
        open(model -> RemotePanel.throughDesktop(model, Duration.ofSeconds(3)));
        robot.clickOn("#remote-connect");
        FxWait.until("the connect dialog", () -> robot.lookup("#remote-connect-dialog").tryQuery().isPresent());
        robot.clickOn("#remote-name").write("home");

        // Cut when copied: the token is missing.
        String cut = code.text().substring(0, code.text().lastIndexOf(':'));
        robot.interact(() -> robot.lookup("#remote-code").queryAs(PasswordField.class).setText(cut));
        robot.clickOn("#remote-connect-confirm");
        FxWait.until("the refusal", () -> !text(robot, "#remote-connect-error").isEmpty());
        String refusal = text(robot, "#remote-connect-error");
        assertTrue(refusal.contains("3 parts"), refusal);
        assertFalse(refusal.contains(code.clientKey()), "the client key is not shown: " + refusal);

        // A token of the wrong length: said, not repeated.
        String shortToken = code.text().substring(0, code.text().length() - 10);
        robot.interact(() -> robot.lookup("#remote-code").queryAs(PasswordField.class).setText(shortToken));
        robot.clickOn("#remote-connect-confirm");
        FxWait.until("the token refusal", () -> text(robot, "#remote-connect-error").contains("token"));
        refusal = text(robot, "#remote-connect-error");
        assertFalse(refusal.contains(code.clientKey()) || refusal.contains(code.token().substring(0, 20)), refusal);
        assertTrue(new KnownRemotes(desktop).names().isEmpty(), "nothing stored for a refused code");
        assertEquals(1, chooser(robot).getItems().size(), "no panel for a refused code");

        robot.interact(() -> robot.lookup("#remote-code").queryAs(PasswordField.class).setText(code.text()));
        robot.clickOn("#remote-connect-confirm");
        FxWait.until("the dialog closed", () -> robot.lookup("#remote-connect-dialog").tryQuery().isEmpty());
        assertEquals(List.of("home"), new KnownRemotes(desktop).names());
        assertEquals(code, new KnownRemotes(desktop).get("home"), "kept exactly as 'remote pair' keeps it");
        assertEquals(2, chooser(robot).getItems().size());
        assertEquals("home", chooser(robot).getSelectionModel().getSelectedItem().remote().name(), "the new panel is shown");

        // This desktop's real tor is kept off the network (DisableNetwork): it never bootstraps, so it has no SOCKS
        // port to reach the onion through; the panel fails and says so (after the connector's 60 s wait).
        FxWait.until("failed with its reason", Duration.ofSeconds(120), () -> visible(robot, "#remote-retry"));
        String reason = text(robot, "#remote-page-reason");
        assertTrue(reason.contains("SOCKS port"), reason);
        assertFalse(reason.contains(code.clientKey()) || reason.contains(code.token()), reason);
        assertTrue(text(robot, "#panel-state").startsWith("Failed: "), text(robot, "#panel-state"));
        assertTrue(fixture.model.isEngineRunning(), "this desktop's engine was started for its tor, as the window starts it");
    }

    /** Another real engine (network off) with the service 'shop', paired as 'shop-server' and shown in the window. */
    private void showOtherEngine(FxRobot robot) throws Exception {
        new SettingsStore(other).update(s -> s.withTor(s.tor().withExtraTorrcLines(GuiFixture.OFFLINE))
                .withServices(new ArrayList<>(List.of(GuiFixture.service("shop", 80, "127.0.0.1:8001")))));
        otherEngine = new LocalPanelEngine(other);
        otherEngine.start();
        new KnownRemotes(desktop).add("shop-server", pairOnServer("laptop").text());
        // The remote engine through its own socket: everything after the connection is as through the onion.
        open(model -> name -> AttachedPanelEngine.attachIfRunning(other, null)
                .orElseThrow(() -> new IOException("no engine on " + other)));
        FxWait.until("the paired panel listed", () -> chooser(robot).getItems().size() == 2);

        robot.clickOn("#panel-chooser").type(KeyCode.DOWN).type(KeyCode.ENTER);
        FxWait.until("the remote dashboard", Duration.ofSeconds(30), () -> visible(robot, "#remote-service-card-shop"));
    }

    private static TabPane shownTabs(FxRobot robot) {
        return robot.lookup("#main-tabs").queryAll().stream().filter(n -> n.getScene() != null)
                .map(TabPane.class::cast).findFirst().orElseThrow();
    }

    private static Tab tab(TabPane tabs, String page) {
        return tabs.getTabs().stream().filter(t -> t.getText().equals(page)).findFirst().orElseThrow();
    }

    @Test
    void theChooserShowsAnotherEnginesServicesKeepsTheEditorsAwayAndForgets(FxRobot robot) throws Exception {
        showOtherEngine(robot);
        FxWait.until("the address", Duration.ofSeconds(30), () -> otherEngine.services().stream()
                .map(ServiceStatus::onion).anyMatch(o -> o != null && o.equals(text(robot, "#remote-service-address-shop"))));
        assertTrue(robot.lookup(".dashboard").queryAll().stream().anyMatch(n -> n instanceof RemoteDashboardView && n.getScene() != null));
        assertFalse(visible(robot, "#service-card-web"), "not this desktop's services");
        assertFalse(visible(robot, "#tor-stop"), "a remote tor is not stopped from here");
        assertEquals("Connected", text(robot, "#panel-state"));

        TabPane tabs = shownTabs(robot);
        Tab settings = tab(tabs, "Settings");
        robot.interact(() -> tabs.getSelectionModel().select(settings));
        FxWait.until("the server's settings, through its actions", () -> settings.getContent() instanceof RemoteSettingsView);
        Tab balance = tab(tabs, "Load balancing");
        robot.interact(() -> tabs.getSelectionModel().select(balance));
        FxWait.until("the server's load balancing, through its actions: none there", Duration.ofSeconds(30),
                () -> balance.getContent() instanceof RemoteBalanceView && visible(robot, "#remote-balance-empty"));
        assertTrue(text(robot, "#remote-balance-empty").contains("No load-balanced service on 'shop-server'"),
                text(robot, "#remote-balance-empty"));
        Tab services = tab(tabs, "Services");
        robot.interact(() -> tabs.getSelectionModel().select(services));
        FxWait.until("the server's services, through its actions", () -> services.getContent() instanceof RemoteServicesView);
        Tab clients = tab(tabs, "Clients");
        robot.interact(() -> tabs.getSelectionModel().select(clients));
        FxWait.until("the server's clients, through its actions", () -> clients.getContent() instanceof RemoteClientsView);
        Tab health = tabs.getTabs().stream().filter(t -> t.getText().equals("Health")).findFirst().orElseThrow();
        robot.interact(() -> tabs.getSelectionModel().select(health));
        FxWait.until("the remote engine's health page", () -> health.getContent() instanceof MonitorPage);

        robot.interact(() -> window.select(null));
        FxWait.until("this computer again", () -> visible(robot, "#service-card-web"));

        robot.interact(() -> window.select("shop-server"));
        robot.clickOn("#remote-forget");
        FxWait.until("the confirmation", () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        Node ok = robot.lookup(".dialog-pane .button").queryAll().stream()
                .filter(n -> n instanceof javafx.scene.control.Button b && b.getText().equals("Forget")).findFirst().orElseThrow();
        robot.clickOn(ok);
        FxWait.until("forgotten", () -> chooser(robot).getItems().size() == 1);
        assertTrue(new KnownRemotes(desktop).names().isEmpty(), "its pairing code is deleted");
        assertTrue(visible(robot, "#service-card-web"), "back on this computer");
    }

    @Test
    void theServicesPageAddsEditsRenamesAndRemovesServicesOnTheOtherEngineOnly(FxRobot robot) throws Exception {
        showOtherEngine(robot);
        byte[] desktopSettings = Files.readAllBytes(desktop.resolve(SettingsStore.FILE_NAME));
        TabPane tabs = shownTabs(robot);
        robot.interact(() -> tabs.getSelectionModel().select(tab(tabs, "Services")));
        FxWait.until("the server's service listed", Duration.ofSeconds(30), () -> names(robot).equals(List.of("shop")));

        // Refused by the check the engine makes too: said, nothing sent or changed.
        robot.clickOn("#remote-service-name").write("blog");
        robot.clickOn("#remote-service-ports").write("80=nowhere");
        robot.clickOn("#remote-service-add");
        FxWait.until("the refusal", () -> !text(robot, "#remote-services-error").isEmpty());
        assertEquals(List.of("shop"), otherServices());

        // Refused by the server's engine (a name taken): its message shown, nothing changed.
        robot.interact(() -> {
            robot.lookup("#remote-service-name").queryAs(TextField.class).setText("shop");
            robot.lookup("#remote-service-ports").queryAs(TextField.class).setText("80=127.0.0.1:8002");
        });
        robot.clickOn("#remote-service-add");
        FxWait.until("the server's refusal", () -> text(robot, "#remote-services-error").contains("shop"));
        SceneShots.shoot(robot, window.getScene(), "remote-services-refused");
        assertEquals(List.of("shop"), otherServices());

        robot.interact(() -> robot.lookup("#remote-service-name").queryAs(TextField.class).setText("blog"));
        robot.clickOn("#remote-service-add");
        FxWait.until("added on the server", Duration.ofSeconds(30), () -> otherServices().equals(List.of("shop", "blog")));
        FxWait.until("listed", () -> names(robot).equals(List.of("shop", "blog")));
        assertEquals("", text(robot, "#remote-services-error"));

        select(robot, "blog");
        robot.interact(() -> robot.lookup("#remote-service-edit-ports").queryAs(TextField.class)
                .setText("80=127.0.0.1:8002, 443=127.0.0.1:8443"));
        robot.clickOn("#remote-service-save-ports");
        FxWait.until("its ports changed on the server", Duration.ofSeconds(30), () -> !text(robot, "#remote-services-error").isEmpty()
                || otherService("blog").map(b -> b.ports().size() == 2 && b.ports().get(1).virtualPort() == 443).orElse(false));
        assertEquals("", text(robot, "#remote-services-error"));
        robot.clickOn("#remote-service-toggle");
        FxWait.until("disabled on the server", Duration.ofSeconds(30),
                () -> otherService("blog").map(b -> !b.enabled()).orElse(false));
        SceneShots.shoot(robot, window.getScene(), "remote-services");

        robot.clickOn("#remote-service-rename");
        FxWait.until("the new name asked", () -> robot.lookup("#remote-service-new-name").tryQuery().isPresent());
        robot.interact(() -> robot.lookup("#remote-service-new-name").queryAs(TextField.class).setText("journal"));
        robot.clickOn(robot.lookup(".dialog-pane .button").queryAll().stream()
                .filter(n -> n instanceof javafx.scene.control.Button b && b.isDefaultButton()).findFirst().orElseThrow());
        FxWait.until("renamed on the server", Duration.ofSeconds(30), () -> otherServices().equals(List.of("shop", "journal")));
        FxWait.until("listed renamed", () -> names(robot).equals(List.of("shop", "journal")));

        select(robot, "journal");
        robot.clickOn("#remote-service-remove");
        FxWait.until("the confirmation", () -> robot.lookup("#remote-service-remove-confirm").tryQuery().isPresent());
        String question = robot.lookup("#remote-service-remove-confirm").queryAs(javafx.scene.control.DialogPane.class).getContentText();
        assertTrue(question.contains("journal") && question.contains("removed folder"), question);
        robot.clickOn(robot.lookup(".dialog-pane .button").queryAll().stream()
                .filter(n -> n instanceof javafx.scene.control.Button b && b.getText().equals("OK")).findFirst().orElseThrow());
        FxWait.until("removed on the server", Duration.ofSeconds(30), () -> otherServices().equals(List.of("shop")));
        FxWait.until("gone from the list", () -> names(robot).equals(List.of("shop")));
        assertTrue(Files.isDirectory(other.resolve("removed")), "its keys kept in the server's removed folder");

        assertArrayEquals(desktopSettings, Files.readAllBytes(desktop.resolve(SettingsStore.FILE_NAME)),
                "this desktop's own settings unchanged");
        assertFalse(Files.exists(desktop.resolve("removed")), "nothing removed here");
    }

    @Test
    void theClientsPageAddsAGeneratedAndAGivenClientOnTheServerAndRemovesOne(FxRobot robot) throws Exception {
        showOtherEngine(robot);
        TabPane tabs = shownTabs(robot);
        robot.interact(() -> tabs.getSelectionModel().select(tab(tabs, "Clients")));
        FxWait.until("the service chosen", Duration.ofSeconds(30), () -> "shop".equals(
                robot.lookup("#remote-clients-service").queryAs(ComboBox.class).getValue()));
        FxWait.until("its address on the server", Duration.ofSeconds(30), () -> otherEngine.services().stream()
                .anyMatch(st -> st.name().equals("shop") && st.onion() != null));

        // A key that is not one: refused here, nothing sent.
        robot.clickOn("#remote-client-name").write("phone");
        robot.clickOn("#remote-client-public-key").write("not-a-key");
        robot.clickOn("#remote-client-add");
        FxWait.until("the refusal", () -> !text(robot, "#remote-clients-error").isEmpty());
        assertTrue(otherClients().isEmpty());

        // Generated on this desktop: the credential shown once here, only the public key on the server.
        robot.interact(() -> robot.lookup("#remote-client-public-key").queryAs(TextField.class).clear());
        robot.clickOn("#remote-client-add");
        FxWait.until("the credential", Duration.ofSeconds(30), () -> robot.lookup("#client-credential-dialog").tryQuery().isPresent());
        String privateKey = robot.lookup("#credential-key").queryAs(TextField.class).getText();
        assertFalse(robot.lookup("#credential-keep").query().isVisible(), "not kept anywhere: the server never had it");
        robot.clickOn(robot.lookup("#client-credential-dialog .button").queryAll().stream()
                .filter(n -> n instanceof javafx.scene.control.Button b && b.getText().equals("Close")).findFirst().orElseThrow());
        FxWait.until("added on the server", Duration.ofSeconds(30), () -> otherClients().size() == 1);
        var phone = otherClients().get(0);
        assertEquals("phone", phone.name());
        assertEquals(io.onionpanel.auth.ClientKeys.publicKeyOf(privateKey), phone.publicKey());
        assertFalse(containsText(other, privateKey), "the private key is nowhere in the server's data folder");

        // The client's own public key.
        String laptopKey = io.onionpanel.auth.ClientKeys.generate().publicKey();
        robot.interact(() -> {
            robot.lookup("#remote-client-name").queryAs(TextField.class).setText("laptop");
            robot.lookup("#remote-client-public-key").queryAs(TextField.class).setText(laptopKey);
        });
        robot.clickOn("#remote-client-add");
        FxWait.until("the second on the server", Duration.ofSeconds(30), () -> otherClients().size() == 2);
        @SuppressWarnings("unchecked")
        javafx.scene.control.TableView<io.onionpanel.settings.AuthorizedClient> table =
                robot.lookup("#remote-clients-table").queryAs(javafx.scene.control.TableView.class);
        FxWait.until("both listed", () -> table.getItems().size() == 2);
        SceneShots.shoot(robot, window.getScene(), "remote-clients");

        robot.interact(() -> table.getSelectionModel().select(table.getItems().stream()
                .filter(c -> c.name().equals("phone")).findFirst().orElseThrow()));
        robot.clickOn("#remote-client-remove");
        FxWait.until("the confirmation", () -> robot.lookup("#remote-client-remove-confirm").tryQuery().isPresent());
        String question = robot.lookup("#remote-client-remove-confirm").queryAs(javafx.scene.control.DialogPane.class).getContentText();
        assertTrue(question.contains("'phone' loses access"), question);
        robot.clickOn(robot.lookup(".dialog-pane .button").queryAll().stream()
                .filter(n -> n instanceof javafx.scene.control.Button b && b.getText().equals("OK")).findFirst().orElseThrow());
        FxWait.until("removed on the server", Duration.ofSeconds(30), () -> otherClients().stream()
                .map(io.onionpanel.settings.AuthorizedClient::name).toList().equals(List.of("laptop")));
        FxWait.until("one listed", () -> table.getItems().size() == 1);

        // Added on the server by someone else (its console), tor offline: the engine's 'settings' event, nobody clicks.
        otherEngine.actions().addClient("shop", "tablet", io.onionpanel.auth.ClientKeys.generate().publicKey(), null);
        FxWait.until("the server's own addition listed", Duration.ofSeconds(30), () -> table.getItems().stream()
                .map(io.onionpanel.settings.AuthorizedClient::name).toList().contains("tablet"));
    }

    @Test
    void theDefencesOfAServiceOfTheServerAreEditedInTheSameFormAsHere(FxRobot robot) throws Exception {
        showOtherEngine(robot);
        TabPane tabs = shownTabs(robot);
        robot.interact(() -> tabs.getSelectionModel().select(tab(tabs, "Services")));
        FxWait.until("the server's service listed", Duration.ofSeconds(30), () -> names(robot).equals(List.of("shop")));
        io.onionpanel.settings.DosDefenses before = otherService("shop").orElseThrow().defenses();
        select(robot, "shop");
        robot.clickOn("#remote-service-defenses");
        FxWait.until("the form", () -> robot.lookup("#remote-defenses").tryQuery().isPresent());
        assertEquals(before.pow(), robot.lookup("#dos-pow").queryAs(javafx.scene.control.CheckBox.class).isSelected(),
                "the server's current defences are shown");
        io.onionpanel.defense.PowSupport serverPow = otherEngine.actions().settings().pow();
        assertEquals(serverPow.reason(), text(robot, "#dos-pow-reason").substring(text(robot, "#dos-pow-reason").indexOf(": ") + 2),
                "proof-of-work offered as the server's tor can run it, in its engine's words");
        assertEquals(!serverPow.available() && !before.pow(), robot.lookup("#dos-pow").query().isDisabled());

        // Out of tor's range: refused in the dialog, which stays open; nothing sent.
        robot.interact(() -> robot.lookup("#dos-max-streams").queryAs(TextField.class).setText("70000"));
        robot.clickOn("#remote-defenses-confirm");
        FxWait.until("the refusal", () -> !text(robot, "#remote-defenses-error").isEmpty());
        SceneShots.shoot(robot, robot.lookup("#remote-defenses").query().getScene(), "remote-defenses");
        assertEquals(before, otherService("shop").orElseThrow().defenses());

        robot.interact(() -> {
            robot.lookup("#dos-max-streams").queryAs(TextField.class).setText("50");
            robot.lookup("#dos-close-circuit").queryAs(javafx.scene.control.CheckBox.class).setSelected(true);
        });
        robot.clickOn("#remote-defenses-confirm");
        FxWait.until("saved on the server", Duration.ofSeconds(30), () -> {
            io.onionpanel.settings.DosDefenses d = otherService("shop").orElseThrow().defenses();
            return Integer.valueOf(50).equals(d.maxStreams()) && d.maxStreamsCloseCircuit();
        });
        io.onionpanel.settings.DosDefenses after = otherService("shop").orElseThrow().defenses();
        assertEquals(before.withMaxStreams(50, true), after, "only what was changed");
    }

    @Test
    void theSettingsPageShowsHowTheServersTorConnectsAndSetsItsSocksPort(FxRobot robot) throws Exception {
        showOtherEngine(robot);
        byte[] desktopSettings = Files.readAllBytes(desktop.resolve(SettingsStore.FILE_NAME));
        TabPane tabs = shownTabs(robot);
        robot.interact(() -> tabs.getSelectionModel().select(tab(tabs, "Settings")));
        FxWait.until("the server's connection", Duration.ofSeconds(30), () -> visible(robot, "#remote-settings-connection")
                && text(robot, "#remote-settings-connection").equals("direct"));
        assertEquals("now: auto (none)", text(robot, "#remote-settings-socks-now"));

        robot.clickOn("#remote-settings-socks-port").write("80");
        robot.clickOn("#remote-settings-socks-save");
        FxWait.until("the refusal", () -> !text(robot, "#remote-settings-error").isEmpty());
        assertTrue(text(robot, "#remote-settings-error").contains("1024 to 65535"), text(robot, "#remote-settings-error"));
        assertEquals(0, new SettingsStore(other).load().tor().fixedSocksPort(), "nothing sent");

        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        robot.interact(() -> robot.lookup("#remote-settings-socks-port").queryAs(TextField.class).setText(Integer.toString(port)));
        robot.clickOn("#remote-settings-socks-save");
        FxWait.until("set on the server", Duration.ofSeconds(30), () -> new SettingsStore(other).load().tor().fixedSocksPort() == port);
        FxWait.until("shown", () -> text(robot, "#remote-settings-socks-now").equals("now: 127.0.0.1:" + port));
        assertTrue(text(robot, "#remote-settings-error").isEmpty(), text(robot, "#remote-settings-error"));
        SceneShots.shoot(robot, window.getScene(), "remote-settings");

        // Changed on the server (its console): the page follows the engine's 'settings' event.
        otherEngine.actions().putSettings(0, null);
        FxWait.until("the server's own change shown", Duration.ofSeconds(30),
                () -> text(robot, "#remote-settings-socks-now").equals("now: auto (none)")
                        && robot.lookup("#remote-settings-socks-port").queryAs(TextField.class).getText().isEmpty());
        assertArrayEquals(desktopSettings, Files.readAllBytes(desktop.resolve(SettingsStore.FILE_NAME)),
                "this desktop's own settings are untouched");
    }

    private List<io.onionpanel.settings.AuthorizedClient> otherClients() {
        return otherService("shop").orElseThrow().clientAuth().clients();
    }

    private static boolean containsText(Path dir, String text) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                try {
                    if (new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1).contains(text)) {
                        return true;
                    }
                } catch (java.nio.file.NoSuchFileException gone) {
                    // tor replaced it meanwhile (its state, a cache): the new one is read on the next look
                }
            }
        }
        return false;
    }

    @Test
    void aServiceOfTheServerIsBackedUpToThisComputerEncryptedAndRestoredFromIt(FxRobot robot) throws Exception {
        showOtherEngine(robot);
        TabPane tabs = shownTabs(robot);
        robot.interact(() -> tabs.getSelectionModel().select(tab(tabs, "Services")));
        FxWait.until("the server's address of 'shop'", Duration.ofSeconds(30), () -> names(robot).equals(List.of("shop"))
                && servicesTable(robot).getItems().get(0).onion() != null);
        String address = servicesTable(robot).getItems().get(0).onion();
        Path saved = Files.createTempDirectory(other, "saved-").resolve("shop.onionbackup");

        select(robot, "shop");
        robot.clickOn("#remote-service-export");
        FxWait.until("the export dialog", () -> robot.lookup("#export-dialog").tryQuery().isPresent());
        String note = text(robot, "#export-remote-note");
        assertTrue(note.contains("encrypted") && note.contains("shop-server"), note);
        assertFalse(visible(robot, "#export-plain"), "keys leave an engine encrypted only");
        robot.interact(() -> {
            robot.lookup("#export-file").queryAs(TextField.class).setText(saved.toString());
            robot.lookup("#export-passphrase").queryAs(PasswordField.class).setText("short");
            robot.lookup("#export-confirm").queryAs(PasswordField.class).setText("short");
        });
        javafx.scene.control.Button export = robot.lookup("#export-dialog .button").queryAll().stream()
                .filter(n -> n instanceof javafx.scene.control.Button b && b.getText().equals("Export"))
                .map(javafx.scene.control.Button.class::cast).findFirst().orElseThrow();
        assertTrue(export.isDisabled(), "a weak passphrase is not taken");
        robot.interact(() -> {
            robot.lookup("#export-passphrase").queryAs(PasswordField.class).setText("correct horse battery staple");
            robot.lookup("#export-confirm").queryAs(PasswordField.class).setText("correct horse battery staple");
        });
        robot.clickOn(export);
        FxWait.until("saved on this computer", Duration.ofSeconds(90), () -> robot.lookup("#export-dialog").tryQuery().isEmpty());
        try (io.onionpanel.backup.ServiceKeys keys = io.onionpanel.backup.BackupFile.open(saved)
                .read("correct horse battery staple".toCharArray())) {
            assertEquals(address, keys.address());
        }

        // Removed on the server, then restored there from the file on this computer: the same address again.
        otherEngine.actions().removeService("shop");
        FxWait.until("gone", Duration.ofSeconds(30), () -> names(robot).isEmpty());
        SceneShots.shoot(robot, window.getScene(), "remote-services-empty");
        robot.clickOn("#remote-service-restore");
        FxWait.until("the restore dialog", () -> robot.lookup("#remote-restore-dialog").tryQuery().isPresent());
        robot.interact(() -> {
            robot.lookup("#remote-restore-file").queryAs(TextField.class).setText(saved.toString());
            robot.lookup("#remote-restore-passphrase").queryAs(PasswordField.class).setText("wrong passphrase here");
        });
        javafx.scene.control.Button restore = robot.lookup("#remote-restore-dialog .button").queryAll().stream()
                .filter(n -> n instanceof javafx.scene.control.Button b && b.getText().equals("Restore"))
                .map(javafx.scene.control.Button.class::cast).findFirst().orElseThrow();
        robot.clickOn(restore);
        FxWait.until("the server's refusal", Duration.ofSeconds(90), () -> !text(robot, "#remote-restore-error").isEmpty());
        assertTrue(otherServices().isEmpty(), "nothing restored with a wrong passphrase");
        robot.interact(() -> robot.lookup("#remote-restore-passphrase").queryAs(PasswordField.class)
                .setText("correct horse battery staple"));
        robot.clickOn(restore);
        FxWait.until("restored on the server", Duration.ofSeconds(90), () -> otherServices().equals(List.of("shop")));
        FxWait.until("listed with its address", Duration.ofSeconds(30), () -> names(robot).equals(List.of("shop"))
                && address.equals(servicesTable(robot).getItems().get(0).onion()));
    }

    @SuppressWarnings("unchecked")
    private static javafx.scene.control.TableView<io.onionpanel.onion.ServiceInfo> servicesTable(FxRobot robot) {
        return robot.lookup("#remote-services-table").queryAs(javafx.scene.control.TableView.class);
    }

    private static List<String> names(FxRobot robot) {
        return servicesTable(robot).getItems().stream().map(io.onionpanel.onion.ServiceInfo::name).toList();
    }

    private static void select(FxRobot robot, String service) {
        var table = servicesTable(robot);
        robot.interact(() -> table.getSelectionModel().select(table.getItems().stream()
                .filter(s -> s.name().equals(service)).findFirst().orElseThrow()));
    }

    private List<String> otherServices() {
        return new SettingsStore(other).load().services().stream().map(io.onionpanel.settings.ServiceConfig::name).toList();
    }

    private java.util.Optional<io.onionpanel.settings.ServiceConfig> otherService(String name) {
        return new SettingsStore(other).load().services().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    private static void delete(Path dir) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
                return;
            } catch (IOException e) {
                if (attempt == 5) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }
}
