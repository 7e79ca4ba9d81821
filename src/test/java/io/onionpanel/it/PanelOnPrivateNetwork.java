package io.onionpanel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.onionpanel.testnet.PrivateTorNetwork;
import io.onionpanel.testnet.StandInRoutstr;
import io.onionpanel.testnet.TorNetworkSupport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the end-to-end tests of the headless panel share, per test class: the private Tor network (skipped without
 * Debian's tor, failed on CI), a stand-in Routstr for the services to point at, and the panel's {@code run}
 * process joined to that network, which is stopped with the stand-in after the class's own {@code @AfterAll}.
 * <pre>{@code @RegisterExtension static final PanelOnPrivateNetwork panel = new PanelOnPrivateNetwork();}</pre>
 */
public final class PanelOnPrivateNetwork implements BeforeAllCallback, AfterAllCallback {
    private PrivateTorNetwork network;
    private StandInRoutstr api;
    private PanelProcess run;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        network = TorNetworkSupport.requireNetwork();
        api = StandInRoutstr.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stopRun();
        if (api != null) {
            api.close();
        }
    }

    public PrivateTorNetwork network() {
        return network;
    }

    /** The stand-in Routstr the services point at. */
    public StandInRoutstr api() {
        return api;
    }

    /** Starts the stand-in again on the port it had (where the services point) after the test stopped it. */
    public void restartApi(int port) throws IOException {
        api.close();
        api = StandInRoutstr.start(port);
    }

    /** {@code service add NAME --port 80=<the stand-in> FLAGS…}; the CLI must accept it. */
    public void addService(Path data, String name, String... flags) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("service", "add", name, "--port", "80=" + api.hostPort()));
        args.addAll(List.of(flags));
        PanelProcess.CliResult added = PanelProcess.cli(data, args.toArray(String[]::new));
        assertEquals(0, added.exit(), added.output());
    }

    /** A {@code run} on the data folder with the network's client lines appended to its torrc; the test owns it. */
    public PanelProcess launchRun(Path data, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("--torrc-append", network.clientTorrcFile().toString()));
        all.addAll(List.of(args));
        return PanelProcess.start(data, all.toArray(String[]::new));
    }

    /** {@link #launchRun} as {@link #run()}, the instance under test, stopped after the class. */
    public PanelProcess startRun(Path data, String... args) throws IOException {
        return adoptRun(launchRun(data, args));
    }

    /** A {@code run} started otherwise (e.g. attached to another tor) as {@link #run()}. */
    public PanelProcess adoptRun(PanelProcess process) {
        stopRun();
        run = process;
        return run;
    }

    /** The instance under test. */
    public PanelProcess run() {
        return run;
    }

    /** SIGTERM to {@link #run()}: its exit code, and it is no longer the instance under test. */
    public int terminateRun(Duration timeout) throws InterruptedException {
        try {
            return run.terminate(timeout);
        } finally {
            run = null;
        }
    }

    /** Closes {@link #run()} (killing it if it still runs), e.g. before stopping the tor it is attached to. */
    public void stopRun() {
        if (run != null) {
            run.close();
            run = null;
        }
    }

    /** Waits for the service's address, then for its descriptor to be published; returns the address. */
    public String awaitPublishedAddress(String service, Duration publish) throws InterruptedException {
        String address = run.awaitEvent("address", service, Duration.ofSeconds(60)).get("onion").asText();
        run.awaitEvent("published", service, publish);
        return address;
    }
}
