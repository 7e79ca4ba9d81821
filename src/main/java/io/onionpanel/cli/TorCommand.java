package io.onionpanel.cli;

import io.onionpanel.common.ValidationException;
import io.onionpanel.defense.DefenseHelp;
import io.onionpanel.settings.SettingsStore;
import io.onionpanel.tor.TorException;
import io.onionpanel.tor.TorLocator;
import io.onionpanel.tor.TorSupport;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tor}: which tor a start uses, whether it is supported and what the network said of it; {@code tor
 * binary|single-onion} change tor-wide settings (a running instance restarts tor to apply them).
 */
@Command(name = "tor", description = {"Show the tor a start uses (support, network status); choose it and tor-wide modes."},
        subcommands = {TorCommand.Binary.class, TorCommand.SingleOnion.class, BridgesCommand.class, ProxyCommand.class})
public final class TorCommand implements Runnable {
    @ParentCommand
    OnionPanelCli root;
    @Spec CommandSpec spec;

    @Override
    public void run() {
        TorReport.lines(root.dataDir(), root.settingsStore().load().tor()).forEach(spec.commandLine().getOut()::println);
    }

    @Command(name = "binary", description = {"Use this tor binary, or 'auto': the newest supported tor found"
            + " (the system's, the bundled one, Tor Browser's).", "A tor older than " + TorSupport.MINIMUM_SERIES
            + " is refused unless " + TorSupport.OVERRIDE_FLAG + " is given (private test networks only)."})
    static final class Binary implements Runnable {
        @ParentCommand TorCommand parent;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "PATH|auto") String path;
        @Option(names = TorSupport.OVERRIDE_FLAG, description = "Allow a tor older than the supported minimum (private test networks only)")
        boolean allowUnsupported;

        @Override
        public void run() {
            // 'bundled' is what earlier versions called the automatic choice.
            String value = path.equals("auto") || path.equals("bundled") ? null
                    : Path.of(path).toAbsolutePath().normalize().toString();
            TorLocator.Selection selection;
            try {
                selection = TorLocator.forDataDir(parent.root.dataDir()).select(null, value, allowUnsupported);
            } catch (TorException e) {
                throw new ValidationException(e.getMessage()); // nothing is written: the settings keep their tor
            }
            parent.root.settingsStore().update(s -> s.withTor(s.tor().withBinary(value).withAllowUnsupported(allowUnsupported)));
            PrintWriter out = spec.commandLine().getOut();
            out.println("tor: " + (value == null ? "automatic, now " : "") + selection.tor().describe() + ".");
            if (selection.unsupportedAllowed()) {
                out.println("Warning: " + TorSupport.why(selection.tor()) + " It runs only because "
                        + TorSupport.OVERRIDE_FLAG + " was given; 'tor binary auto' undoes it.");
            }
        }
    }

    @Command(name = "single-onion", description = {"Turn single-onion mode on or off for every service.",
            DefenseHelp.SINGLE_ONION})
    static final class SingleOnion implements Runnable {
        @ParentCommand TorCommand parent;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "on|off") String state;
        @Option(names = "--not-anonymous", description = "Required to turn it on: you accept that the server is not anonymous")
        boolean accepted;

        @Override
        public void run() {
            boolean on = switch (state) {
                case "on" -> true;
                case "off" -> false;
                default -> throw new ValidationException("single-onion takes 'on' or 'off', not '" + state + "'");
            };
            if (on && !accepted) {
                throw new ValidationException("Single-onion mode makes the services NOT anonymous: their server can be"
                        + " located. Their key folders can never serve an anonymous service again, and this tor gets no"
                        + " SOCKS port (no reachability probe or tester through it). Repeat with --not-anonymous to accept.");
            }
            SettingsStore store = parent.root.settingsStore();
            store.update(s -> s.withTor(s.tor().withSingleOnion(on)));
            spec.commandLine().getOut().println(on
                    ? "Single-onion mode is on: services are not anonymous. A running panel restarts tor to apply it."
                    : "Single-onion mode is off. A running panel restarts tor to apply it; services that ran as single"
                    + " onions need new keys (tor refuses their folders for an anonymous service).");
        }
    }
}
