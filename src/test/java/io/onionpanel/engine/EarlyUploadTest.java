package io.onionpanel.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When the engine gives tor its services again so that a starting service's descriptor goes up at once. Every step
 * runs on the engine's thread, as in the engine; a step and its check share a task, so that the batch timer cannot
 * fire between them.
 */
class EarlyUploadTest {
    private static final String A = "a".repeat(56);
    private static final String B = "b".repeat(56);

    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger reapplied = new AtomicInteger();
    private final AtomicBoolean uploadsUnderWay = new AtomicBoolean();
    /** One "second" is 100 ms: a ready service waits 30 ms for the others of its batch. */
    private final EarlyUpload early = new EarlyUpload(thread, new Timescale(Duration.ofMillis(100)), uploadsUnderWay::get,
            reapplied::incrementAndGet);

    @AfterEach
    void stop() {
        thread.shutdownNow();
    }

    private void onThread(Runnable r) throws Exception {
        thread.submit(r).get();
    }

    /** Long past the batch time, and whatever the timer did is done. */
    private void afterBatch() throws Exception {
        Thread.sleep(200);
        onThread(() -> { });
    }

    @Test
    void onceEveryIntroCircuitOfBothDescriptorsIsEstablishedTorGetsItsServicesAgainOnce() throws Exception {
        onThread(() -> {
            early.starting(A + ".onion", null);
            for (int id = 1; id <= 5; id++) {
                early.circuitChanged(established(id, A));
            }
            assertEquals(0, reapplied.get(), "five of the six intro circuits (3 per descriptor) are not enough");
            early.circuitChanged(established(6, A));
            assertEquals(1, reapplied.get(), "no other service starts: at once");
            early.circuitChanged(established(7, A));
        });
        afterBatch();
        assertEquals(1, reapplied.get(), "once per start");
    }

    @Test
    void aCircuitReportedTwiceCountsOnceAndOtherStatesAndServicesDoNotCount() throws Exception {
        onThread(() -> {
            early.starting(A, 1);
            early.circuitChanged(established(1, A));
            early.circuitChanged(established(1, A));
            early.circuitChanged("CIRC_MINOR 2 PURPOSE_CHANGED $F~r1,$E~r2 BUILD_FLAGS=IS_INTERNAL,NEED_UPTIME"
                    + " PURPOSE=HS_SERVICE_INTRO HS_STATE=HSSI_CONNECTING REND_QUERY=" + A);
            early.circuitChanged(established(3, B));
            early.circuitChanged("CIRC 4 BUILT $F~r1 PURPOSE=HS_SERVICE_INTRO HS_STATE=HSSI_ESTABLISHED REND_QUERY=" + A);
        });
        afterBatch();
        assertEquals(0, reapplied.get());
        onThread(() -> early.circuitChanged(established(5, A)));
        assertEquals(1, reapplied.get(), "HiddenServiceNumIntroductionPoints 1: two circuits");
    }

    @Test
    void servicesStartingTogetherAreGivenTogetherWhenTheLastIsReady() throws Exception {
        onThread(() -> {
            aIsReadyWhileBBuildsItsCircuits();
            assertEquals(0, reapplied.get(), "A waits for B, still building its circuits");
            bIsReady();
            assertEquals(1, reapplied.get(), "one reload for both");
        });
        afterBatch();
        assertEquals(1, reapplied.get(), "the batch's timer was cancelled");
    }

    @Test
    void aReadyServiceWaitsForTheOthersOnlyForTheBatchTime() throws Exception {
        onThread(() -> {
            aIsReadyWhileBBuildsItsCircuits();
            assertEquals(0, reapplied.get());
        });
        afterBatch();
        assertEquals(1, reapplied.get(), "B is not ready after the batch time: A goes without it");
        onThread(this::bIsReady);
        assertEquals(2, reapplied.get(), "then B when it is ready");
    }

    @Test
    void noReloadWhileUploadsAreUnderWay() throws Exception {
        uploadsUnderWay.set(true);
        onThread(() -> {
            early.starting(A, 1);
            early.circuitChanged(established(1, A));
            early.circuitChanged(established(2, A));
        });
        afterBatch();
        assertEquals(0, reapplied.get(), "tor would drop those uploads unannounced: A waits for tor's own run");
    }

    @Test
    void anUploadThatTorBeganOnItsOwnAServiceThatStoppedOrAChangeLeaveNothingToHurry() throws Exception {
        onThread(() -> {
            early.starting(A, 1);
            early.starting(B, 1);
            early.uploading(A);
            early.retain(Set.of(A));
            for (int id = 1; id <= 4; id++) {
                early.circuitChanged(established(id, id % 2 == 0 ? A : B));
            }
        });
        afterBatch();
        assertEquals(0, reapplied.get());

        onThread(() -> {
            aIsReadyWhileBBuildsItsCircuits();
            early.applied(); // another change kept every service and gave tor its services: that ran tor's events for A
        });
        afterBatch();
        assertEquals(0, reapplied.get(), "a change in the meantime did it");

        onThread(() -> {
            early.starting(A, 1);
            early.clear();
            early.circuitChanged(established(8, A));
            early.circuitChanged(established(9, A));
        });
        afterBatch();
        assertEquals(0, reapplied.get(), "another tor");
    }

    @Test
    void aServiceStartedAgainCountsItsNewCircuitsOnly() throws Exception {
        onThread(() -> {
            early.starting(A, 1);
            early.circuitChanged(established(1, A));
            early.starting(A, 1);
            early.circuitChanged(established(2, A));
            assertEquals(0, reapplied.get());
            early.circuitChanged(established(3, A));
            assertEquals(1, reapplied.get());
        });
    }

    /** A and B started together with one intro point each; both of A's circuits are established, none of B's. */
    private void aIsReadyWhileBBuildsItsCircuits() {
        early.starting(A, 1);
        early.starting(B, 1);
        early.circuitChanged(established(1, A));
        early.circuitChanged(established(2, A));
    }

    private void bIsReady() {
        early.circuitChanged(established(3, B));
        early.circuitChanged(established(4, B));
    }

    /** The event tor sends when an intro point acknowledged ESTABLISH_INTRO (tor 0.4.9's layout). */
    private static String established(int id, String address) {
        return "CIRC_MINOR " + id + " PURPOSE_CHANGED $F~r1,$E~r2,$D~r3 BUILD_FLAGS=IS_INTERNAL,NEED_UPTIME"
                + " PURPOSE=HS_SERVICE_INTRO HS_STATE=HSSI_ESTABLISHED REND_QUERY=" + address
                + " TIME_CREATED=2026-12-03T19:03:14.023497 OLD_PURPOSE=HS_SERVICE_INTRO OLD_HS_STATE=HSSI_CONNECTING";
    }
}
