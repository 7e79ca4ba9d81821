package io.onionpanel.cli;

import io.onionpanel.engine.Engine;
import io.onionpanel.engine.EngineException;
import io.onionpanel.engine.EngineOptions;
import io.onionpanel.engine.TorStatus;
import io.onionpanel.tor.TorrcLines;
import java.io.PrintWriter;
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

    @Option(names = "--tor", paramLabel = "PATH", description = "Use this tor binary instead of the bundled one")
    Path tor;

    @Option(names = "--torrc-append", paramLabel = "FILE",
            description = "Add these torrc lines (bridges, a private network); lines the panel manages are refused")
    Path torrcAppend;

    @Option(names = "--json", description = "Print one JSON object per line")
    boolean json;

    @picocli.CommandLine.Mixin
    AttachFlags attach;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<String> extra = torrcAppend == null ? List.of() : TorrcLines.readFile(torrcAppend);
        RunEventPrinter printer = json ? new RunEventPrinter.Json(out) : new RunEventPrinter.Text(out);
        var attachTo = attach.settings();
        if (attachTo != null && attachTo.allowRemote() && !io.onionpanel.attach.ControlEndpoint.parse(attachTo.control()).isLoopback()) {
            spec.commandLine().getErr().println("Warning: the control port " + attachTo.control() + " is on another machine;"
                    + " the control protocol is not encrypted (authentication and service keys cross the network).");
        }
        Engine engine = new Engine(new EngineOptions(root.dataDir(), tor == null ? null : tor.toAbsolutePath(), extra, null,
                attachTo));
        engine.addListener(printer);
        CountDownLatch finished = new CountDownLatch(1);
        AtomicInteger exitCode = new AtomicInteger(0);
        engine.addListener(new io.onionpanel.engine.EngineListener() {
            @Override
            public void torStatusChanged(TorStatus status) {
                if (status.state() == TorStatus.State.FAILED) {
                    exitCode.set(OnionPanelCli.EXIT_FAILURE);
                    finished.countDown();
                }
            }
        });
        // Fallback for a JVM exit we do not control (e.g. System.exit elsewhere, signals we cannot trap).
        Thread hook = new Thread(engine::stop, "onion-panel-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        TerminationSignals.install(finished::countDown);
        try {
            engine.start();
        } catch (EngineException e) {
            printer.error(e.getMessage());
            Runtime.getRuntime().removeShutdownHook(hook);
            return OnionPanelCli.EXIT_FAILURE;
        }
        try {
            finished.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        engine.stop();
        printer.stopped();
        Runtime.getRuntime().removeShutdownHook(hook);
        return exitCode.get();
    }
}
