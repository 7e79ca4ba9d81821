package io.onionpanel.ui.tester;

import io.onionpanel.testnet.OnionServiceTor;
import io.onionpanel.testnet.PrivateTorNetwork;
import io.onionpanel.testnet.StandInRoutstr;
import io.onionpanel.testnet.TorNetworkSupport;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** The stand-in Routstr published as an onion service on the private Tor network, for the window tests. */
final class OnionUnderTest implements AutoCloseable {
    volatile StandInRoutstr routstr;
    final OnionServiceTor tor;
    final InetSocketAddress socks;

    OnionUnderTest(String name) throws Exception {
        PrivateTorNetwork network = TorNetworkSupport.requireNetwork();
        Path dir = Files.createTempDirectory("onion-ui-" + name);
        routstr = StandInRoutstr.start();
        tor = OnionServiceTor.start(name, TorNetworkSupport.onPath("tor").orElseThrow(), dir.resolve("tor"),
                network.clientTorrcLines(), routstr.port());
        tor.enableNetwork();
        tor.awaitDescriptorUploaded(Duration.ofMinutes(2));
        tor.getUntilOk("/v1/info", Duration.ofMinutes(2));
        socks = new InetSocketAddress("127.0.0.1", tor.socksPort());
    }

    /** Stops the stand-in; returns a handle that brings it back on the same port (where the service points). */
    AutoCloseable stopRoutstr() {
        int port = routstr.port();
        routstr.stop();
        return () -> routstr = StandInRoutstr.start(port);
    }

    String onion() {
        return tor.onionAddress();
    }

    @Override
    public void close() {
        tor.close();
        routstr.close();
    }
}
