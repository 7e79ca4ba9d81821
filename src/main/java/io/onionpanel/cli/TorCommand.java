package io.onionpanel.cli;

import io.onionpanel.common.ValidationException;
import io.onionpanel.defense.DefenseHelp;
import io.onionpanel.settings.SettingsStore;
import io.onionpanel.tor.TorBinary;
import io.onionpanel.tor.TorException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tor binary|single-onion}: tor-wide settings; a running instance restarts tor to apply them. */
@Command(name = "tor", description = "Choose the tor binary and tor-wide modes.",
        subcommands = {TorCommand.Binary.class, TorCommand.SingleOnion.class})
public final class TorCommand {
    @ParentCommand
    OnionPanelCli root;

    @Command(name = "binary", description = "Use this tor binary (e.g. /usr/sbin/tor for proof-of-work), or 'bundled'.")
    static final class Binary implements Runnable {
        @ParentCommand TorCommand parent;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "PATH|bundled") String path;

        @Override
        public void run() {
            String value = null;
            String described = "the bundled tor";
            if (!path.equals("bundled")) {
                Path p = Path.of(path).toAbsolutePath().normalize();
                try {
                    described = TorBinary.probe(p, false).describe();
                } catch (TorException e) {
                    throw new ValidationException(e.getMessage());
                }
                value = p.toString();
            }
            String chosen = value;
            parent.root.settingsStore().update(s -> s.withTor(s.tor().withBinary(chosen)));
            spec.commandLine().getOut().println("tor: " + described + ".");
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
