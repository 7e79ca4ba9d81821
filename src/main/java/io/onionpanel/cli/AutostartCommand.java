package io.onionpanel.cli;

import io.onionpanel.autostart.CommandArguments;
import io.onionpanel.autostart.LoginStart;
import io.onionpanel.autostart.LoginStartException;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code autostart on|off|status}: start this data folder's engine ({@code daemon}) at login, through a systemd user
 * unit, or an XDG autostart entry where no systemd user manager answers.
 */
@Command(name = "autostart", description = {"Start the engine of this data folder at login (no window needed):"
        + " a systemd user unit, or a desktop autostart entry without systemd.",
        "Examples: autostart on --now | autostart status | autostart off"},
        subcommands = {AutostartCommand.On.class, AutostartCommand.Off.class, AutostartCommand.Status.class})
public final class AutostartCommand {
    @ParentCommand
    OnionPanelCli root;

    /** Prints what was done; a refusal of systemctl or of the file system is an error (exit 1). */
    int report(CommandSpec spec, Function<LoginStart, String> change) {
        if (!LoginStart.supportedOn(System.getProperty("os.name", ""))) {
            spec.commandLine().getErr().println("Error: " + LoginStart.NOT_SUPPORTED);
            return OnionPanelCli.EXIT_FAILURE;
        }
        try {
            spec.commandLine().getOut().println(change.apply(LoginStart.forThisUser(root.dataDir())));
            return 0;
        } catch (LoginStartException e) {
            spec.commandLine().getErr().println("Error: " + e.getMessage());
            return OnionPanelCli.EXIT_FAILURE;
        }
    }

    @Command(name = "on", description = "Start the engine at each login (systemd: restarted when it fails).")
    static final class On implements Callable<Integer> {
        @ParentCommand AutostartCommand parent;
        @Spec CommandSpec spec;
        @Option(names = "--now", description = "Also start it now (systemd user unit only)") boolean now;

        @Override
        public Integer call() {
            return parent.report(spec, loginStart -> loginStart.on(now));
        }
    }

    @Command(name = "off", description = "Do not start the engine at login any more.")
    static final class Off implements Callable<Integer> {
        @ParentCommand AutostartCommand parent;
        @Spec CommandSpec spec;
        @Option(names = "--now", description = "Also stop the engine the systemd user unit runs") boolean now;

        @Override
        public Integer call() {
            return parent.report(spec, loginStart -> loginStart.off(now));
        }
    }

    @Command(name = "status", description = "Show whether the engine starts at login, how, and the command it runs.")
    static final class Status implements Callable<Integer> {
        @ParentCommand AutostartCommand parent;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            return parent.report(spec, loginStart -> loginStart.status().describe()
                    + System.lineSeparator() + "Command: " + CommandArguments.shellLine(loginStart.command()));
        }
    }
}
