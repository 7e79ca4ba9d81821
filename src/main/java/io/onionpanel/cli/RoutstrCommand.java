package io.onionpanel.cli;

import io.onionpanel.common.ValidationException;
import io.onionpanel.onion.OnionServices;
import io.onionpanel.onion.ServiceInfo;
import io.onionpanel.probe.ServiceTarget;
import io.onionpanel.routstr.EnvFile;
import io.onionpanel.routstr.RoutstrSetup;
import io.onionpanel.settings.SettingsStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code routstr configure}: puts a service's address and the fixed SOCKS port into Routstr's .env. */
@Command(name = "routstr", description = "Wire a service into Routstr Core.", subcommands = RoutstrCommand.Configure.class)
public final class RoutstrCommand {
    @ParentCommand
    OnionPanelCli root;

    @Command(name = "configure", sortOptions = false, description = {
            "Set ONION_URL=http://<address> and TOR_PROXY_URL=socks5://127.0.0.1:<fixed SOCKS port> in Routstr's .env",
            "(nothing else in the file changes; the previous file is kept as .env.bak), then wait until Routstr's",
            "/v1/info reports the address. Needs a fixed SOCKS port (settings socks-port N)."})
    static final class Configure implements Callable<Integer> {
        @ParentCommand RoutstrCommand parent;
        @Spec CommandSpec spec;
        @Option(names = "--env", paramLabel = "FILE", required = true, description = "Routstr's .env (created if missing)")
        Path env;
        @Option(names = "--service", paramLabel = "NAME", required = true, description = "The service in front of Routstr")
        String service;
        @Option(names = "--routstr-url", paramLabel = "URL", description = "Where Routstr answers locally (default: the"
                + " service's target for port 80, e.g. http://127.0.0.1:8000)")
        String routstrUrl;
        @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "120", description = "How long to wait for"
                + " Routstr to report the address after you restart it; 0 = look once (default: ${DEFAULT-VALUE})")
        int waitSeconds;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            if (waitSeconds < 0 || waitSeconds > 3600) {
                throw new ValidationException("--wait must be between 0 and 3600 seconds");
            }
            Path dataDir = parent.root.dataDir();
            ServiceInfo info = new OnionServices(dataDir).list().stream()
                    .filter(s -> s.name().equalsIgnoreCase(service)).findFirst()
                    .orElseThrow(() -> new ValidationException("There is no service named '" + service + "'"));
            int socksPort = new SettingsStore(dataDir).load().tor().fixedSocksPort();
            EnvFile.Result r;
            try {
                r = RoutstrSetup.configure(env, info.onion(), socksPort);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not write " + env + ": " + e.getMessage(), e);
            }
            out.println((r.created() ? "Created " : "Updated ") + r.file()
                    + (r.backup() != null ? " (previous version kept as " + r.backup().getFileName() + ")" : ""));
            for (EnvFile.Change c : r.changes()) {
                out.println("  " + c.key() + "=" + c.newValue()
                        + (c.oldValue() == null ? "  (added)" : c.changed() ? "  (was " + (c.oldValue().isEmpty() ? "empty" : c.oldValue()) + ")" : "  (unchanged)"));
            }
            String base = routstrUrl != null ? routstrUrl.strip() : ServiceTarget.httpTarget(info).map(t -> "http://" + t)
                    .orElseThrow(() -> new ValidationException("The service has no host:port target; pass --routstr-url"));
            out.flush();
            RoutstrSetup.Check check = RoutstrSetup.awaitReported(base, info.onion(), Duration.ofSeconds(waitSeconds),
                    Duration.ofSeconds(2), m -> {
                        out.println(m);
                        out.flush();
                    });
            out.println(check.message());
            return check.outcome() == RoutstrSetup.CheckOutcome.REPORTED ? 0 : OnionPanelCli.EXIT_FAILURE;
        }
    }
}
