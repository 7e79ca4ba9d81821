package io.onionpanel.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.onion.NewServiceKeys;
import io.onionpanel.onion.OnionAddress;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.tor.TorEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service re-created for a client change is published by the rule of every starting service (an HSDir took the new
 * descriptor and at most one has not answered, or the grace after the first took it), and the change is complete when
 * every HSDir answered (or after the settle time). tor says nothing of an upload it dropped.
 */
class ClientChangeTrackerTest {
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor();
    /** One "second" is 20 ms: the grace is 100 ms, the settle time 200 ms. */
    private final Timescale time = new Timescale(Duration.ofMillis(20));
    private final StatusBoard board = new StatusBoard();
    private final List<String> notices = new CopyOnWriteArrayList<>();
    private final PublicationWatch publication = new PublicationWatch(thread, time, board, new TorLogTail(), () -> 1, name -> { });
    private final ClientChangeTracker tracker = new ClientChangeTracker(thread, time, board, publication, () -> null);
    private String address;

    @TempDir
    Path dir;

    @BeforeEach
    void serviceRecreatedForAClientChange() throws Exception {
        address = OnionAddress.bare(NewServiceKeys.createIfMissing(dir).orElseThrow());
        board.addListener(new EngineListener() {
            @Override
            public void notice(String message) {
                notices.add(message);
            }
        });
        board.update(new ServiceStatus("svc", address + ".onion", ServiceStatus.State.STARTING,
                List.of(PortMapping.of(80, "127.0.0.1:8000")), "Publishing the descriptor"));
        onThread(() -> tracker.track("svc", dir, Map.of(), Map.of("alice", "descriptor:x25519:KEY"), 0));
    }

    @AfterEach
    void stop() {
        thread.shutdownNow();
    }

    @Test
    void publishedWhenVisitorsCanFetchItAndCompleteWhenEveryHsDirAnswered() throws Exception {
        onThread(() -> {
            upload("UPLOAD", "$A");
            upload("UPLOAD", "$B");
            upload("UPLOAD", "$C");
            upload("UPLOADED", "$A");
            upload("UPLOADED", "$D"); // no upload of the new descriptor went there
        });
        assertEquals(ServiceStatus.State.STARTING, state(), "$B and $C have not answered");
        onThread(() -> upload("FAILED", "$B"));
        assertEquals(ServiceStatus.State.PUBLISHED, state(), "only $C has not answered");
        assertEquals(List.of(), notices, "the change completes when every HSDir answered");
        onThread(() -> upload("UPLOADED", "$C"));
        assertEquals(1, notices.size(), notices.toString());
        assertTrue(notices.get(0).startsWith("Client authorisation of 'svc' is on"), notices.get(0));
    }

    @Test
    void hsDirsThatNeverAnswerHoldItBackOnlyForTheGraceAndTheSettleTime() throws Exception {
        onThread(() -> {
            upload("UPLOAD", "$A");
            upload("UPLOAD", "$B");
            upload("UPLOAD", "$C");
            upload("UPLOADED", "$A");
        });
        assertEquals(ServiceStatus.State.STARTING, state());
        waitFor(() -> state() == ServiceStatus.State.PUBLISHED);
        waitFor(() -> notices.size() == 1);
    }

    private void upload(String action, String hsDir) {
        tracker.onUpload(new TorEvent.HsDesc(action, address, hsDir, null));
    }

    private ServiceStatus.State state() {
        try {
            return thread.submit(() -> board.service("svc").state()).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void onThread(Runnable r) throws Exception {
        thread.submit(r).get();
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(condition.getAsBoolean());
    }
}
