package io.onionpanel.ui;

import io.onionpanel.common.DataFolder;
import io.onionpanel.ui.common.Notifier;
import io.onionpanel.ui.model.PanelModel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.application.Application;

/**
 * Starts the window; called by name from Main and the CLI, which stay free of JavaFX. While the JavaFX
 * toolkit starts, a second thread reads the settings and loads the view classes, so the window appears
 * sooner on a multi-core machine.
 */
public final class DesktopLauncher {
    private static volatile CompletableFuture<PanelModel> preparedModel;

    private DesktopLauncher() {
    }

    public static void launch(String[] args) {
        String configured = System.getProperty(OnionPanelApp.DATA_DIR_PROPERTY);
        launch(configured != null ? Path.of(configured) : DataFolder.defaultLocation());
    }

    public static void launch(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        System.setProperty(OnionPanelApp.DATA_DIR_PROPERTY, dir.toString());
        preparedModel = CompletableFuture.supplyAsync(() -> {
            PanelModel model = PanelModel.forDesktop(dir, new Notifier());
            model.loadSettingsAndWatch();
            preloadViewClasses();
            return model;
        });
        Application.launch(OnionPanelApp.class);
    }

    /** The model prepared in parallel with the toolkit, if this launcher started the app. */
    static PanelModel takePreparedModel() {
        CompletableFuture<PanelModel> f = preparedModel;
        preparedModel = null;
        return f == null ? null : f.join();
    }

    private static void preloadViewClasses() {
        ClassLoader loader = DesktopLauncher.class.getClassLoader();
        // Only what the first frame needs; the other pages are built when opened.
        for (String name : List.of("io.onionpanel.ui.MainWindow", "io.onionpanel.ui.firstrun.FirstRunView",
                "io.onionpanel.ui.dashboard.DashboardView", "io.onionpanel.ui.dashboard.ServiceCard",
                "javafx.scene.control.TabPane", "javafx.scene.control.skin.TabPaneSkin",
                "javafx.scene.control.skin.TextFieldSkin", "javafx.scene.control.skin.ButtonSkin",
                "javafx.scene.control.skin.ProgressBarSkin", "javafx.scene.control.skin.LabelSkin")) {
            try {
                // Load without initialising: static initialisers may need the toolkit.
                Class.forName(name, false, loader);
            } catch (ClassNotFoundException ignored) {
                // A missing optional class only costs the time it would have saved.
            }
        }
    }
}
