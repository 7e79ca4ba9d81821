package io.onionpanel.ui.tester;

import io.onionpanel.ui.model.PanelModel;
import io.onionpanel.ui.model.ServiceContext;
import io.onionpanel.ui.share.RemoteShareView;
import io.onionpanel.ui.share.ShareView;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import javafx.stage.Window;

/** A window per service with its endpoint tester and its client set-up ("Test" and "Share" tabs). */
public final class ServiceToolsWindow {
    public static final String TEST = "test";
    public static final String SHARE = "share";

    private ServiceToolsWindow() {
    }

    /**
     * Builds the two tabs for a service; {@code tab} is {@link #TEST} or {@link #SHARE}; {@code showClients} opens
     * the main window's Clients tab (null: none to open).
     */
    public static TabPane content(ServiceContext context, String tab, Runnable showClients) {
        ShareView shareView = new ShareView(context, showClients);
        TabPane tabs = tabs(new TesterView(context), shareView, shareView::refresh, tab);
        // Closing the window clears the tabs: the share view leaves the scene and stops watching Routstr.
        shareView.sceneProperty().addListener((obs, old, scene) -> {
            if (scene == null) {
                shareView.dispose();
            }
        });
        return tabs;
    }

    /** The Test and Share tabs; each reads its service again when shown (its ports may have changed meanwhile). */
    private static TabPane tabs(TesterView testerView, javafx.scene.Node shareView, Runnable refreshShare, String tab) {
        Tab test = new Tab("Test", testerView);
        test.setId("tools-tab-test");
        test.setOnSelectionChanged(e -> {
            if (test.isSelected()) {
                testerView.refreshTarget();
            }
        });
        Tab share = new Tab("Share", shareView);
        share.setId("tools-tab-share");
        share.setOnSelectionChanged(e -> {
            if (share.isSelected()) {
                refreshShare.run();
            }
        });
        TabPane tabs = new TabPane(test, share);
        tabs.setId("tools-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getSelectionModel().select(SHARE.equals(tab) ? share : test);
        return tabs;
    }

    /** Down and to the right of the main window, so both title bars show and the main window is not hidden. */
    static void offsetFrom(Stage stage, Window owner) {
        if (owner != null && !Double.isNaN(owner.getX())) {
            stage.setX(owner.getX() + OFFSET);
            stage.setY(owner.getY() + OFFSET);
        }
    }

    /** About a title bar's height. */
    static final double OFFSET = 48;

    /**
     * The tester and the share view of a service of another machine's panel ({@link ServiceContext#ofRemote}):
     * requests go through this computer's tor, as a visitor's; {@code tab} is {@link #TEST} or {@link #SHARE}.
     */
    public static void showRemote(Window owner, ServiceContext context, PanelModel remote, String tab) {
        String panel = remote.managedPanelName().orElseThrow();
        Stage stage = stage(owner, context.service() + " on " + panel + " — test and share");
        RemoteShareView shareView = new RemoteShareView(context, panel, remote.dataDir(), remote.actions(),
                remote.remoteName().isEmpty());
        TabPane tabs = tabs(new TesterView(context), shareView, shareView::refresh, tab);
        show(stage, owner, tabs);
    }

    public static void show(Window owner, PanelModel model, String service, String tab, Runnable showClients) {
        Stage stage = stage(owner, service + " — test and share");
        // This window stays above the main window it belongs to: it steps aside for the Clients tab.
        TabPane tabs = content(ServiceContext.of(model, service), tab, () -> {
            showClients.run();
            stage.close();
        });
        stage.setOnHidden(e -> tabs.getTabs().clear());
        show(stage, owner, tabs);
    }

    private static Stage stage(Window owner, String title) {
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle(title);
        return stage;
    }

    /** In the main window's theme, offset from it. */
    private static void show(Stage stage, Window owner, javafx.scene.Parent root) {
        Scene scene = new Scene(root, 1024, 700);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        offsetFrom(stage, owner);
        stage.show();
    }
}
