package io.onionpanel.cli;

import io.onionpanel.control.ControlClient;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Stops the engine that runs on the data folder (a daemon, run, or the window's), through its control socket, and
 * waits until it has ended: tor stopped, the monitor's history saved. Under systemd use systemctl instead (its
 * Restart=on-failure does not restart an engine that ended cleanly, but the unit then shows as inactive).
 */
@Command(name = "stop", description = "Stop the engine running on this data folder (its tor and services), and wait until it has.")
final class StopCommand implements Callable<Integer> {
    private static final long WAIT_SECONDS = 60;

    @ParentCommand OnionPanelCli root;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Optional<ControlClient> engine = ControlClient.connect(root.dataDir());
        if (engine.isEmpty()) {
            if (io.onionpanel.control.ControlProtocol.engineSocketChosen()) {
                spec.commandLine().getErr().println("No engine answers on " + io.onionpanel.control.ControlProtocol.socket(root.dataDir())
                        + " (for the system service: systemctl status onion-panel).");
                return OnionPanelCli.EXIT_FAILURE;
            }
            spec.commandLine().getErr().println("No engine runs on " + root.dataDir() + ".");
            return OnionPanelCli.EXIT_FAILURE;
        }
        long pid;
        try (ControlClient client = engine.get()) {
            pid = client.call("hello").path("pid").asLong();
            client.call("stop");
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isPresent()) {
            try {
                process.get().onExit().get(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
                spec.commandLine().getErr().println("The engine (pid " + pid + ") is still stopping after " + WAIT_SECONDS + " s.");
                return OnionPanelCli.EXIT_FAILURE;
            }
        }
        spec.commandLine().getOut().println("Stopped the engine (pid " + pid + ").");
        return 0;
    }
}
