package io.onionpanel.engine;

import io.onionpanel.onion.OnionAddress;
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
    /** Addresses (without ".onion") whose descriptor tor uploaded since its launch. */
    private final Set<String> uploaded = new HashSet<>();
    private final Map<String, ScheduledFuture<?>> publishTimers = new LinkedHashMap<>();

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
        uploaded.remove(OnionAddress.bare(onion));
    }

    /** tor's first HSDir took the descriptor of this address (without ".onion"): its starting service is published. */
    void uploaded(String address) {
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
    }

    /** tor is gone: no descriptor of its is up any more. */
    void clearUploads() {
        uploaded.clear();
    }
}
