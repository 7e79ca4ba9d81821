package io.onionpanel.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.onionpanel.testnet.NetworkTest;
import io.onionpanel.testnet.PrivateTorNetwork;
import io.onionpanel.testnet.StandInRoutstr;
import io.onionpanel.testnet.TorNetworkSupport;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/** 20 SIGKILLs of tor while the service is published: each time the same address is published and reachable. */
@NetworkTest
class TorCrashDrillOnPrivateNetworkIntegrationTest {
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path data;

    @Test
    void theSameAddressComesBackAfterEveryKill() throws Exception {
        PrivateTorNetwork network = TorNetworkSupport.requireNetwork();
        try (StandInRoutstr api = StandInRoutstr.start()) {
            TorCrashDrill.Result r = TorCrashDrill.run(network, api, data, 20, line -> System.out.println("[tor-drill] " + line));
            assertEquals(20, r.toReachable().size());
            System.out.println("[tor-drill] kill -> published again: " + TorCrashDrill.summary(r.toPublished()));
            System.out.println("[tor-drill] kill -> reachable again: " + TorCrashDrill.summary(r.toReachable()));
        }
    }
}
