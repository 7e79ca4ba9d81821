package io.onionpanel.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.balance.BalancedServices;
import io.onionpanel.balance.TestOnions;
import io.onionpanel.control.ControlProtocol;
import io.onionpanel.control.LocalPanelEngine;
import io.onionpanel.settings.SettingsStore;
import io.onionpanel.ui.common.Notifier;
import io.onionpanel.ui.model.PanelModel;
import io.onionpanel.ui.remote.RemoteBalanceView;
import io.onionpanel.ui.remote.RemoteServicesView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The window pointed at another engine's socket ({@code --attach-system}, a member of the system service's group):
 * its Services page is that engine's, through its actions, never this user's own data folder; a service added there
 * lands in that engine's settings, and so does a backend added on its Load balancing page.
 */
@ExtendWith(ApplicationExtension.class)
class AttachSystemWindowTest {
    private final List<Path> folders = new ArrayList<>();
    private LocalPanelEngine system;
    private PanelModel model;

    @AfterEach
    void close() throws Exception {
        ControlProtocol.useEngineSocket(null);
        if (model != null) {
            model.shutdown(false);
        }
        if (system != null) {
            system.close();
        }
        for (Path dir : folders) {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void theServicesPageIsTheOtherEnginesThroughItsActions(FxRobot robot) throws Exception {
        Path own = Files.createTempDirectory("onion-panel-member-");
        Path service = Files.createTempDirectory("onion-panel-system-");
        folders.addAll(List.of(own, service));
        new SettingsStore(own).update(s -> s.withServices(List.of(GuiFixture.service("mine", 80, "127.0.0.1:8000"))));
        new SettingsStore(service).update(s -> s.withTor(s.tor().withExtraTorrcLines(GuiFixture.OFFLINE))
                .withServices(new ArrayList<>(List.of(GuiFixture.service("shop", 80, "127.0.0.1:8001")))));
        system = new LocalPanelEngine(service);
        system.start();
        ControlProtocol.useEngineSocket(ControlProtocol.ownSocket(service));

        model = PanelModel.forDesktop(own, new Notifier());
        assertEquals(PanelModel.SYSTEM_PANEL, model.managedPanelName().orElseThrow());
        assertTrue(model.remoteName().isEmpty(), "not a remote panel");
        model.loadSettingsAndWatch();
        MainWindow[] main = new MainWindow[1];
        FxToolkit.setupStage(stage -> {
            // The member's own folder has no service, which would be a first run: no first-run form (it writes
            // this user's folder), the tabs of the system service instead.
            main[0] = new MainWindow(model, true, theme -> { });
            Scene scene = new Scene(main[0], 1024, 700);
            stage.setScene(scene);
            stage.show();
        });
        assertTrue(robot.lookup("#welcome").tryQuery().isEmpty(), "no first-run form for the system service");
        assertEquals("System service", main[0].panelLabel());
        robot.interact(() -> main[0].select("services"));
        FxWait.until("the system service's services page", Duration.ofSeconds(30), () -> robot.lookup("#remote-services")
                .tryQuery().isPresent());
        TabPane tabs = robot.lookup("#main-tabs").queryAs(TabPane.class);
        Tab services = tabs.getSelectionModel().getSelectedItem();
        assertTrue(services.getContent() instanceof RemoteServicesView, String.valueOf(services.getContent()));
        FxWait.until("the engine's service listed", Duration.ofSeconds(30), () -> robot.lookup("#remote-services-table")
                .queryTableView().getItems().size() == 1);

        assertFalse(robot.lookup("#remote-service-export").query().isVisible(), "no backups for the group's members");
        assertFalse(robot.lookup("#remote-service-restore").query().isVisible(), "no restores for the group's members");
        robot.clickOn("#remote-service-name").write("blog");
        robot.clickOn("#remote-service-ports").write("80=127.0.0.1:8002");
        robot.clickOn("#remote-service-add");
        FxWait.until("the service added in the system service's folder", Duration.ofSeconds(30),
                () -> new SettingsStore(service).load().service("blog").isPresent());
        assertFalse(new SettingsStore(own).load().service("blog").isPresent(), "nothing written to the member's folder");
        assertTrue(new SettingsStore(own).load().service("mine").isPresent());

        // Load balancing: the system service's frontend (made on its console), a backend added through its actions.
        new BalancedServices(service).makeFrontend("shop", null);
        String backend = TestOnions.address(40);
        Tab balance = tabs.getTabs().stream().filter(t -> t.getText().equals("Load balancing")).findFirst().orElseThrow();
        robot.interact(() -> tabs.getSelectionModel().select(balance));
        FxWait.until("the system service's frontend", Duration.ofSeconds(30), () -> balance.getContent() instanceof RemoteBalanceView
                && robot.lookup("#remote-balance-frontend").queryAs(javafx.scene.control.Label.class).getText().contains("'shop'"));
        robot.clickOn("#remote-balance-add");
        FxWait.until("the dialog", () -> robot.lookup("#remote-balance-add-address").tryQuery().isPresent());
        robot.interact(() -> robot.lookup("#remote-balance-add-address").queryAs(javafx.scene.control.TextField.class)
                .setText(backend));
        robot.clickOn("#remote-balance-add-confirm");
        FxWait.until("the backend listed", Duration.ofSeconds(30), () -> robot.lookup("#remote-balance-table")
                .queryTableView().getItems().size() == 1);
        assertEquals(List.of(backend), new SettingsStore(service).load().service("shop").orElseThrow().balance().backends());
        assertTrue(new SettingsStore(own).load().service("mine").orElseThrow().balance().backends().isEmpty());

        // Its settings are the system service's too: read through the engine, not the member's folder.
        robot.interact(() -> main[0].select("settings"));
        FxWait.until("the system service's settings page", Duration.ofSeconds(30), () -> robot.lookup("#remote-settings-connection")
                .tryQuery().map(n -> ((javafx.scene.control.Label) n).getText().equals("direct")).orElse(false));
        assertTrue(robot.lookup("#remote-settings").query().isVisible());
    }
}
