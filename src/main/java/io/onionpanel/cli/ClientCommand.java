package io.onionpanel.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onionpanel.actions.LocalPanelActions;
import io.onionpanel.actions.PanelActions;
import io.onionpanel.auth.ClientAuthorization;
import io.onionpanel.auth.ClientCredential;
import io.onionpanel.auth.ClientKeys;
import io.onionpanel.common.ValidationException;
import io.onionpanel.common.json.JsonCodec;
import io.onionpanel.engine.RuntimeInfo;
import io.onionpanel.settings.AuthorizedClient;
import io.onionpanel.settings.ClientAuth;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code client add|list|remove|auth|export}: v3 client authorisation. Changes settings and the service's
 * authorized_clients folder; a running instance re-creates the service in tor within seconds.
 */
@Command(name = "client", description = "Restrict a service to authorised clients (v3 client authorisation).",
        subcommands = {ClientCommand.Add.class, ClientCommand.ListClients.class, ClientCommand.Remove.class,
                ClientCommand.Auth.class, ClientCommand.Export.class})
public final class ClientCommand {
    @ParentCommand
    OnionPanelCli root;

    ClientAuthorization clients() {
        return new LocalPanelActions(root.dataDir()).clientAuthorization();
    }

    /** The engine chosen with --engine-socket / --attach-system / --remote runs: it answered. */
    boolean panelRunning() {
        return root.throughEngine() || RuntimeInfo.read(root.dataDir()).isPresent();
    }

    String whenApplied() {
        return panelRunning() ? "The running Onion Panel applies this within seconds."
                : "Onion Panel is not running on this data folder: this applies when it starts.";
    }

    @Command(name = "add", description = {"Authorise a client. Without --public-key a key pair is generated and the"
            + " client's credential is printed once:", "  <address>:descriptor:x25519:<private key>",
            "With --public-key (the safer way) the client keeps its private key and only sends the public one."})
    static final class Add implements Runnable {
        @ParentCommand ClientCommand parent;
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "SERVICE") String service;
        @Parameters(index = "1", paramLabel = "CLIENT") String client;
        @Option(names = "--public-key", paramLabel = "BASE32", description = "The client's x25519 public key (52 base32 characters)")
        String publicKey;
        @Option(names = "--note", paramLabel = "TEXT", description = "A note for yourself, e.g. who the client is")
        String note;
        @Option(names = "--keep-private-key", description = "Keep the generated private key in <data>/client-keys/"
                + " (0600) so it can be exported again; by default the panel forgets it")
        boolean keep;
        @Option(names = "--export-dir", paramLabel = "DIR", description = "Also write <address>.auth_private there, for"
                + " the client's ClientOnionAuthDir")
        Path exportDir;

        @Override
        public void run() {
            if (publicKey != null && exportDir != null) {
                throw new ValidationException("There is nothing to export with --public-key: the client already has"
                        + " its private key");
            }
            if (exportDir != null && Files.exists(exportDir) && !Files.isDirectory(exportDir)) {
                throw new ValidationException("--export-dir " + exportDir + " is not a folder");
            }
            Added added = parent.root.throughEngine() ? addThroughEngine() : addHere();
            PanelActions.AddedClient r = added.client();
            PrintWriter out = spec.commandLine().getOut();
            out.println("Added client '" + r.client().name() + "' to '" + r.service() + "' (public key "
                    + ClientKeys.fingerprint(r.client().publicKey()) + ").");
            if (r.turnedOn()) {
                out.println("Client authorisation of '" + r.service() + "' is now ON: only its authorised clients can"
                        + " reach it.");
            } else if (!r.authEnabled()) {
                out.println("Client authorisation of '" + r.service() + "' is off: the client list applies once you turn"
                        + " it on (client auth " + r.service() + " --on).");
            }
            if (added.credential().isPresent()) {
                ClientCredential c = added.credential().get();
                out.println("The client's credential (shown only now"
                        + (added.keptAt().isPresent() ? "" : "; the panel does not keep the private key") + "):");
                out.println(c.authPrivateLine());
                out.println("Tor Browser asks for the key alone: " + c.privateKey());
                if (exportDir != null) {
                    try {
                        out.println("Wrote " + c.writeTo(exportDir) + " (0600): copy it into the client's"
                                + " ClientOnionAuthDir.");
                    } catch (IOException e) {
                        throw new UncheckedIOException("The client was added, but " + exportDir + " could not be"
                                + " written (" + e.getMessage() + "): save the line above as " + c.fileName()
                                + " yourself", e);
                    }
                } else {
                    out.println("For tor: save the line as " + c.fileName() + " in the client's ClientOnionAuthDir.");
                }
                added.keptAt().ifPresent(p -> out.println("The private key is kept in " + p + "; export it again with: client"
                        + " export " + r.service() + " " + r.client().name()));
            } else {
                out.println("The client connects with its own private key"
                        + (r.onion() == null ? "." : " to " + r.onion() + "."));
            }
            out.println(parent.whenApplied());
        }

        /** What adding gave: the client, and a generated pair's credential (made on this machine, never sent). */
        private record Added(PanelActions.AddedClient client, Optional<ClientCredential> credential, Optional<Path> keptAt) {
        }

        /** On this data folder: a generated pair may be kept here (--keep-private-key). */
        private Added addHere() {
            ClientAuthorization.AddResult r = parent.clients().add(service, client, publicKey, note, keep);
            return new Added(LocalPanelActions.added(r), r.credential(), r.keptAt());
        }

        /**
         * Through another engine: only the public key crosses. A pair is generated here and its private key is
         * printed here, never sent; so nothing is kept on the engine's side.
         */
        private Added addThroughEngine() {
            if (keep) {
                throw new ValidationException("--keep-private-key keeps the key in the engine's data folder: through its"
                        + " socket the private key never leaves this machine. Save the credential printed here instead");
            }
            return parent.root.withActions(a -> {
                if (publicKey != null) {
                    return new Added(a.addClient(service, client, publicKey, note), Optional.empty(), Optional.empty());
                }
                PanelActions.GeneratedClient g = a.addGeneratedClient(service, client, note);
                return new Added(g.added(), Optional.of(g.credential()), Optional.empty());
            });
        }
    }

    @Command(name = "list", description = "List a service's authorised clients.")
    static final class ListClients implements Runnable {
        @ParentCommand ClientCommand parent;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "SERVICE") String service;
        @Option(names = "--json", description = "Print JSON") boolean json;

        @Override
        public void run() {
            PanelActions.ClientList l = parent.root.withActions(a -> a.clients(service));
            PrintWriter out = spec.commandLine().getOut();
            ClientAuth auth = l.auth();
            if (json) {
                ObjectNode o = JsonCodec.objectNode();
                o.put("service", l.service());
                o.put("onion", l.onion());
                o.put("enabled", auth.enabled());
                ArrayNode array = o.putArray("clients");
                for (AuthorizedClient c : auth.clients()) {
                    array.addObject().put("name", c.name()).put("publicKey", c.publicKey())
                            .put("fingerprint", ClientKeys.fingerprint(c.publicKey())).put("added", c.added())
                            .put("note", c.note()).put("privateKeyKept", l.keptKeys().contains(c.name()));
                }
                out.println(o);
                return;
            }
            out.println("Client authorisation of '" + l.service() + "'" + (l.onion() == null ? "" : " (" + l.onion() + ")")
                    + ": " + (auth.enabled() ? "on" : "off") + ", " + auth.clients().size() + " client(s)"
                    + (auth.enabledWithoutClients() ? " (the service stays offline until a client is added)" : ""));
            for (AuthorizedClient c : auth.clients()) {
                out.printf("  %-20s %-10s %-21s %s%s%n", c.name(), ClientKeys.fingerprint(c.publicKey()), c.added(), c.note(),
                        l.keptKeys().contains(c.name()) ? " (private key kept)" : "");
            }
        }
    }

    @Command(name = "remove", description = "Revoke a client: its key file is deleted, the service is re-created in tor"
            + " (new introduction points and descriptor) and the client's open connections are closed.")
    static final class Remove implements Runnable {
        @ParentCommand ClientCommand parent;
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "SERVICE") String service;
        @Parameters(index = "1", paramLabel = "CLIENT") String client;

        @Override
        public void run() {
            PanelActions.RemovedClient r = parent.root.withActions(a -> a.removeClient(service, client));
            PrintWriter out = spec.commandLine().getOut();
            out.println("Removed client '" + r.client() + "' from '" + r.service() + "': its key file is deleted"
                    + (r.forgotKey() ? ", and so is the private key the panel kept." : "."));
            if (parent.panelRunning()) {
                out.println("The running Onion Panel revokes it now: it re-creates the service in tor (new introduction"
                        + " points, a new descriptor '" + r.client() + "' cannot read) and closes its open connections."
                        + " run reports a notice, the window a notification, when that is done.");
            } else {
                out.println("Onion Panel is not running on this data folder: the service starts without '" + r.client()
                        + "' next time.");
            }
            if (r.offline()) {
                out.println("That was the last client and client authorisation is still on: '" + r.service() + "' stays"
                        + " offline until you add a client or turn client authorisation off (client auth " + r.service()
                        + " --off).");
            }
        }
    }

    @Command(name = "auth", description = "Turn client authorisation of a service on or off (the client list is kept).")
    static final class Auth implements Runnable {
        @ParentCommand ClientCommand parent;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "SERVICE") String service;
        @ArgGroup(exclusive = true, multiplicity = "1") Toggle toggle;

        static final class Toggle {
            @Option(names = "--on", required = true, description = "Only authorised clients can reach the service")
            boolean on;
            @Option(names = "--off", required = true, description = "Anyone who knows the address can reach it")
            boolean off;
        }

        @Override
        public void run() {
            parent.root.requireLocal("client auth", "run it on the engine's machine");
            if (toggle.on) {
                // Onionbalance cannot serve a frontend or backend with client authorisation: refused before any change.
                parent.root.settingsStore().load().service(service).ifPresent(s -> io.onionpanel.balance.BalanceRules
                        .requireSupported(s.withClientAuth(s.clientAuth().withEnabled(true))));
            }
            ClientAuth a = parent.clients().setEnabled(service, toggle.on);
            PrintWriter out = spec.commandLine().getOut();
            if (!a.enabled()) {
                out.println("Client authorisation of '" + service + "' is off: anyone who knows the address can reach it."
                        + (a.clients().isEmpty() ? "" : " Its " + a.clients().size() + " client(s) stay listed; --on"
                        + " restores them."));
            } else if (a.clients().isEmpty()) {
                out.println("Client authorisation of '" + service + "' is on, but it has no clients yet: the service"
                        + " stays offline until you add one (client add " + service + " NAME).");
            } else {
                out.println("Client authorisation of '" + service + "' is on: only its " + a.clients().size()
                        + " client(s) can reach it.");
            }
            out.println(parent.whenApplied());
        }
    }

    @Command(name = "export", description = "Print (and with --export-dir write) the credential of a client whose"
            + " private key the panel kept (client add --keep-private-key).")
    static final class Export implements Runnable {
        @ParentCommand ClientCommand parent;
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "SERVICE") String service;
        @Parameters(index = "1", paramLabel = "CLIENT") String client;
        @Option(names = "--export-dir", paramLabel = "DIR", description = "Write <address>.auth_private there")
        Path exportDir;

        @Override
        public void run() {
            parent.root.requireLocal("client export", "a kept private key never leaves the engine's data folder");
            ClientCredential c = parent.clients().keptCredential(service, client).orElseThrow(() -> new ValidationException(
                    "The panel has no private key of client '" + client + "' for '" + service + "': it keeps one only"
                            + " when asked (--keep-private-key). Remove the client and add it again to make a new one"));
            PrintWriter out = spec.commandLine().getOut();
            out.println(c.authPrivateLine());
            out.println("Tor Browser asks for the key alone: " + c.privateKey());
            if (exportDir != null) {
                try {
                    out.println("Wrote " + c.writeTo(exportDir) + " (0600).");
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot write to " + exportDir + ": " + e.getMessage(), e);
                }
            }
        }
    }
}
