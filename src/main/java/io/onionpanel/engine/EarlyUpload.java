package io.onionpanel.engine;

import io.onionpanel.onion.OnionAddress;
import io.onionpanel.tor.TorEvent;
import io.onionpanel.tor.TorEventParser;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets a new service's descriptor uploaded as soon as its introduction points are ready, not up to a second later.
 *
 * <p>tor runs its onion-service events (build descriptors, launch intro circuits, upload) once a second, and at once
 * when a SETCONF of the services keeps every service it ran (tor 0.4.9.11, {@code register_all_services}: the old
 * services leave its map one by one, the emptied map disables the onion-service timer and the new map enables it,
 * which runs it). A new service then gets its two descriptors (current and next time period) and the intro circuits
 * for them at once; those are ready within a fraction of a second, but the upload waits for the next run, a second
 * after the SETCONF (on the private network the first HS_DESC UPLOAD came 1.00–1.03 s after it in every run;
 * OnionShare's ADD_ONION waits the same). So when every intro circuit of a starting service is established (CIRC_MINOR
 * PURPOSE_CHANGED to HS_STATE=HSSI_ESTABLISHED, REND_QUERY = its address), the engine gives tor the same services
 * again, once: tor's events run at once and the descriptor goes up. tor keeps every running service's descriptors and
 * circuits across that reload (it matches them by key).
 *
 * <p>The reload is not free. tor re-reads its configuration and every service folder, and it starts the proof-of-work
 * state of every service that has PoW over ({@code move_hs_state} does not carry it): new seeds, suggested effort back
 * to 0, queued introductions dropped, descriptors re-uploaded. tor does all that at every SETCONF of the services, so
 * every add, edit or removal already did it once; the early reload does it a second time, a fraction of a second
 * later. Hence: services that start together (tor's bootstrap, an import) share one reload (a ready service waits up
 * to {@link #BATCH} for the others still building circuits); no reload while uploads the engine follows are under way
 * (tor would drop them unannounced when it re-uploads the PoW services); none for an attached tor (ADD_ONION).
 *
 * <p>If tor stops behaving so, nothing is lost: the descriptor goes up at tor's next run as before. Engine thread.
 */
final class EarlyUpload {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    /** tor's HiddenServiceNumIntroductionPoints default. */
    static final int DEFAULT_INTRO_POINTS = 3;
    /** A new service has a descriptor for the current time period and one for the next, each with its own intro points. */
    private static final int DESCRIPTORS = 2;

    /** How long a service whose intro circuits are ready waits for others still starting (a fraction of tor's second). */
    static final Duration BATCH = Duration.ofMillis(300);

    private final ScheduledExecutorService thread;
    private final Timescale time;
    private final BooleanSupplier uploadsInFlight;
    private final Runnable reapply;
    /** Starting services (address without ".onion") → intro circuits tor needs before it can upload. */
    private final Map<String, Integer> needed = new HashMap<>();
    private final Map<String, Set<String>> established = new HashMap<>();
    /** Services whose intro circuits are ready, waiting for the others of their batch. */
    private final Set<String> due = new LinkedHashSet<>();
    private ScheduledFuture<?> batchTimer;

    /**
     * @param uploadsInFlight whether uploads the engine follows (a starting service's, a client change's) are under way
     * @param reapply         gives tor the services it runs again (on {@code thread}, the engine thread)
     */
    EarlyUpload(ScheduledExecutorService thread, Timescale time, BooleanSupplier uploadsInFlight, Runnable reapply) {
        this.thread = thread;
        this.time = time;
        this.uploadsInFlight = uploadsInFlight;
        this.reapply = reapply;
    }

    /**
     * tor was just given its services by a change that kept every service it ran: that ran its events already, for the
     * ready services too. (A change that took one out did not: the ready ones are still due.)
     */
    void applied() {
        due.clear();
        cancelTimer();
    }

    /** tor was just given this service (new, turned on, or re-created) and builds its intro circuits now. */
    void starting(String onion, Integer introPoints) {
        String address = OnionAddress.bare(onion);
        needed.put(address, DESCRIPTORS * (introPoints == null ? DEFAULT_INTRO_POINTS : introPoints));
        established.remove(address);
    }

    /** tor began uploading this address's descriptor (HS_DESC UPLOAD): nothing to hurry any more. */
    void uploading(String onion) {
        String address = OnionAddress.bare(onion);
        Integer waitedFor = needed.get(address);
        if (waitedFor != null) {
            Set<String> ready = established.getOrDefault(address, Set.of());
            LOG.info("tor uploads {}.onion on its own schedule ({} of {} intro circuits were reported ready)", address,
                    ready.size(), waitedFor);
        }
        forget(address);
    }

    /** The service went, or its upload began: nothing to hurry. */
    void forget(String onion) {
        String address = OnionAddress.bare(onion);
        needed.remove(address);
        established.remove(address);
        due.remove(address);
        if (due.isEmpty()) {
            cancelTimer();
        }
    }

    /** Only these addresses (without ".onion") still run: the others cannot upload any more. */
    void retain(Set<String> running) {
        needed.keySet().retainAll(running);
        established.keySet().retainAll(running);
        due.retainAll(running);
        if (due.isEmpty()) {
            cancelTimer();
        }
    }

    /** Another tor: its services start from nothing. */
    void clear() {
        needed.clear();
        established.clear();
        due.clear();
        cancelTimer();
    }

    /** A CIRC_MINOR line (as {@link TorEvent.Other#line()}): an intro circuit of a starting service may be ready now. */
    void circuitChanged(String line) {
        if (needed.isEmpty() || !line.startsWith("CIRC_MINOR ")) {
            return;
        }
        if (!(TorEventParser.parse("CIRC " + line.substring("CIRC_MINOR ".length())) instanceof TorEvent.Circuit c)) {
            return;
        }
        String address = c.fields().get("REND_QUERY");
        if (address == null || !"HSSI_ESTABLISHED".equals(c.fields().get("HS_STATE")) || !needed.containsKey(address)) {
            return;
        }
        Set<String> ready = established.computeIfAbsent(address, a -> new HashSet<>());
        ready.add(c.id());
        if (ready.size() >= needed.get(address)) {
            needed.remove(address);
            established.remove(address);
            due.add(address);
            LOG.info("The {} intro circuits of {}.onion are ready", ready.size(), address);
            if (needed.isEmpty()) {
                give(); // no other service is still building circuits
            } else if (batchTimer == null) {
                batchTimer = thread.schedule(this::give, time.millis(BATCH), TimeUnit.MILLISECONDS);
            }
        }
    }

    private void give() {
        cancelTimer();
        if (due.isEmpty()) {
            return;
        }
        List<String> onions = due.stream().map(a -> a + ".onion").toList();
        due.clear();
        if (uploadsInFlight.getAsBoolean()) {
            LOG.info("Uploads are under way: {} go up at tor's next run", onions);
            return;
        }
        LOG.info("tor gets its services again and uploads {} now", onions);
        reapply.run();
    }

    private void cancelTimer() {
        if (batchTimer != null) {
            batchTimer.cancel(false);
            batchTimer = null;
        }
    }
}
