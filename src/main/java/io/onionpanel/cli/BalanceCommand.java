package io.onionpanel.cli;

import io.onionpanel.actions.PanelActions;
import io.onionpanel.balance.BackendHealth;
import io.onionpanel.balance.BalanceOverview;
import io.onionpanel.balance.BalanceWatch;
import io.onionpanel.balance.JoinCode;
import io.onionpanel.common.json.JsonCodec;
import io.onionpanel.settings.ServiceConfig;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * The frontend side of load balancing with Onionbalance: make a frontend, hand out join codes, list backends. Done
 * through {@link PanelActions}, so it works on this data folder or on another engine (--remote, --attach-system).
 */
@Command(name = "balance", description = "One onion address served by many machines (Onionbalance): the frontend side.",
        subcommands = {BalanceCommand.Frontend.class, BalanceCommand.JoinCodeCommand.class, BalanceCommand.AddBackend.class,
                BalanceCommand.RemoveBackend.class, BalanceCommand.Status.class})
public final class BalanceCommand {
    @ParentCommand
    OnionPanelCli root;

    /**
     * Runs {@code work} with the same actions as the window's Load balancing page: this data folder's, or those of
     * the engine chosen with --engine-socket / --attach-system / --remote (its balance.* methods).
     */
    <T> T withActions(java.util.function.Function<PanelActions, T> work) {
        return root.withActions(work);
    }

    @Command(name = "frontend", description = {"Make a service the load-balanced frontend: an existing service keeps its"
            + " address (its keys); a new name gets new keys.", "This panel then runs Onionbalance with the frontend's key"
            + " (which never leaves this machine) and tor stops publishing the service itself."})
    static final class Frontend implements Runnable {
        @ParentCommand BalanceCommand parent;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "NAME") String name;
        @Option(names = "--port", paramLabel = "VIRT=TARGET", description = "For a new service: its virtual port (what"
                + " clients use; the backends serve it)") List<String> ports;

        @Override
        public void run() {
            PanelActions.MadeFrontend made = parent.withActions(a -> a.makeFrontend(name, ports));
            ServiceConfig s = made.service();
            PrintWriter out = spec.commandLine().getOut();
            out.println("'" + s.name() + "' is the load-balanced frontend: " + (made.address() == null ? "(address when"
                    + " its keys are made)" : made.address()));
            out.println("Tor no longer publishes it here; Onionbalance publishes it once it has a backend.");
            out.println("On each backend machine run:");
            out.println("  onion-panel backend join " + (made.address() == null ? "CODE (balance join-code " + s.name() + ")"
                    : new JoinCode(made.address()).text()) + " --port " + s.ports().get(0).virtualPort()
                    + "=127.0.0.1:<api port>");
            out.println("then add the address it shows here: onion-panel balance add-backend " + s.name() + " ADDRESS");
        }
    }

    @Command(name = "join-code", description = "Print the code a backend machine joins with (the frontend's address; nothing secret).")
    static final class JoinCodeCommand implements Runnable {
        @ParentCommand BalanceCommand parent;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "NAME") String name;

        @Override
        public void run() {
            spec.commandLine().getOut().println(parent.withActions(a -> a.balanceJoinCode(name)).code());
        }
    }

    @Command(name = "add-backend", description = "Add a backend's instance address (shown by 'backend join' on its machine).")
    static final class AddBackend implements Runnable {
        @ParentCommand BalanceCommand parent;
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "NAME") String name;
        @Parameters(index = "1", paramLabel = "ADDRESS") String address;

        @Override
        public void run() {
            PanelActions.BalanceChange c = parent.withActions(a -> a.addBackend(name, address));
            spec.commandLine().getOut().println("Added backend " + c.backend() + " to '" + c.service() + "' ("
                    + c.backends().size() + " backend(s)); a running panel restarts Onionbalance with it.");
        }
    }

    @Command(name = "remove-backend", description = "Remove a backend's instance address.")
    static final class RemoveBackend implements Runnable {
        @ParentCommand BalanceCommand parent;
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "NAME") String name;
        @Parameters(index = "1", paramLabel = "ADDRESS") String address;

        @Override
        public void run() {
            PanelActions.BalanceChange c = parent.withActions(a -> a.removeBackend(name, address));
            spec.commandLine().getOut().println("Removed backend " + c.backend() + " from '" + c.service() + "' ("
                    + c.backends().size() + " left).");
        }
    }

    @Command(name = "status", description = "The frontend's backends and their state (as the running panel last saw"
            + " them), or which frontend this machine's backends serve.")
    static final class Status implements Runnable {
        @ParentCommand BalanceCommand parent;
        @Spec CommandSpec spec;
        @Option(names = "--json", description = "Print the frontend's health as JSON") boolean json;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                parent.root.requireLocal("balance status --json", "it prints the health file of the engine's data folder;"
                        + " without --json the status comes through the engine");
                out.println(JsonCodec.STANDARD.writeValueAsString(BalanceWatch.read(parent.root.dataDir()).orElse(null)));
                return;
            }
            BalanceOverview overview = parent.withActions(PanelActions::balance);
            for (BalanceOverview.Instance i : overview.instances()) {
                out.println("'" + i.name() + "' " + (i.address() == null ? "" : i.address())
                        + " serves as an instance of frontend " + i.frontend());
            }
            if (overview.empty()) {
                out.println("No load-balanced service here (balance frontend NAME, or backend join CODE).");
            }
            for (BalanceOverview.Frontend f : overview.frontends()) {
                out.println("Frontend '" + f.name() + "' " + (f.address() == null ? "" : f.address()) + ": "
                        + f.backends().size() + " backend(s)");
                out.println(f.summary());
                for (BackendHealth row : f.backends()) {
                    out.println("  " + row.address() + "  " + row.state()
                            + "  descriptor " + (row.fetched() ? "fetched (" + row.introPoints() + " intro points)" : "not fetched")
                            + ", " + (row.inPublished() ? "in" : "not in") + " the published descriptor"
                            + ", last seen " + (row.lastSeenMillis() == 0 ? "never" : Instant.ofEpochMilli(row.lastSeenMillis()))
                            + (row.detail() == null ? "" : " — " + row.detail()));
                }
            }
        }
    }
}
