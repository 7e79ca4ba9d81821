package io.onionpanel.cli;

import io.onionpanel.control.ControlClient;
import java.nio.file.Path;
import java.util.Optional;

/**
 * After a command changed the settings: tells the engine running on the data folder (if any) to apply them now,
 * through its control socket, rather than at its next look at the file. Best effort: without an answer the engine
 * still finds the change within a second.
 */
final class EngineNudge {
    private EngineNudge() {
    }

    static void applyNow(Path dataDir) {
        try {
            Optional<ControlClient> engine = ControlClient.connect(dataDir);
            if (engine.isPresent()) {
                try (ControlClient client = engine.get()) {
                    client.call("applySettings");
                }
            }
        } catch (Exception e) {
            // The settings file is written; the engine's watcher takes it.
        }
    }
}
