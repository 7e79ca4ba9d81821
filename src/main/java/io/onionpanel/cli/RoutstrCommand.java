package io.onionpanel.cli;

import io.onionpanel.common.ValidationException;
import io.onionpanel.onion.OnionServices;
import io.onionpanel.onion.ServiceInfo;
import io.onionpanel.probe.ServiceTarget;
import io.onionpanel.routstr.EnvFile;
import io.onionpanel.routstr.RoutstrApiException;
import io.onionpanel.routstr.RoutstrConfigure;
import io.onionpanel.routstr.RoutstrSetup;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.settings.SettingsStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code routstr configure}: puts a service's onion URL on its Routstr node (admin API or .env). */
@Command(name = "routstr", description = "Wire a service into Routstr Core.", subcommands = RoutstrCommand.Configure.class)
public final class RoutstrCommand {
    @ParentCommand
    OnionPanelCli root;

    @Command(name = "configure", sortOptions = false, description = {
            "Make Routstr announce the service's address: onion_url=http://<address>[:port], and tor_proxy_url=",
            "socks5://127.0.0.1:<fixed SOCKS port> when one is set. With --admin-password-file, a running node is",
            "changed through its admin API (a node that has booted once ignores ONION_URL in .env: its database wins).",
            "The .env is written when the node has never started (does not answer), has no admin API (Routstr before",
            "0.2.0), or no password is given. Then waits until Routstr's /v1/info reports the address, and marks the",
            "service as a Routstr node so the health page checks that it keeps announcing it.",
            "The password is read from the file for one login and never stored or printed."})
    static final class Configure implements Callable<Integer> {
        @ParentCommand RoutstrCommand parent;
        @Spec CommandSpec spec;
        @Option(names = "--service", paramLabel = "NAME", required = true, description = "The service in front of Routstr")
        String service;
        @Option(names = "--routstr-url", paramLabel = "URL", description = "Where Routstr answers locally (default: the"
                + " service's target for port 80, e.g. http://127.0.0.1:8000)")
        String routstrUrl;
        @Option(names = "--admin-password-file", paramLabel = "FILE", description = "A file holding Routstr's admin"
                + " (dashboard) password on its first line")
        Path passwordFile;
        @Option(names = "--env", paramLabel = "FILE", description = "Routstr's .env (created if missing): used for a node"
                + " that has never started or has no admin API")
        Path env;
        @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "120", description = "How long to wait for"
                + " Routstr to report the address (after a restart, on the .env path); 0 = look once"
                + " (default: ${DEFAULT-VALUE})")
        int waitSeconds;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            if (waitSeconds < 0 || waitSeconds > 3600) {
                throw new ValidationException("--wait must be between 0 and 3600 seconds");
            }
            if (env == null && passwordFile == null) {
                throw new ValidationException("Give --admin-password-file (a running Routstr) or --env (a Routstr that"
                        + " has never started), or both");
            }
            Path dataDir = parent.root.dataDir();
            ServiceInfo info = new OnionServices(dataDir).list().stream()
                    .filter(s -> s.name().equalsIgnoreCase(service)).findFirst()
                    .orElseThrow(() -> new ValidationException("There is no service named '" + service + "'"));
            SettingsStore store = new SettingsStore(dataDir);
            int socksPort = store.load().tor().fixedSocksPort();
            String base = (routstrUrl != null ? routstrUrl.strip() : ServiceTarget.httpTarget(info).map(t -> "http://" + t)
                    .orElseThrow(() -> new ValidationException("The service has no host:port target; pass --routstr-url")))
                    .replaceAll("/+$", "");
            int virtualPort = info.ports().stream().map(PortMapping::virtualPort).filter(p -> p == 80).findFirst()
                    .orElse(info.ports().isEmpty() ? 80 : info.ports().get(0).virtualPort());
            RoutstrConfigure.Outcome o;
            try {
                o = RoutstrConfigure.apply(new RoutstrConfigure.Target(base, info.onion(), virtualPort, socksPort,
                        passwordFile == null ? null : password(passwordFile), env), m -> {
                            out.println(m);
                            out.flush();
                        });
            } catch (RoutstrApiException e) {
                spec.commandLine().getErr().println("Error: " + e.getMessage());
                return OnionPanelCli.EXIT_FAILURE;
            } catch (IOException e) {
                throw new UncheckedIOException("Could not write " + env + ": " + e.getMessage(), e);
            }
            boolean api = o.route() == RoutstrConfigure.Route.ADMIN_API;
            out.println("Path: " + (api ? "Routstr's admin API" : "Routstr's .env") + ", because " + o.why() + ".");
            if (o.env() != null) {
                out.println((o.env().created() ? "Created " : "Updated ") + o.env().file() + (o.env().backup() != null
                        ? " (previous version kept as " + o.env().backup().getFileName() + ")" : ""));
            }
            for (EnvFile.Change c : o.changes()) {
                out.println("  " + c.key() + "=" + c.newValue() + (c.oldValue() == null ? "  (added)" : c.changed()
                        ? "  (was " + (c.oldValue().isEmpty() ? "empty" : c.oldValue()) + ")" : "  (unchanged)"));
            }
            // From now on the health page checks that this node keeps announcing the service's address.
            store.update(s -> s.withMonitor(s.monitor().withRoutstrNode(info.name(), base)));
            out.flush();
            RoutstrSetup.Check check = RoutstrSetup.awaitAnnounced(base, o.expectedUrl(), !api,
                    Duration.ofSeconds(api ? Math.min(waitSeconds, 15) : waitSeconds), Duration.ofSeconds(2), m -> {
                        out.println(m);
                        out.flush();
                    });
            out.println(check.message());
            return check.outcome() == RoutstrSetup.CheckOutcome.REPORTED ? 0 : OnionPanelCli.EXIT_FAILURE;
        }

        /** The first line of the file, for one login; the file's name is the only part of it ever printed. */
        private static String password(Path file) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ValidationException("Cannot read the admin password file " + file + " ("
                        + e.getClass().getSimpleName() + ")");
            }
            String first = text.lines().findFirst().orElse("");
            if (first.isEmpty()) {
                throw new ValidationException("The admin password file " + file + " is empty");
            }
            return first;
        }
    }
}
