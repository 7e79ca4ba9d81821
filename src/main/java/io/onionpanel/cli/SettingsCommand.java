package io.onionpanel.cli;

import io.onionpanel.engine.RuntimeInfo;
import io.onionpanel.actions.PanelActions;
import io.onionpanel.tor.FixedSocksPort;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code settings socks-port [N|auto]}: panel-wide settings that have no other command. */
@Command(name = "settings", description = "Show or change panel settings.", subcommands = SettingsCommand.SocksPort.class)
public final class SettingsCommand {
    @ParentCommand
    OnionPanelCli root;

    @Command(name = "socks-port", description = {"Show, set or clear the fixed SOCKS port (127.0.0.1) other programs"
            + " use: curl, Routstr's TOR_PROXY_URL.", "The panel's own automatic port stays as it is.",
            "Examples: settings socks-port 19050 | settings socks-port auto"})
    static final class SocksPort implements Runnable {
        @ParentCommand SettingsCommand parent;
        @Spec CommandSpec spec;
        @Parameters(arity = "0..1", paramLabel = "N|auto") String value;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            // Parsed here for its message; checked again (range, port free on the engine's machine) where it is saved.
            Integer wanted = value == null ? null : FixedSocksPort.parse(value);
            int[] before = new int[1];
            PanelActions.PanelSettings after = parent.root.withActions(a -> {
                PanelActions.PanelSettings current = a.settings();
                before[0] = current.fixedSocksPort();
                return wanted == null ? current : a.putSettings(wanted, current.revision());
            });
            int current = before[0];
            if (wanted == null) {
                out.println(current == 0 ? "Fixed SOCKS port: none (auto: only the panel's own moving port)"
                        : "Fixed SOCKS port: 127.0.0.1:" + current);
                return;
            }
            int port = after.fixedSocksPort();
            boolean running = parent.root.throughEngine() || RuntimeInfo.read(parent.root.dataDir()).isPresent();
            out.println((port == 0 ? "Fixed SOCKS port cleared." : "Fixed SOCKS port set to 127.0.0.1:" + port + ".")
                    + (port == current ? "" : running ? " The running Onion Panel restarts tor to apply it within seconds."
                    : " It applies when Onion Panel starts."));
        }
    }
}
