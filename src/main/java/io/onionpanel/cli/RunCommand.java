package io.onionpanel.cli;

import io.onionpanel.balance.BalanceMetrics;
import io.onionpanel.balance.BalanceSupervisor;
import io.onionpanel.engine.Engine;
import io.onionpanel.engine.EngineException;
import io.onionpanel.engine.EngineOptions;
import io.onionpanel.engine.InstanceLock;
import io.onionpanel.engine.TorRetries;
import io.onionpanel.engine.TorStatus;
import io.onionpanel.common.ValidationException;
import io.onionpanel.settings.SettingsException;
import io.onionpanel.settings.TorSettings;
import io.onionpanel.tor.TorException;
import io.onionpanel.tor.TorLocator;
import io.onionpanel.tor.TorSupport;
import io.onionpanel.tor.UnsupportedTorException;
import io.onionpanel.control.ControlServer;
import io.onionpanel.monitor.EngineMonitor;
import io.onionpanel.monitor.EngineShutdown;
import io.onionpanel.monitor.MetricsAddress;
import io.onionpanel.monitor.Monitor;
import io.onionpanel.monitor.MonitorListener;
import io.onionpanel.monitor.ServiceHealth;
import io.onionpanel.tor.TorrcLines;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code run}: starts tor and every enabled service, and stays up until SIGINT/SIGTERM. */
@Command(name = "run", description = "Run tor and the enabled services until interrupted (Ctrl+C / SIGTERM).")
public final class RunCommand implements Callable<Integer> {
    @ParentCommand OnionPanelCli root;
    @Spec CommandSpec spec;

    @Option(names = "--tor", paramLabel = "PATH", description = "Use this tor binary for this run instead of the one in the settings")
    Path tor;

    @Option(names = TorSupport.OVERRIDE_FLAG, description = "Run a tor older than the supported minimum (private test networks only)")
    boolean allowUnsupportedTor;

    @Option(names = "--torrc-append", paramLabel = "FILE",
            description = "Add these torrc lines (bridges, a private network); lines the panel manages, and relay or"
                    + " non-loopback listener lines, are refused")
    Path torrcAppend;

    @Option(names = "--json", description = "Print one JSON object per line")
    boolean json;

    @Option(names = "--metrics", paramLabel = "HOST:PORT",
            description = "Serve GET /metrics (Prometheus) and GET /status (JSON) on this loopback address, e.g. 127.0.0.1:9180")
    String metrics;

    @picocli.CommandLine.Mixin
    AttachFlags attach;

    /** {@code daemon --socket-group}: a second control socket for that group's members (the system service's). */
    io.onionpanel.control.GroupSocket groupSocket;

    @Override
    public Integer call() {
        return serve(false);
    }

    /**
     * Runs the engine until a signal or {@code stop}. {@code daemon}: the control socket opens first and stays for
     * the process's life, the data folder is held even while tor is stopped, and a tor that fails is started again
     * with backoff instead of ending the process (an always-on engine the window attaches to).
     */
    Integer serve(boolean daemon) {
        PrintWriter out = OnionPanelCli.outOf(spec);
        List<String> extra = torrcAppend == null ? List.of() : TorrcLines.readFile(torrcAppend);
        // Refused before anything starts: the endpoint never listens beyond loopback.
        InetSocketAddress metricsAddress = metrics == null ? null : MetricsAddress.parse(metrics);
        var attachTo = attach.settings();
        if (attachTo == null) {
            refuseUnsupportedTor();
        }
        RunEventPrinter printer = json ? new RunEventPrinter.Json(out) : new RunEventPrinter.Text(out);
        if (attachTo != null && attachTo.allowRemote() && !io.onionpanel.attach.ControlEndpoint.parse(attachTo.control()).isLoopback()) {
            OnionPanelCli.errOf(spec).println("Warning: the control port " + attachTo.control() + " is on another machine;"
                    + " the control protocol is not encrypted (authentication and service keys cross the network).");
        }
        Engine engine = new Engine(new EngineOptions(root.dataDir(), tor == null ? null : tor.toAbsolutePath(), extra, null,
                attachTo, allowUnsupportedTor));
        // The monitor hears the engine's events before the printer, as it did when the engine made it.
        Monitor monitor = EngineMonitor.attach(engine);
        // Also the JVM's shutdown hook: an exit we do not control (System.exit elsewhere, signals we cannot trap).
        EngineShutdown shutdown = EngineShutdown.of(engine, monitor);
        engine.addListener(printer);
        monitor.addListener(new MonitorListener() {
            @Override
            public void healthChanged(ServiceHealth health) {
                printer.healthChanged(health);
            }
        });
        if (metricsAddress != null) {
            try {
                InetSocketAddress bound = monitor.serveMetrics(metricsAddress);
                printer.notice("Metrics on http://" + bound.getHostString() + ":" + bound.getPort() + "/metrics and /status");
            } catch (IOException e) {
                printer.error("Cannot serve metrics on " + metrics + ": " + e.getMessage());
                shutdown.close();
                return OnionPanelCli.EXIT_FAILURE;
            }
        }
        CountDownLatch finished = new CountDownLatch(1);
        AtomicInteger exitCode = new AtomicInteger(0);
        TerminationSignals.install(finished::countDown);
        if (daemon) {
            return serveAsDaemon(engine, monitor, shutdown, printer, finished, groupSocket);
        }
        engine.addListener(new io.onionpanel.engine.EngineListener() {
            @Override
            public void torStatusChanged(TorStatus status) {
                if (status.state() == TorStatus.State.FAILED) {
                    exitCode.set(OnionPanelCli.EXIT_FAILURE);
                    finished.countDown();
                }
            }
        });
        try {
            engine.start();
        } catch (EngineException e) {
            printer.error(e.getMessage());
            shutdown.close();
            return OnionPanelCli.EXIT_FAILURE;
        }
        // The load-balanced frontend's Onionbalance, supervised beside tor (it does nothing without a frontend).
        BalanceSupervisor balance = new BalanceSupervisor(root.dataDir(), () -> engine.torLink().control(), engine::socksAddress);
        monitor.addMetricsText(() -> BalanceMetrics.render(balance.health()));
        balance.start();
        ControlServer control = null;
        try {
            control = ControlServer.start(engine, monitor, finished::countDown);
        } catch (IOException | RuntimeException e) {
            // The services run either way; only other commands lose the quick way in (they fall back to the file).
            printer.error("No control socket (" + e.getMessage() + "): the CLI's changes reach this engine at its next"
                    + " look at the settings file, within a second");
        }
        await(finished);
        if (control != null) {
            control.close();
        }
        balance.close();
        shutdown.close();
        printer.stopped();
        return exitCode.get();
    }

    private static Integer serveAsDaemon(Engine engine, Monitor monitor, EngineShutdown shutdown, RunEventPrinter printer,
                                         CountDownLatch finished, io.onionpanel.control.GroupSocket groupSocket) {
        ControlServer control;
        ControlServer groupControl = null;
        try (InstanceLock held = InstanceLock.acquire(engine.dataDir(), DAEMON_LOCK)) {
            try {
                control = ControlServer.start(engine, monitor, finished::countDown);
            } catch (IOException | RuntimeException e) {
                // Without its socket a daemon is unreachable for the window: better to say so and stop.
                printer.error("Cannot open the control socket: " + e.getMessage());
                shutdown.close();
                return OnionPanelCli.EXIT_FAILURE;
            }
            if (groupSocket != null) {
                try {
                    groupControl = ControlServer.startForGroup(engine, monitor, finished::countDown, groupSocket);
                    printer.notice("Control socket for the group " + groupSocket.group() + ": " + groupSocket.socket());
                } catch (IOException | RuntimeException e) {
                    // Asked for and not there: the group's windows could not attach, so say so rather than run without.
                    printer.error("Cannot open the control socket for the group " + groupSocket.group() + " at "
                            + groupSocket.socket() + ": " + e.getMessage());
                    control.close();
                    shutdown.close();
                    return OnionPanelCli.EXIT_FAILURE;
                }
            }
            TorRetries retries = new TorRetries(engine, printer::notice);
            engine.addListener(retries);
            retries.startNow();
            // The load-balanced frontend's Onionbalance, supervised beside tor (it does nothing without a frontend).
            BalanceSupervisor balance = new BalanceSupervisor(engine.dataDir(), () -> engine.torLink().control(),
                    engine::socksAddress);
            monitor.addMetricsText(() -> BalanceMetrics.render(balance.health()));
            balance.start();
            await(finished);
            retries.close();
            if (groupControl != null) {
                groupControl.close();
            }
            control.close();
            balance.close();
            shutdown.close();
            printer.stopped();
            return 0;
        } catch (EngineException e) {
            printer.error(e.getMessage());
            shutdown.close();
            return OnionPanelCli.EXIT_FAILURE;
        }
    }

    /** Held by a daemon for its whole life, beside the engine's own lock that it holds only while tor runs. */
    static final String DAEMON_LOCK = "daemon.lock";

    private static void await(CountDownLatch finished) {
        try {
            finished.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A tor the network no longer accepts is refused input (exit 2) before anything is written; a tor that cannot
     * be found at all is left to the engine, which fails with the same reason and fix.
     */
    private void refuseUnsupportedTor() {
        TorSettings settings;
        try {
            settings = root.settingsStore().load().tor();
        } catch (SettingsException e) {
            return; // the engine reports unreadable settings
        }
        try {
            TorLocator.forDataDir(root.dataDir()).select(tor == null ? null : tor.toAbsolutePath(), settings.binary(),
                    allowUnsupportedTor || settings.allowUnsupported());
        } catch (UnsupportedTorException e) {
            throw new ValidationException(e.getMessage());
        } catch (TorException e) {
            // No tor at all: a failure, reported by the engine at start.
        }
    }
}
