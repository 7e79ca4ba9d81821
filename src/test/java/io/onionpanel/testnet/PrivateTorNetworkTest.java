package io.onionpanel.testnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.tor.ObsoleteTor;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Briar's client-only tor (0.4.7.13 from the test-scoped org.briarproject:tor-linux) joins the private network,
 * publishes an onion service for a stand-in Routstr and reaches it through its own SOCKS port.
 */
@NetworkTest
class PrivateTorNetworkTest {

    @Test
    void bundledTorPublishesAndReachesAnOnionServiceOnThePrivateNetwork(@TempDir Path tmp) throws Exception {
        PrivateTorNetwork network = TorNetworkSupport.requireNetwork();
        System.out.println("Private Tor network ready after " + network.startupTime().toMillis() + " ms ("
                + network.startupReport() + "), client torrc " + network.clientTorrcFile());
        Path tor = ObsoleteTor.extract(tmp);

        long t0 = System.nanoTime();
        try (StandInRoutstr routstr = StandInRoutstr.start();
             OnionServiceTor bundled = OnionServiceTor.start("bundled-tor", tor, tmp.resolve("bundled-tor"),
                     network.clientTorrcLines(), routstr.port())) {
            String version = bundled.controlCommand("GETINFO version").get(0);
            assertTrue(version.contains("0.4.7.13"), "expected the bundled tor, got " + version);

            bundled.enableNetwork();
            // Asking before the descriptor is on the HSDirs makes tor skip them for minutes.
            bundled.awaitDescriptorUploaded(Duration.ofMinutes(2));
            long published = System.nanoTime();
            Socks5Http.HttpResult info = bundled.getUntilOk("/v1/info", Duration.ofMinutes(2));
            System.out.printf("Bundled tor: descriptor uploaded after %d ms, /v1/info answered after %d ms%n",
                    (published - t0) / 1_000_000, (System.nanoTime() - t0) / 1_000_000);

            assertEquals(200, info.status());
            assertEquals(StandInRoutstr.INFO_JSON, info.body());
            assertTrue(routstr.requestCount() >= 1, "the request must have reached the stand-in");

            Socks5Http.HttpResult missing = Socks5Http.get("127.0.0.1", bundled.socksPort(),
                    "http://" + bundled.onionAddress() + "/v1/nothing-here", Duration.ofSeconds(60));
            assertEquals(404, missing.status());
            assertEquals(StandInRoutstr.NOT_FOUND_JSON, missing.body());
        }
    }
}
