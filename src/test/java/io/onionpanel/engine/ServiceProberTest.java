package io.onionpanel.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.common.DaemonThreads;
import io.onionpanel.common.Poll;
import io.onionpanel.settings.AuthorizedClient;
import io.onionpanel.settings.ClientAuth;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.settings.SettingsStore;
import io.onionpanel.settings.SettingsWatcher;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The prober against a stand-in SOCKS port that counts connections (no tor: what a probe gets back is the private
 * network tests' business): a service with client authorisation is never probed through tor, and the first
 * request after publication is marked cold (a warm one needs an answer, which needs tor).
 */
class ServiceProberTest {
    private static final String ONION = "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz2345.onion";

    @TempDir
    Path data;

    @Test
    void aServiceWithClientAuthorisationIsNotProbedAndTheFirstProbeOfAnotherIsCold() throws Exception {
        ClientAuth bob = new ClientAuth(true, List.of(new AuthorizedClient("bob", "K".repeat(52), "", "")));
        new SettingsStore(data).update(s -> s.withServices(List.of(
                new ServiceConfig("private", true, List.of(PortMapping.of(80, "127.0.0.1:1")), bob),
                new ServiceConfig("public", true, List.of(PortMapping.of(80, "127.0.0.1:1"))))));
        AtomicInteger socksConnections = new AtomicInteger();
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(DaemonThreads.factory("test-engine"));
        try (ServerSocket socks = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            DaemonThreads.start("test-socks", () -> {
                while (!socks.isClosed()) {
                    try (Socket s = socks.accept()) {
                        socksConnections.incrementAndGet(); // closed at once: the probe fails, as without tor
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            StatusBoard board = new StatusBoard();
            List<ServiceCheck> checks = new CopyOnWriteArrayList<>();
            board.addListener(new EngineListener() {
                @Override
                public void serviceChecked(ServiceCheck check) {
                    checks.add(check);
                }
            });
            InetSocketAddress via = new InetSocketAddress(socks.getInetAddress(), socks.getLocalPort());
            // One engine second is 10 ms: the first probe comes 100 ms after publication.
            ServiceProber prober = new ServiceProber(thread, new Timescale(Duration.ofMillis(10)), board, () -> 1,
                    () -> via, SettingsWatcher.of(data)::current);
            thread.submit(() -> {
                board.update(new ServiceStatus("private", ONION, ServiceStatus.State.PUBLISHED, List.of(PortMapping.of(80, "127.0.0.1:1")), null));
                prober.published("private");
            }).get();
            Poll.until("private looked at", Duration.ofSeconds(10), () -> checks.stream().anyMatch(c -> c.service().equals("private")));
            ServiceCheck priv = checks.stream().filter(c -> c.service().equals("private")).findFirst().orElseThrow();
            assertTrue(priv.probe().clientAuthOnly(), "marked as not probed");
            assertFalse(priv.cold());
            assertEquals(0, socksConnections.get(), "no request through tor for a service with client authorisation");

            thread.submit(() -> {
                board.update(new ServiceStatus("public", ONION.replace('a', 'b'), ServiceStatus.State.PUBLISHED,
                        List.of(PortMapping.of(80, "127.0.0.1:1")), null));
                prober.published("public");
            }).get();
            Poll.until("public probed", Duration.ofSeconds(10), () -> checks.stream().anyMatch(c -> c.service().equals("public")));
            ServiceCheck pub = checks.stream().filter(c -> c.service().equals("public")).findFirst().orElseThrow();
            assertTrue(socksConnections.get() >= 1, "a published service is probed through tor");
            assertTrue(pub.cold(), "the first request after publication is cold");
            prober.close();
        } finally {
            thread.shutdownNow();
        }
    }
}
