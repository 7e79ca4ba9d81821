package io.onionpanel.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DaemonThreadsTest {
    @Test
    void factoryMakesNamedDaemonsThatHaveNotStarted() {
        Thread t = DaemonThreads.factory("onion-panel-x").newThread(() -> { });
        assertTrue(t.isDaemon(), "a worker must never keep the JVM alive");
        assertEquals("onion-panel-x", t.getName());
        assertEquals(Thread.State.NEW, t.getState(), "executors start their threads themselves");
    }

    @Test
    void startRunsTheWorkOnANamedDaemon() throws Exception {
        CompletableFuture<Thread> ranOn = new CompletableFuture<>();
        Thread t = DaemonThreads.start("onion-panel-y", () -> ranOn.complete(Thread.currentThread()));
        assertSame(t, ranOn.get(10, TimeUnit.SECONDS));
        assertTrue(t.isDaemon());
        assertEquals("onion-panel-y", t.getName());
    }
}
