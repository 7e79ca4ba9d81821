package io.onionpanel.ui;

import io.onionpanel.engine.RuntimeInfo;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.settings.SettingsStore;
import io.onionpanel.ui.common.Notifier;
import io.onionpanel.ui.model.PanelModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * A window on a temporary data folder. Tests that start tor seed {@code DisableNetwork 1} (or a private
 * network's lines) so tor never reaches for the public Tor network from a test.
 */
final class GuiFixture {
    static final List<String> OFFLINE = List.of("DisableNetwork 1");

    final Path dataDir;
    final PanelModel model;
    MainWindow window;

    GuiFixture(Path dataDir, List<String> torrcLines, ServiceConfig... services) {
        this.dataDir = dataDir;
        new SettingsStore(dataDir).update(s -> s.withTor(s.tor().withExtraTorrcLines(torrcLines))
                .withServices(new ArrayList<>(List.of(services))));
        this.model = new PanelModel(dataDir, new Notifier());
        model.loadSettingsAndWatch();
    }

    private GuiFixture(Path dataDir, PanelModel model) {
        this.dataDir = dataDir;
        this.model = model;
        model.loadSettingsAndWatch();
    }

    /** A window attached to an engine that runs elsewhere (its own process), on that engine's data folder. */
    static GuiFixture attached(Path dataDir, io.onionpanel.control.PanelEngine engine) {
        return new GuiFixture(dataDir, new PanelModel(dataDir, new Notifier(), engine));
    }

    static ServiceConfig service(String name, int virtual, String target) {
        return new ServiceConfig(name, true, List.of(PortMapping.of(virtual, target)));
    }

    void show(Stage stage, boolean firstRun) {
        window = new MainWindow(model, firstRun, theme -> { });
        Scene scene = new Scene(window, 1024, 700);
        scene.getStylesheets().add(OnionPanelApp.class.getResource("/io/onionpanel/ui/panel.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    void close() {
        model.shutdown();
    }

    boolean torRunning() {
        return RuntimeInfo.read(dataDir).map(r -> ProcessHandle.of(r.torPid()).map(ProcessHandle::isAlive).orElse(false)).orElse(false);
    }
}
