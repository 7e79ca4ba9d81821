package io.onionpanel.engine;

import io.onionpanel.onion.OnionAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * From a service's start to its descriptor on the HSDirs: the publish timer that reports a service still
 * unpublished after the settings' timeout, and the services whose descriptor went up, which the
 * {@link ServiceProber} then probes. Engine thread.
 *
 * <p>A starting service is PUBLISHED when visitors can fetch its descriptor ({@link UploadRound#visitorsCanFetch()}):
 * an HSDir of tor's first round of uploads took it and at most one has not answered yet. Not at the first that took
 * it: a visitor's tor asks one of the HSDirs at random, and one that has not got the descriptor yet answers "not
 * found", after which that tor leaves that HSDir alone for a while. On the private network, waiting for the round
 * made the first visit after Published take 0.2–0.35 s in most runs instead of 0.3–0.5 s; not waiting for the last
 * HSDir saved 0.6–4 s in 6 of 15 rounds (docs/benchmarks.md, issue 17's service add). HSDirs that do not answer hold
 * it back for at most {@link #ROUND_GRACE_SECONDS} after the first took it.
 */
final class PublicationWatch {
    private final ScheduledExecutorService thread;
    private final Timescale time;
    private final StatusBoard board;
    private final TorLogTail tail;
    /** The running tor's generation: a timer or a verdict of an earlier tor is dropped. */
    private final IntSupplier generation;
    /** Told of each service published, by name. */
    private final Consumer<String> published;
    /** Addresses (without ".onion") whose descriptor is up since tor's launch: a first round of uploads is over. */
    private final Set<String> uploaded = new HashSet<>();
    private final Map<String, ScheduledFuture<?>> publishTimers = new LinkedHashMap<>();
    /** The first round of uploads of each starting service's descriptor, by address. */
    private final Map<String, UploadRound> rounds = new HashMap<>();
    private final Map<String, ScheduledFuture<?>> graceTimers = new HashMap<>();
    static final int ROUND_GRACE_SECONDS = 5;

    PublicationWatch(ScheduledExecutorService thread, Timescale time, StatusBoard board, TorLogTail tail,
                     IntSupplier generation, Consumer<String> published) {
        this.thread = thread;
        this.time = time;
        this.board = board;
        this.tail = tail;
        this.generation = generation;
        this.published = published;
    }

    boolean isUploaded(String onion) {
        return uploaded.contains(OnionAddress.bare(onion));
    }

    /** The service stopped or is re-created: its next upload is news again. */
    void forget(String onion) {
        String address = OnionAddress.bare(onion);
        uploaded.remove(address);
        rounds.remove(address);
        cancelGrace(address);
    }

    /** tor sent the descriptor of this address (without ".onion") to this HSDir (HS_DESC UPLOAD). */
    void uploading(String address, String hsDir) {
        if (!uploaded.contains(address)) {
            rounds.computeIfAbsent(address, a -> new UploadRound()).sent(hsDir);
        }
    }

    /** An HSDir took the descriptor of this address (HS_DESC UPLOADED). */
    void uploaded(String address, String hsDir) {
        UploadRound round = rounds.get(address);
        if (round == null) {
            // No upload of it was seen: an attached tor's events, or a client change's (it follows the round itself).
            publish(address);
        } else if (round.answered(hsDir, true)) {
            answered(address, round);
        }
    }

    /** An HSDir refused or lost the descriptor of this address (HS_DESC FAILED). */
    void failed(String address, String hsDir) {
        UploadRound round = rounds.get(address);
        if (round != null && round.answered(hsDir, false)) {
            answered(address, round);
        }
    }

    /**
     * One more HSDir of a starting service's first round answered (this watch's round, or a client change's): the
     * service is published when visitors can fetch the descriptor, or {@link #ROUND_GRACE_SECONDS} after the first
     * HSDir took it (tor says nothing of an upload it dropped).
     */
    void answered(String address, UploadRound round) {
        if (round.visitorsCanFetch()) {
            publish(address);
        } else if (round.accepted() > 0 && !graceTimers.containsKey(address)) {
            int gen = generation.getAsInt();
            graceTimers.put(address, thread.schedule(() -> {
                graceTimers.remove(address);
                if (gen == generation.getAsInt()) {
                    publish(address);
                }
            }, time.millis(ROUND_GRACE_SECONDS), TimeUnit.MILLISECONDS));
        }
    }

    /** Whether uploads of a starting service's descriptor are under way. */
    boolean uploadsInFlight() {
        return rounds.values().stream().anyMatch(UploadRound::inFlight);
    }

    private void cancelGrace(String address) {
        ScheduledFuture<?> f = graceTimers.remove(address);
        if (f != null) {
            f.cancel(false);
        }
    }

    /** The starting service of this address (without ".onion") is published. */
    private void publish(String address) {
        cancelGrace(address);
        rounds.remove(address);
        uploaded.add(address);
        for (ServiceStatus s : board.services()) {
            if (s.onion() != null && OnionAddress.bare(s.onion()).equals(address) && s.state() == ServiceStatus.State.STARTING) {
                cancelPublishTimer(s.name());
                board.update(s.with(ServiceStatus.State.PUBLISHED, null));
                published.accept(s.name());
            }
        }
    }

    /** Reports the service if it is still starting after this many seconds. */
    void armPublishTimer(String name, int seconds) {
        cancelPublishTimer(name);
        int gen = generation.getAsInt();
        publishTimers.put(name, thread.schedule(() -> {
            ServiceStatus s = board.service(name);
            if (gen == generation.getAsInt() && s != null && s.state() == ServiceStatus.State.STARTING) {
                board.error("Service '" + name + "' (" + s.onion() + ") is not published after " + seconds
                        + " s; tor keeps trying." + tail.lastWords());
            }
        }, time.millis(seconds), TimeUnit.MILLISECONDS));
    }

    void cancelPublishTimer(String name) {
        ScheduledFuture<?> f = publishTimers.remove(name);
        if (f != null) {
            f.cancel(false);
        }
    }

    /** tor stops: no timer of its services may fire. */
    void cancelAll() {
        publishTimers.values().forEach(f -> f.cancel(false));
        publishTimers.clear();
        graceTimers.values().forEach(f -> f.cancel(false));
        graceTimers.clear();
    }

    /** tor is gone: no descriptor of its is up any more. */
    void clearUploads() {
        uploaded.clear();
        rounds.clear();
        graceTimers.values().forEach(f -> f.cancel(false));
        graceTimers.clear();
    }
}
