package io.onionpanel.cds;

import io.onionpanel.Main;
import io.onionpanel.control.ControlProtocol;
import io.onionpanel.settings.SettingsStore;
import io.onionpanel.ui.OnionPanelApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The build's training run for the window's class-data-sharing archive (pom.xml, {@code window-cds-*}): the window as
 * the README and the desktop entry start it, attached to an engine of its own process (tor kept offline), until it
 * shows the engine's service. Nothing of the CLI's or the engine's runs in this JVM, so the archive holds the window's
 * classes only: mapped by an attached window, the archive of the CLI (which holds the engine for {@code run}) was
 * 5.9 MB of resident memory it never used (docs/benchmarks.md, issue 17).
 *
 * <p>Arguments: the data folder (made afresh), the java to run the engine with, and the engine's jar.
 */
public final class WindowCdsTraining {
    private WindowCdsTraining() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]).toAbsolutePath();
        Path extra = CdsTraining.freshFolderWithOneService(data);
        // The attach probe ends this JVM with halt (no shutdown hook runs): a shell holds the pipe of its standard input
        // and stops the engine when this JVM is gone, as the panel does for Onionbalance.
        Process engine = new ProcessBuilder("sh", "-c", "\"$@\" & e=$!; cat >/dev/null; kill $e; wait $e", "sh", args[1],
                "-cp", args[2], Main.class.getName(), "--data-dir", data.toString(), "daemon", "--torrc-append",
                extra.toString())
                .redirectOutput(data.resolve("engine.out").toFile()).redirectErrorStream(true).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (engine.isAlive() && !Files.exists(data.resolve(ControlProtocol.SOCKET_FILE)) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (!Files.exists(data.resolve(ControlProtocol.SOCKET_FILE))) {
            // A machine whose engine cannot start still gets an archive: the window's first frame without an engine.
            // No service, so the window does not start an engine of its own, which would outlive the build.
            System.err.println("CDS training (window): the engine did not start; see " + data.resolve("engine.out"));
            new SettingsStore(data).update(s -> s.withServices(List.of()));
            System.setProperty(OnionPanelApp.STARTUP_PROBE_PROPERTY, "true");
        } else {
            System.setProperty(OnionPanelApp.ATTACH_PROBE_PROPERTY, "true");
        }
        Main.main(new String[] {"--data-dir", data.toString()});
    }
}
