package io.onionpanel.ui;

import io.onionpanel.common.DataFolder;
import io.onionpanel.settings.Settings;
import io.onionpanel.settings.UiSettings;
import io.onionpanel.ui.common.Notifier;
import io.onionpanel.ui.model.PanelModel;
import io.onionpanel.ui.model.RemotePanel;
import io.onionpanel.ui.model.RemotePanels;
import java.io.InputStream;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * The desktop application: one window over the engine of its data folder, which runs in a process of its own (the
 * window attaches to it, or starts it) and may outlive the window (see {@link WindowCloser}).
 */
public final class OnionPanelApp extends Application {
    public static final String DATA_DIR_PROPERTY = "onionpanel.dataDir";
    /** Benchmark hook: print the time from JVM start to the first painted window, then exit. */
    public static final String STARTUP_PROBE_PROPERTY = "onionpanel.startupProbe";
    /** Benchmark hook: print the time from JVM start until the window is attached and shows the engine's services, then exit. */
    public static final String ATTACH_PROBE_PROPERTY = "onionpanel.attachProbe";
    private static final double DEFAULT_WIDTH = 1024;
    private static final double DEFAULT_HEIGHT = 700;

    /** How long a remote panel's first connection may take: the first to an onion waits for its descriptor. */
    private static final java.time.Duration REMOTE_TIMEOUT = java.time.Duration.ofSeconds(120);
    private PanelModel model;
    private RemotePanels remotes;
    private Settings initial;
    private Scene scene;

    @Override
    public void init() {
        // Runs on the launcher thread, so the settings read never delays the FX thread.
        model = DesktopLauncher.takePreparedModel();
        if (model == null) {
            String configured = System.getProperty(DATA_DIR_PROPERTY);
            Path dataDir = configured != null ? Path.of(configured) : DataFolder.defaultLocation();
            model = PanelModel.forDesktop(dataDir.toAbsolutePath().normalize(), new Notifier());
            model.loadSettingsAndWatch();
        }
        initial = model.settings();
    }

    @Override
    public void start(Stage stage) {
        MainWindow window = new MainWindow(model, initial.services().isEmpty(), this::applyTheme);
        remotes = new RemotePanels(model.dataDir(), RemotePanel.throughDesktop(model, REMOTE_TIMEOUT));
        PanelsWindow panels = new PanelsWindow(window, model.notifier(), remotes, this::applyTheme);
        remotes.load(failure -> model.notifier().error("Remote panels", failure));
        UiSettings ui = initial.ui();
        scene = new Scene(panels, orDefault(ui.width(), DEFAULT_WIDTH), orDefault(ui.height(), DEFAULT_HEIGHT));
        applyTheme(ui.theme());
        stage.setScene(scene);
        stage.setTitle("Onion Panel");
        stage.setMinWidth(800);
        stage.setMinHeight(560);
        for (int size : new int[]{16, 32, 48, 64, 128, 256}) {
            InputStream icon = OnionPanelApp.class.getResourceAsStream("/icons/onion-panel-" + size + ".png");
            if (icon != null) {
                stage.getIcons().add(new Image(icon));
            }
        }
        if (ui.x() != null && ui.y() != null && onSomeScreen(ui.x(), ui.y())) {
            stage.setX(ui.x());
            stage.setY(ui.y());
        }
        // The closer hides the window at once and exits once tor is stopped and the history saved: with implicit
        // exit, hiding the last window would end the toolkit and the JVM in the middle of that shutdown.
        Platform.setImplicitExit(false);
        new WindowCloser(model, () -> {
            remotes.closeAll();
            Platform.exit();
        }).install(stage);
        if (Boolean.getBoolean(STARTUP_PROBE_PROPERTY)) {
            StartupProbe.reportWhenShown(stage);
        } else if (Boolean.getBoolean(ATTACH_PROBE_PROPERTY)) {
            StartupProbe.reportWhenAttached(stage, model);
        }
        stage.show();
        if (model.settingsProblemProperty().get() != null) {
            model.notifier().error("Settings", model.settingsProblemProperty().get());
        }
        if (!initial.services().isEmpty() && !model.isEngineRunning()) {
            model.startEngine(() -> { });
        }
    }

    void applyTheme(String theme) {
        if (scene == null) {
            return;
        }
        scene.getStylesheets().setAll(css("panel.css"));
        if ("dark".equals(theme)) {
            scene.getStylesheets().add(css("dark.css"));
        }
    }

    private static String css(String name) {
        return OnionPanelApp.class.getResource("/io/onionpanel/ui/" + name).toExternalForm();
    }

    private static boolean onSomeScreen(double x, double y) {
        return Screen.getScreens().stream().map(Screen::getVisualBounds).anyMatch(b -> b.contains(x + 20, y + 20));
    }

    private static double orDefault(Double value, double fallback) {
        return value == null || value < 200 ? fallback : value;
    }

    /** Visible for tests: the model behind this window. */
    PanelModel model() {
        return model;
    }
}
