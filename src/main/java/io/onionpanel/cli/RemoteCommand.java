package io.onionpanel.cli;

import io.onionpanel.control.KnownRemotes;
import io.onionpanel.control.PairingCode;
import io.onionpanel.control.RemoteServerFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Remote access (docs/control-api.md, "Remote access"). On the server: {@code enable}, {@code disable},
 * {@code pair NAME} (prints a desktop's pairing code once), {@code list}, {@code revoke NAME}. On the desktop:
 * {@code pair NAME CODE} keeps a server's code, {@code forget NAME}; then {@code --remote NAME} before a command
 * drives that server's engine.
 */
@Command(name = "remote", description = "Manage this panel from a desktop through its own authorised onion, or pair this"
        + " desktop with a remote panel.",
        subcommands = {RemoteCommand.Enable.class, RemoteCommand.Disable.class, RemoteCommand.Pair.class,
                RemoteCommand.ListAll.class, RemoteCommand.Revoke.class, RemoteCommand.Forget.class})
public final class RemoteCommand {
    @ParentCommand
    OnionPanelCli root;

    RemoteServerFiles server() {
        return new RemoteServerFiles(root.dataDir());
    }

    /** Tells a running engine to re-read remote.json now; says what happens otherwise. */
    String tellEngine() {
        return server().tellEngine();
    }

    @Command(name = "enable", description = "Turn remote access on. The control onion is published only while at least"
            + " one desktop is paired, and only to the paired desktops (v3 client authorisation).")
    static final class Enable implements Callable<Integer> {
        @ParentCommand RemoteCommand parent;
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            String address = parent.server().enable();
            PrintWriter out = spec.commandLine().getOut();
            out.println("Remote access is on; its address is " + address + ".onion (reachable only by paired desktops).");
            out.println("Pair a desktop with: onion-panel remote pair NAME");
            out.println(parent.tellEngine());
            return 0;
        }
    }

    @Command(name = "disable", description = "Turn remote access off: the control onion goes offline and every remote"
            + " session is closed; pairings are kept for the next enable.")
    static final class Disable implements Callable<Integer> {
        @ParentCommand RemoteCommand parent;
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            parent.server().disable();
            spec.commandLine().getOut().println("Remote access is off. " + parent.tellEngine());
            return 0;
        }
    }

    @Command(name = "pair", description = {"On the server: 'pair NAME' pairs a new desktop and prints its pairing code"
            + " once (the server keeps only the public key and a hash of the token).",
            "On the desktop: 'pair NAME CODE' keeps a server's pairing code under NAME, for --remote NAME."})
    static final class Pair implements Callable<Integer> {
        @ParentCommand RemoteCommand parent;
        @Spec CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "On the server: the desktop's name; on the desktop: the"
                + " server's name")
        String name;

        @Parameters(index = "1", arity = "0..1", paramLabel = "CODE", description = "The pairing code printed on the server"
                + " (desktop side); '-' reads it from standard input, which keeps it out of the shell's history")
        String code;

        @Option(names = "--qr", description = "Also print the pairing code as a QR code (server side)")
        boolean qr;

        @Option(names = "--image", paramLabel = "FILE", description = "Desktop side: read the pairing code from a QR code"
                + " in this image (a screenshot or photo of the server's --qr), instead of CODE")
        java.nio.file.Path image;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            if (code != null && image != null) {
                throw new io.onionpanel.common.ValidationException("Give the pairing code or --image, not both");
            }
            if (code != null || image != null) {
                KnownRemotes remotes = new KnownRemotes(parent.root.dataDir());
                PairingCode stored = image != null ? remotes.addFromImage(name, image) : remotes.add(name,
                        code.equals("-") ? new String(System.in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8) : code);
                out.println("Paired with remote panel '" + name + "' (" + stored.host() + ") as desktop '" + stored.desktop()
                        + "'. Try: onion-panel --remote " + name + " status");
                return 0;
            }
            PairingCode made = parent.server().pair(name);
            out.println("Pairing code for desktop '" + name + "' (shown once; it is the desktop's key and token, keep it"
                    + " secret; paste it on the desktop with: onion-panel remote pair SERVER-NAME CODE):");
            out.println();
            out.println(made.text());
            out.println();
            if (qr) {
                out.print(TerminalQr.render(made.text()));
            }
            // Not written to a file: the server keeps no copy of the code.
            out.println(parent.tellEngine());
            return 0;
        }
    }

    @Command(name = "list", description = "The desktops paired with this panel, and the remote panels this desktop is"
            + " paired with.")
    static final class ListAll implements Callable<Integer> {
        @ParentCommand RemoteCommand parent;
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            RemoteServerFiles server = parent.server();
            List<String> desktops = server.desktops();
            out.println("Remote access on this panel: " + (server.enabled() ? "on" : "off")
                    + (desktops.isEmpty() ? ", no desktop paired." : ", paired desktops:"));
            desktops.forEach(d -> out.println("  " + d));
            List<String> remotes = new KnownRemotes(parent.root.dataDir()).list();
            out.println(remotes.isEmpty() ? "This desktop is paired with no remote panel." : "Remote panels this desktop is paired with:");
            remotes.forEach(r -> out.println("  " + r));
            return 0;
        }
    }

    @Command(name = "revoke", description = "Unpair a desktop: its key is removed from tor and its open sessions are closed"
            + " at once.")
    static final class Revoke implements Callable<Integer> {
        @ParentCommand RemoteCommand parent;
        @Spec CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME") String name;

        @Override
        public Integer call() throws IOException {
            if (!parent.server().revoke(name)) {
                spec.commandLine().getErr().println("Error: no desktop named '" + name + "' is paired (see: onion-panel remote list)");
                return OnionPanelCli.EXIT_BAD_INPUT;
            }
            spec.commandLine().getOut().println("Desktop '" + name + "' is no longer paired. " + parent.tellEngine());
            return 0;
        }
    }

    @Command(name = "forget", description = "On the desktop: delete a remote panel's pairing code kept here.")
    static final class Forget implements Callable<Integer> {
        @ParentCommand RemoteCommand parent;
        @Spec CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME") String name;

        @Override
        public Integer call() throws IOException {
            if (!new KnownRemotes(parent.root.dataDir()).forget(name)) {
                spec.commandLine().getErr().println("Error: no remote panel named '" + name + "' is paired here");
                return OnionPanelCli.EXIT_BAD_INPUT;
            }
            spec.commandLine().getOut().println("Forgot remote panel '" + name + "'. (Ask its operator to revoke this desktop"
                    + " too: the code is still valid there.)");
            return 0;
        }
    }
}
