package io.onionpanel.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code daemon}: the always-on engine. Like {@code run}, but its control socket is up for the process's whole life,
 * a failing tor is retried with backoff rather than ending it, and only {@code stop} (or a signal) ends it. What the
 * systemd units and the window start; the window attaches to it.
 */
@Command(name = "daemon", description = {"Run the engine for this data folder until stopped: tor, the enabled services,"
        + " and the control socket the window and the CLI use.", "A tor that fails is started again with backoff."})
public final class DaemonCommand implements Callable<Integer> {
    @ParentCommand OnionPanelCli root;
    /** Null when {@link DaemonStart} parsed the arguments (picocli not loaded): the process's own writers. */
    @Spec CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON object per line")
    boolean json;

    @Option(names = "--tor", paramLabel = "PATH", description = "Use this tor binary instead of the one in the settings")
    java.nio.file.Path tor;

    @Option(names = io.onionpanel.tor.TorSupport.OVERRIDE_FLAG,
            description = "Run a tor older than the supported minimum (private test networks only)")
    boolean allowUnsupportedTor;

    @Option(names = "--torrc-append", paramLabel = "FILE",
            description = "Add these torrc lines (bridges, a private network); lines the panel manages, and relay or"
                    + " non-loopback listener lines, are refused")
    java.nio.file.Path torrcAppend;

    @Option(names = "--metrics", paramLabel = "HOST:PORT",
            description = "Serve GET /metrics (Prometheus) and GET /status (JSON) on this loopback address, e.g. 127.0.0.1:9180")
    String metrics;

    @Option(names = "--socket-group", paramLabel = "GROUP",
            description = "Also open a control socket for the members of this group (0660, in its own 0750 folder),"
                    + " so that they can attach a window or the CLI; the system service uses onion-panel")
    String socketGroup;

    @Option(names = "--group-socket", paramLabel = "PATH",
            description = "Where the group's socket goes (default: ${DEFAULT-VALUE}, systemd's RuntimeDirectory)")
    java.nio.file.Path groupSocketPath = io.onionpanel.control.GroupSocket.SYSTEM_SOCKET;

    @Override
    public Integer call() {
        io.onionpanel.control.GroupSocket group = null;
        if (socketGroup != null) {
            try {
                group = new io.onionpanel.control.GroupSocket(groupSocketPath.toAbsolutePath(), socketGroup);
            } catch (io.onionpanel.common.ValidationException e) {
                OnionPanelCli.errOf(spec).println("Error: " + e.getMessage());
                return OnionPanelCli.EXIT_BAD_INPUT;
            }
        }
        RunCommand run = new RunCommand();
        run.root = root;
        run.spec = spec;
        run.json = json;
        run.tor = tor;
        run.allowUnsupportedTor = allowUnsupportedTor;
        run.torrcAppend = torrcAppend;
        run.metrics = metrics;
        run.attach = new AttachFlags();
        run.groupSocket = group;
        return run.serve(true);
    }
}
