package io.onionpanel.engine;

import io.onionpanel.onion.OnionAddress;
import io.onionpanel.tor.TorEvent;
import io.onionpanel.tor.TorEventParser;
import java.util.HashMap;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets a new service's descriptor uploaded as soon as its introduction points are ready, not up to a second later.
 *
 * <p>tor runs its onion-service events (build descriptors, launch intro circuits, upload) once a second, and when its
 * set of services is replaced (a SETCONF of the services): it then builds the new service's two descriptors (current
 * and next time period) and launches their intro circuits at once. Those are ready within a fraction of a second, but
 * the upload waits for the next run, a second after the SETCONF (on the private network the first HS_DESC UPLOAD
 * came 1.00–1.03 s after it in every run; OnionShare's ADD_ONION waits the same). So when every intro circuit of a
 * starting service is established (CIRC_MINOR PURPOSE_CHANGED to HS_STATE=HSSI_ESTABLISHED, REND_QUERY = its
 * address), the engine gives tor the same services again, once: tor's events run at once and the descriptor goes up.
 * tor keeps every running service's descriptors and circuits across that reload (it matches them by key).
 *
 * <p>Each such reload costs tor a little: it re-reads its configuration, and re-seeds the proof-of-work of every service
 * that has it, re-uploading their descriptors (tor 0.4.9 does so at every SETCONF of the services, so every add or
 * removal already does it once). So services that start together (tor's bootstrap, an import) are given together: a
 * service that is ready waits up to {@link #BATCH} for the others that are still building their circuits.
 *
 * <p>If tor stops behaving so, nothing is lost: the descriptor goes up at tor's next run as before. An attached tor
 * (ADD_ONION) gets no command from the same services again, and uploads at its own pace. Engine thread.
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
    private final Runnable reapply;
    /** Starting services (address without ".onion") → intro circuits tor needs before it can upload. */
    private final Map<String, Integer> needed = new HashMap<>();
    private final Map<String, Set<String>> established = new HashMap<>();
    /** Services whose intro circuits are ready, waiting for the others of their batch. */
    private final Set<String> due = new LinkedHashSet<>();
    private ScheduledFuture<?> batchTimer;

    /** @param reapply gives tor the services it runs again (on {@code thread}, the engine thread) */
    EarlyUpload(ScheduledExecutorService thread, Timescale time, Runnable reapply) {
        this.thread = thread;
        this.time = time;
        this.reapply = reapply;
    }

    /** tor was just given its services (a change): that ran its events already, for the ready services too. */
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
        giveIfBatchComplete();
    }

    /** Only these addresses (without ".onion") still run: the others cannot upload any more. */
    void retain(Set<String> running) {
        needed.keySet().retainAll(running);
        established.keySet().retainAll(running);
        due.retainAll(running);
        giveIfBatchComplete();
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
            if (!giveIfBatchComplete() && batchTimer == null) {
                batchTimer = thread.schedule(this::give, time.millis(BATCH), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Gives tor its services again when ready services wait and no other service is still building circuits. */
    private boolean giveIfBatchComplete() {
        if (!due.isEmpty() && needed.isEmpty()) {
            give();
            return true;
        }
        if (due.isEmpty()) {
            cancelTimer();
        }
        return false;
    }

    private void give() {
        cancelTimer();
        if (due.isEmpty()) {
            return;
        }
        LOG.info("tor gets its services again and uploads {} now", due.stream().map(a -> a + ".onion").toList());
        due.clear();
        reapply.run();
    }

    private void cancelTimer() {
        if (batchTimer != null) {
            batchTimer.cancel(false);
            batchTimer = null;
        }
    }
}
