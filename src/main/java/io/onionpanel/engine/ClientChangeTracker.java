package io.onionpanel.engine;

import io.onionpanel.auth.RendezvousCircuits;
import io.onionpanel.onion.OnionAddress;
import io.onionpanel.tor.TorEvent;
import io.onionpanel.tor.TorHandle;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client changes (authorised clients added or revoked) of running services: tor re-creates the service, this
 * closes the connections of clients from before the change and follows the new descriptor's uploads until
 * every HSDir has it, then tells the operator what changed. Engine thread.
 */
final class ClientChangeTracker {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    private static final Duration CLIENT_CHANGE_SETTLE = Duration.ofSeconds(10);

    private final ScheduledExecutorService thread;
    private final Timescale time;
    private final StatusBoard board;
    private final PublicationWatch publication;
    private final Supplier<TorHandle> tor;
    /** Services re-created for a client change, by address without ".onion", until their new descriptor is up. */
    private final Map<String, ClientChange> changes = new HashMap<>();

    ClientChangeTracker(ScheduledExecutorService thread, Timescale time, StatusBoard board, PublicationWatch publication,
                        Supplier<TorHandle> tor) {
        this.thread = thread;
        this.time = time;
        this.board = board;
        this.publication = publication;
        this.tor = tor;
    }

    /**
     * After a service was re-created for a client change: closes rendezvous circuits tor still lists for it
     * (clients connected before the change), and waits for its new descriptor, which completes the change.
     */
    void track(String service, Path dir, Map<String, String> before, Map<String, String> after, int circuitsBefore) {
        Optional<String> onion = OnionAddress.readHostname(dir).map(OnionAddress::bare);
        if (onion.isEmpty()) {
            return;
        }
        int closed = 0;
        for (String id : rendezvousCircuits(dir)) {
            try {
                tor.get().control().command("CLOSECIRCUIT " + id);
                closed++;
            } catch (IOException | RuntimeException e) {
                LOG.debug("Circuit {} was already gone: {}", id, e.toString());
            }
        }
        String address = onion.get();
        publication.forget(address);
        ClientChange change = new ClientChange(service, before, after, Math.max(circuitsBefore, closed), System.nanoTime());
        changes.put(address, change);
        // HS_DESC events that tor sent before the change are already queued behind this task: they are about
        // the old descriptor and must not count as the new one's upload.
        thread.execute(() -> change.armed = true);
    }

    /** IDs of the service's rendezvous circuits (its clients' connections); empty if tor cannot say. */
    List<String> rendezvousCircuits(Path dir) {
        Optional<String> onion = OnionAddress.readHostname(dir).map(OnionAddress::bare);
        TorHandle running = tor.get();
        if (onion.isEmpty() || running == null) {
            return List.of();
        }
        try {
            return RendezvousCircuits.of(running.control().getInfo("circuit-status"), onion.get());
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot list circuits: {}", e.toString());
            return List.of();
        }
    }

    /** Whether uploads of this address (without ".onion") belong to a client change. */
    boolean follows(String address) {
        return changes.containsKey(address);
    }

    /** The service stopped or went: its change cannot complete. */
    void forget(String onion) {
        changes.remove(OnionAddress.bare(onion));
    }

    void clear() {
        changes.clear();
    }

    /**
     * Follows the uploads of a re-created service's new descriptor: the service is published when visitors can fetch
     * it ({@link UploadRound#visitorsCanFetch()}, the rule for every starting service, or
     * {@link PublicationWatch#ROUND_GRACE_SECONDS} after the first HSDir took it); the client change is complete
     * when every HSDir it went to answered, or {@link #CLIENT_CHANGE_SETTLE} after the first took it, so that clients
     * asking then get the new descriptor.
     */
    void onUpload(TorEvent.HsDesc d) {
        ClientChange change = changes.get(d.address());
        if (!change.armed) {
            return; // sent before the change: about the old descriptor
        }
        UploadRound round = change.round;
        switch (d.action()) {
            case "UPLOAD" -> round.sent(d.hsDir());
            case "UPLOADED", "FAILED" -> {
                if (!round.answered(d.hsDir(), d.action().equals("UPLOADED"))) {
                    return; // no upload of the new descriptor went there: an old upload finishing
                }
                publication.answered(d.address(), round);
                if (d.action().equals("UPLOADED") && round.accepted() == 1) {
                    String address = d.address();
                    thread.schedule(() -> complete(address, change), time.millis(CLIENT_CHANGE_SETTLE), TimeUnit.MILLISECONDS);
                }
                if (round.accepted() > 0 && round.over()) {
                    complete(d.address(), change);
                }
            }
            default -> { }
        }
    }

    /** Whether uploads of a re-created service's new descriptor are under way. */
    boolean uploadsInFlight() {
        return changes.values().stream().anyMatch(c -> c.armed && c.round.inFlight());
    }

    private void complete(String address, ClientChange change) {
        if (changes.get(address) == change) {
            changes.remove(address);
            board.notice(change.completed());
        }
    }
}
