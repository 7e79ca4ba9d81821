package io.onionpanel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.onionpanel.common.json.JsonCodec;
import io.onionpanel.control.ControlConnection;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Asks the engine that runs on the data folder (run, or the window) for its state, through its control socket. */
@Command(name = "status", description = "Show the state of the engine running on this data folder (tor and services),"
        + " or with --remote NAME of a paired remote panel.")
final class StatusCommand implements Callable<Integer> {
    @ParentCommand OnionPanelCli root;
    @Spec CommandSpec spec;

    @Option(names = "--json", description = "Print the engine's answer as JSON (control API version 1, docs/control-api.md)")
    boolean json;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Optional<ControlConnection> engine;
        try {
            engine = root.engineConnection(e -> { });
        } catch (IOException e) {
            spec.commandLine().getErr().println("Error: " + e.getMessage());
            return OnionPanelCli.EXIT_FAILURE;
        }
        if (engine.isEmpty()) {
            if (io.onionpanel.control.ControlProtocol.engineSocketChosen()) {
                spec.commandLine().getErr().println("No engine answers on " + io.onionpanel.control.ControlProtocol.socket(root.dataDir())
                        + " (for the system service: systemctl status onion-panel).");
                return OnionPanelCli.EXIT_FAILURE;
            }
            spec.commandLine().getErr().println("No engine runs on " + root.dataDir() + " (start one with: onion-panel run,"
                    + " or open the window).");
            return OnionPanelCli.EXIT_FAILURE;
        }
        try (ControlConnection client = engine.get()) {
            JsonNode status = client.call("status", null, Duration.ofSeconds(30));
            if (json) {
                out.println(JsonCodec.STANDARD.writeValueAsString(status));
                return 0;
            }
            JsonNode tor = status.path("tor");
            out.println("tor: " + tor.path("state").asText() + " (" + tor.path("progress").asInt() + " %"
                    + (tor.path("version").isTextual() ? ", " + tor.path("version").asText() : "") + ")"
                    + (tor.path("detail").isTextual() ? ": " + tor.path("detail").asText() : ""));
            if (status.path("services").isEmpty()) {
                out.println("No services.");
            }
            for (JsonNode s : status.path("services")) {
                out.println(s.path("name").asText() + ": " + s.path("state").asText()
                        + (s.path("onion").isTextual() ? "  " + s.path("onion").asText() : "")
                        + (s.path("detail").isTextual() ? "  (" + s.path("detail").asText() + ")" : ""));
            }
            return 0;
        }
    }
}
