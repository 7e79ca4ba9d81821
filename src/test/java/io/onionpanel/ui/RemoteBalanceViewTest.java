package io.onionpanel.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.actions.LocalPanelActions;
import io.onionpanel.actions.PanelActions;
import io.onionpanel.balance.BackendHealth;
import io.onionpanel.balance.BalancedServices;
import io.onionpanel.balance.JoinCode;
import io.onionpanel.balance.TestOnions;
import io.onionpanel.settings.SettingsStore;
import io.onionpanel.ui.common.Notifier;
import io.onionpanel.ui.remote.RemoteBalanceView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The Load balancing page of a remote panel, on the actions the server's engine runs (its data folder here, without
 * the socket in between: BalanceThroughEngineTest covers that): the empty state, the frontend's backends with their
 * state in words, Make a frontend…, Copy join code, Add backend… refusing a bad address in the dialog (nothing sent) and the server's
 * refusal in the page, Remove… after a confirmation, and the error state of a panel that cannot be read.
 */
@ExtendWith(ApplicationExtension.class)
class RemoteBalanceViewTest {
    @TempDir
    Path server;
    private Scene scene;

    private RemoteBalanceView open(Supplier<PanelActions> actions) throws Exception {
        RemoteBalanceView[] view = new RemoteBalanceView[1];
        FxToolkit.setupStage(stage -> {
            view[0] = new RemoteBalanceView(actions, new Notifier(), "home");
            scene = new Scene(view[0], 1024, 600);
            scene.getStylesheets().add(SceneShots.css("panel.css"));
            stage.setScene(scene);
            stage.show();
        });
        return view[0];
    }

    @Test
    void showsAddsAndRemovesTheFrontendsBackends(FxRobot robot) throws Exception {
        PanelActions actions = new LocalPanelActions(server);
        open(() -> actions);
        FxWait.until("the empty state", () -> shown(robot, "#remote-balance-empty"));
        assertTrue(text(robot, "#remote-balance-empty").contains("onion-panel balance frontend NAME"));
        SceneShots.shoot(robot, scene, "remote-balance-empty");

        // Make a frontend…: a mapping refused in the dialog (nothing sent), then a new service made on the server.
        robot.clickOn("#remote-balance-make");
        FxWait.until("the dialog", () -> robot.lookup("#remote-balance-frontend-name").tryQuery().isPresent());
        robot.interact(() -> {
            robot.lookup("#remote-balance-frontend-name").queryAs(TextField.class).setText("lb");
            robot.lookup("#remote-balance-frontend-port").queryAs(TextField.class).setText("80=nowhere");
        });
        robot.clickOn("#remote-balance-make-confirm");
        FxWait.until("the dialog's refusal", () -> !text(robot, "#remote-balance-make-error").isEmpty());
        assertTrue(new SettingsStore(server).load().service("lb").isEmpty(), "nothing sent");
        robot.interact(() -> robot.lookup("#remote-balance-frontend-port").queryAs(TextField.class).setText("80=127.0.0.1:9"));
        robot.clickOn("#remote-balance-make-confirm");
        FxWait.until("the new frontend shown", () -> shown(robot, "#remote-balance-table"));
        assertTrue(new SettingsStore(server).load().service("lb").orElseThrow().balance().frontendRole());
        assertTrue(!shown(robot, "#remote-balance-make"), "one frontend per panel");
        BalancedServices balanced = new BalancedServices(server);
        String alpha = TestOnions.address(21);
        String bravo = TestOnions.address(22);
        balanced.addBackend("lb", alpha);
        Path health = server.resolve("onionbalance/health.json");
        Files.createDirectories(health.getParent());
        Files.writeString(health, "{\"service\": \"lb\", \"onionbalance\": \"running\", \"publishedIntro\": 2,"
                + " \"updatedMillis\": 1, \"backends\": [{\"address\": \"" + alpha + "\", \"fetched\": true,"
                + " \"introPoints\": 3, \"inPublished\": true, \"lastSeenMillis\": 1764755000000, \"live\": true}]}");
        robot.clickOn("#remote-balance-refresh");
        FxWait.until("the frontend", () -> shown(robot, "#remote-balance-table") && table(robot).getItems().size() == 1);
        assertTrue(!shown(robot, "#remote-balance-empty"), "no empty state beside the frontend");
        assertTrue(text(robot, "#remote-balance-frontend").contains(balanced.address("lb").orElseThrow()));
        assertTrue(text(robot, "#remote-balance-summary").contains("Onionbalance: running"), text(robot, "#remote-balance-summary"));
        assertTrue(text(robot, "#remote-balance-summary").contains("live: 1 of 1"), text(robot, "#remote-balance-summary"));
        assertEquals("live", table(robot).getItems().get(0).state());

        robot.clickOn("#remote-balance-copy-code");
        FxWait.until("the join command", () -> shown(robot, "#remote-balance-join-command"));
        String command = text(robot, "#remote-balance-join-command");
        String code = "obpanel1-" + io.onionpanel.onion.OnionAddress.bare(balanced.address("lb").orElseThrow());
        assertTrue(command.contains("onion-panel backend join " + code + " --port 80=127.0.0.1:"), command);
        String[] copied = new String[1];
        robot.interact(() -> copied[0] = Clipboard.getSystemClipboard().getString());
        assertEquals(balanced.address("lb").orElseThrow(), JoinCode.parse(copied[0]).frontend());

        byte[] before = new SettingsStore(server).readBytes();
        robot.clickOn("#remote-balance-add");
        FxWait.until("the dialog", () -> robot.lookup("#remote-balance-add-address").tryQuery().isPresent());
        robot.interact(() -> robot.lookup("#remote-balance-add-address").queryAs(TextField.class)
                .setText(bravo.replace(".onion", "\".onion")));
        robot.clickOn("#remote-balance-add-confirm");
        FxWait.until("the dialog's refusal", () -> !text(robot, "#remote-balance-add-error").isEmpty());
        assertTrue(text(robot, "#remote-balance-add-error").contains("may hold only the letters a-z"),
                text(robot, "#remote-balance-add-error"));
        assertArrayEquals(before, new SettingsStore(server).readBytes(), "nothing sent, nothing changed");
        robot.interact(() -> robot.lookup("#remote-balance-add-address").queryAs(TextField.class).setText(bravo));
        robot.clickOn("#remote-balance-add-confirm");
        FxWait.until("two backends", () -> table(robot).getItems().size() == 2);
        assertEquals(List.of(alpha, bravo), new SettingsStore(server).load().service("lb").orElseThrow().balance().backends());
        BackendHealth second = table(robot).getItems().get(1);
        assertEquals("waiting", second.state(), "no check of it yet");
        SceneShots.shoot(robot, scene, "remote-balance");

        robot.clickOn("#remote-balance-add");
        FxWait.until("the dialog", () -> robot.lookup("#remote-balance-add-address").tryQuery().isPresent());
        robot.interact(() -> robot.lookup("#remote-balance-add-address").queryAs(TextField.class).setText(alpha));
        robot.clickOn("#remote-balance-add-confirm");
        FxWait.until("the server's refusal", () -> text(robot, "#remote-balance-error").contains("already listed"));

        robot.interact(() -> table(robot).getSelectionModel().select(1));
        robot.clickOn("#remote-balance-remove");
        FxWait.until("the confirmation", () -> robot.lookup("#remote-balance-remove-confirm").tryQuery().isPresent());
        robot.clickOn(robot.lookup(".button").match((Node n) -> n instanceof javafx.scene.control.Button b
                && "Cancel".equals(b.getText())).queryButton());
        FxWait.until("cancelled", () -> robot.lookup("#remote-balance-remove-confirm").tryQuery().isEmpty());
        assertEquals(2, new SettingsStore(server).load().service("lb").orElseThrow().balance().backends().size());
        robot.clickOn("#remote-balance-remove");
        FxWait.until("the confirmation", () -> robot.lookup("#remote-balance-remove-confirm").tryQuery().isPresent());
        robot.clickOn(robot.lookup(".button").match((Node n) -> n instanceof javafx.scene.control.Button b
                && "OK".equals(b.getText())).queryButton());
        FxWait.until("one backend left", () -> table(robot).getItems().size() == 1);
        assertEquals(List.of(alpha), new SettingsStore(server).load().service("lb").orElseThrow().balance().backends());
        assertTrue(text(robot, "#remote-balance-error").isEmpty(), "the last change went through");
    }

    @Test
    void aPanelThatCannotBeReadSaysSo(FxRobot robot) throws Exception {
        open(() -> {
            String closed = "the connection to 'home' is closed"; // as RemotePanelActions says a lost connection
            throw new UncheckedIOException(closed, new IOException(closed));
        });
        FxWait.until("the error state", () -> !text(robot, "#remote-balance-error").isEmpty());
        assertTrue(text(robot, "#remote-balance-error").contains("Could not read the load balancing of 'home'"),
                text(robot, "#remote-balance-error"));
        assertTrue(text(robot, "#remote-balance-error").endsWith(": the connection to 'home' is closed"),
                text(robot, "#remote-balance-error"));
        assertTrue(!shown(robot, "#remote-balance-table") && !shown(robot, "#remote-balance-empty"),
                "neither a frontend nor 'none' is made up");
        SceneShots.shoot(robot, scene, "remote-balance-error");
    }

    @SuppressWarnings("unchecked")
    private static TableView<BackendHealth> table(FxRobot robot) {
        return robot.lookup("#remote-balance-table").queryAs(TableView.class);
    }

    private static boolean shown(FxRobot robot, String id) {
        return robot.lookup(id).tryQuery().map(n -> {
            for (Node p = n; p != null; p = p.getParent()) {
                if (!p.isVisible()) {
                    return false;
                }
            }
            return true;
        }).orElse(false);
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }
}
