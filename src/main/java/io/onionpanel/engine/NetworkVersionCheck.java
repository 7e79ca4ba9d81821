package io.onionpanel.engine;

import io.onionpanel.tor.NetworkVersionStatus;
import io.onionpanel.tor.TorBinary;
import io.onionpanel.tor.TorControl;
import io.onionpanel.tor.TorSupport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks tor what the network thinks of its version (it has the consensus once bootstrapped), keeps the answer
 * for commands run while tor is down, and asks again while this tor runs: the recommended versions can change
 * with any consensus. Engine thread.
 */
final class NetworkVersionCheck {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    /** The consensus, and with it the recommended versions, changes hourly; asking tor costs one GETINFO. */
    private static final Duration VERSION_RECHECK = Duration.ofMinutes(10);

    private final ScheduledExecutorService thread;
    private final Timescale time;
    private final StatusBoard board;
    private final Path dataDir;
    private final IntSupplier generation;
    private final Supplier<TorControl> control;
    private final Supplier<TorBinary> binary;
    private ScheduledFuture<?> next;

    NetworkVersionCheck(ScheduledExecutorService thread, Timescale time, StatusBoard board, Path dataDir,
                        IntSupplier generation, Supplier<TorControl> control, Supplier<TorBinary> binary) {
        this.thread = thread;
        this.time = time;
        this.board = board;
        this.dataDir = dataDir;
        this.generation = generation;
        this.control = control;
        this.binary = binary;
    }

    /** Asks now and every {@link #VERSION_RECHECK} while the tor of generation {@code gen} runs. */
    void check(int gen) {
        TorControl live = control.get();
        if (gen != generation.getAsInt() || live == null) {
            return;
        }
        String version = binary.get().version();
        try {
            NetworkVersionStatus status = NetworkVersionStatus.ask(live, version);
            TorStatus torStatus = board.torStatus();
            if (torStatus.network() == null || !status.status().equals(torStatus.network().status())) {
                if (status.obsolete() || status.status().equals("unrecommended")) {
                    board.error("tor " + version + " is " + status.inWords() + ". " + TorSupport.fix());
                }
                LOG.info("The network says tor {} is {}", version, status.status());
            }
            board.setTorStatus(board.torStatus().withNetwork(status));
            status.save(dataDir);
        } catch (IOException e) {
            LOG.warn("Could not ask tor what the network thinks of its version: {}", e.toString());
        }
        cancel(); // a bootstrap reported again: one timer per tor
        next = thread.schedule(() -> check(gen), time.millis(VERSION_RECHECK), TimeUnit.MILLISECONDS);
    }

    void cancel() {
        if (next != null) {
            next.cancel(false);
            next = null;
        }
    }
}
