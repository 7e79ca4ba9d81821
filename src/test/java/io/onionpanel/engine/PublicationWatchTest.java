package io.onionpanel.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.settings.PortMapping;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A starting service is published when an HSDir took its descriptor and at most one HSDir tor sent it to has not
 * answered, not at the first that took it: a visitor's tor asks one at random, and one still without it answers "not
 * found".
 */
class PublicationWatchTest {
    private static final String ADDRESS = "b".repeat(56);
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor();
    private final StatusBoard board = new StatusBoard();
    private final List<String> published = new CopyOnWriteArrayList<>();
    /** One "second" is 20 ms: the grace for an HSDir that never answers is 100 ms here. */
    private final PublicationWatch watch = new PublicationWatch(thread, new Timescale(Duration.ofMillis(20)), board,
            new TorLogTail(), () -> 1, published::add);

    @AfterEach
    void stop() {
        thread.shutdownNow();
    }

    private void starting() {
        board.update(new ServiceStatus("api", ADDRESS + ".onion", ServiceStatus.State.STARTING,
                List.of(PortMapping.of(80, "127.0.0.1:8000")), "Publishing the descriptor"));
    }

    private ServiceStatus.State state() throws Exception {
        return thread.submit(() -> board.service("api").state()).get();
    }

    private void onThread(Runnable r) throws Exception {
        thread.submit(r).get();
    }

    @Test
    void publishedWhenAnHsDirTookItAndAtMostOneHasNotAnswered() throws Exception {
        starting();
        onThread(() -> {
            for (String hsDir : List.of("$A", "$B", "$C", "$D")) {
                watch.uploading(ADDRESS, hsDir);
            }
            watch.uploading(ADDRESS, "$A"); // the next period's descriptor to the same HSDir
            watch.uploaded(ADDRESS, "$A");
            watch.failed(ADDRESS, "$B");
            watch.uploaded(ADDRESS, "$E"); // no upload of this round went there
        });
        assertEquals(ServiceStatus.State.STARTING, state(), "$A (its second copy), $C and $D have not answered");
        assertEquals(List.of(), published);
        onThread(() -> watch.uploaded(ADDRESS, "$A"));
        assertEquals(ServiceStatus.State.STARTING, state(), "$C and $D have not answered");
        onThread(() -> watch.uploaded(ADDRESS, "$C"));
        assertEquals(ServiceStatus.State.PUBLISHED, state(), "only $D has not answered: a visitor asks another");
        assertEquals(List.of("api"), published);
        onThread(() -> {
            assertTrue(watch.isUploaded(ADDRESS + ".onion"));
            watch.uploaded(ADDRESS, "$D");
        });
        assertEquals(List.of("api"), published, "published once");
    }

    @Test
    void anHsDirThatNeverAnswersHoldsItBackOnlyForTheGrace() throws Exception {
        starting();
        onThread(() -> {
            watch.uploading(ADDRESS, "$A");
            watch.uploading(ADDRESS, "$B");
            watch.uploading(ADDRESS, "$C");
            watch.uploaded(ADDRESS, "$A");
        });
        assertEquals(ServiceStatus.State.STARTING, state());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (state() != ServiceStatus.State.PUBLISHED && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(ServiceStatus.State.PUBLISHED, state(), "published after the grace, with the first HSDir's copy");
        assertEquals(List.of("api"), published);
    }

    @Test
    void aRoundThatAllFailedPublishesNothingAndTheNextRoundCounts() throws Exception {
        starting();
        onThread(() -> {
            watch.uploading(ADDRESS, "$A");
            watch.uploading(ADDRESS, "$B");
            watch.failed(ADDRESS, "$A");
            watch.failed(ADDRESS, "$B");
        });
        assertEquals(ServiceStatus.State.STARTING, state(), "no HSDir took it");
        onThread(() -> {
            watch.uploading(ADDRESS, "$A");
            watch.uploaded(ADDRESS, "$A");
        });
        assertEquals(ServiceStatus.State.PUBLISHED, state());
    }

    @Test
    void anUploadWithoutItsRequestSeenPublishesAtOnce() throws Exception {
        starting();
        onThread(() -> watch.uploaded(ADDRESS, "$A")); // events of an attached tor
        assertEquals(ServiceStatus.State.PUBLISHED, state());
    }
}
