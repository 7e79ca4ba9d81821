package io.onionpanel.ui;

import io.onionpanel.settings.ServiceConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javafx.stage.Stage;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testfx.api.FxToolkit;

/**
 * The main window on a fresh data folder with tor kept off the network ({@link GuiFixture#OFFLINE}), opened on
 * TestFX's stage before each test and shut down after it. Register it after {@code ApplicationExtension}:
 * <pre>{@code @RegisterExtension final OfflinePanelWindow gui = OfflinePanelWindow.with(service).showing("services");}</pre>
 * The window is built on the FX thread, as a TestFX {@code @Start} method would build it.
 */
final class OfflinePanelWindow implements BeforeEachCallback, AfterEachCallback {
    static final ServiceConfig API = GuiFixture.service("api", 80, "127.0.0.1:8000");
    static final ServiceConfig EXISTING = GuiFixture.service("existing", 80, "127.0.0.1:8000");

    private final List<ServiceConfig> services;
    private boolean firstRun;
    private boolean systemTor;
    private String page;
    private Path data;
    private Stage stage;
    private GuiFixture fixture;

    private OfflinePanelWindow(List<ServiceConfig> services) {
        this.services = services;
    }

    /** A window over these services (none: the empty state). */
    static OfflinePanelWindow with(ServiceConfig... services) {
        return new OfflinePanelWindow(List.of(services));
    }

    /** Opened as on the very first start: the first-run page instead of the tabs. */
    OfflinePanelWindow firstRun() {
        firstRun = true;
        return this;
    }

    /** With the system's tor chosen in the settings (it has the pow module, the bundled one has not). */
    OfflinePanelWindow systemTor() {
        systemTor = true;
        return this;
    }

    /** Opened on that tab ("services", "settings", …) instead of the dashboard. */
    OfflinePanelWindow showing(String page) {
        this.page = page;
        return this;
    }

    Path data() {
        return data;
    }

    Stage stage() {
        return stage;
    }

    GuiFixture fixture() {
        return fixture;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        data = Files.createTempDirectory("onion-panel-gui-");
        if (systemTor) {
            String tor = io.onionpanel.testnet.TorNetworkSupport.onPath("tor").orElseThrow().toString();
            new io.onionpanel.settings.SettingsStore(data).update(s -> s.withTor(s.tor().withBinary(tor)));
        }
        FxToolkit.setupStage(shown -> {
            stage = shown;
            fixture = new GuiFixture(data, GuiFixture.OFFLINE, services.toArray(ServiceConfig[]::new));
            fixture.show(shown, firstRun);
            if (page != null) {
                fixture.window.select(page);
            }
        });
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            if (fixture != null) {
                fixture.close();
            }
        } finally {
            fixture = null;
            deleteData();
        }
    }

    /** Tor may still be removing its files as it exits: a few tries before the folder counts as left behind. */
    private void deleteData() throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try (Stream<Path> paths = Files.walk(data)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                return;
            } catch (IOException | UncheckedIOException e) {
                if (attempt == 5) {
                    throw new IOException("Could not delete the test's data folder " + data, e);
                }
                Thread.sleep(200);
            }
        }
    }
}
