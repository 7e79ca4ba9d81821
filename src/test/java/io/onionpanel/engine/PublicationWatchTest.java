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
 * A starting service is published when every HSDir tor sent its descriptor to has answered and one took it, not at the
 * first that took it: a visitor's tor asks one at random, and one still without it answers "not found".
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
    void publishedWhenTheLastHsDirOfTheRoundAnswered() throws Exception {
        starting();
        onThread(() -> {
            for (int i = 0; i < 4; i++) {
                watch.uploading(ADDRESS);
            }
            watch.uploaded(ADDRESS);
            watch.failed(ADDRESS);
            watch.uploaded(ADDRESS);
        });
        assertEquals(ServiceStatus.State.STARTING, state(), "one HSDir of four still has no answer");
        assertEquals(List.of(), published);
        onThread(() -> watch.uploaded(ADDRESS));
        assertEquals(ServiceStatus.State.PUBLISHED, state());
        assertEquals(List.of("api"), published);
        onThread(() -> assertTrue(watch.isUploaded(ADDRESS + ".onion")));
    }

    @Test
    void anHsDirThatNeverAnswersHoldsItBackOnlyForTheGrace() throws Exception {
        starting();
        onThread(() -> {
            watch.uploading(ADDRESS);
            watch.uploading(ADDRESS);
            watch.uploaded(ADDRESS);
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
            watch.uploading(ADDRESS);
            watch.uploading(ADDRESS);
            watch.failed(ADDRESS);
            watch.failed(ADDRESS);
        });
        assertEquals(ServiceStatus.State.STARTING, state(), "no HSDir took it");
        onThread(() -> {
            watch.uploading(ADDRESS);
            watch.uploaded(ADDRESS);
        });
        assertEquals(ServiceStatus.State.PUBLISHED, state());
    }

    @Test
    void anUploadWithoutItsRequestSeenPublishesAtOnce() throws Exception {
        starting();
        onThread(() -> watch.uploaded(ADDRESS)); // events of an attached tor, or a re-created service's first copy
        assertEquals(ServiceStatus.State.PUBLISHED, state());
    }
}
