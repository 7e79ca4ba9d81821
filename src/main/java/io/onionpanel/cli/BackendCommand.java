package io.onionpanel.cli;

import io.onionpanel.balance.BalancedServices;
import io.onionpanel.balance.JoinCode;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The backend side of load balancing: join a frontend with its code. */
@Command(name = "backend", description = "Serve as one of the machines behind a load-balanced onion address.",
        subcommands = {BackendCommand.Join.class})
public final class BackendCommand {
    @ParentCommand
    OnionPanelCli root;

    @Command(name = "join", description = {"Create the instance service for a frontend's join code, e.g.:",
            "  backend join obpanel1-… --port 80=127.0.0.1:8000",
            "It runs with HiddenServiceOnionBalanceInstance 1 and an ob_config naming the frontend; add the address it"
                    + " prints on the frontend (balance add-backend NAME ADDRESS)."})
    static final class Join implements Runnable {
        @ParentCommand BackendCommand parent;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "CODE") String code;
        @Option(names = "--port", paramLabel = "VIRT=TARGET", required = true,
                description = "The frontend's virtual port and this machine's API, e.g. 80=127.0.0.1:8000") List<String> ports;
        @Option(names = "--name", paramLabel = "NAME", defaultValue = "backend",
                description = "Name of the instance service (default: ${DEFAULT-VALUE})") String name;

        @Override
        public void run() {
            JoinCode parsed = JoinCode.parse(code);
            String address = new BalancedServices(parent.root.dataDir()).join(parsed, name, ServiceCommand.parsePorts(ports));
            PrintWriter out = spec.commandLine().getOut();
            out.println("'" + name + "' serves as an instance of frontend " + parsed.frontend() + ".");
            out.println("Its instance address: " + address);
            out.println("On the frontend machine run: onion-panel balance add-backend FRONTEND_NAME " + address);
        }
    }
}
