package io.onionpanel.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The tester never resolves a name locally: tor gets the name (SOCKS5 address type 3). Proven with names no
 * local DNS can resolve (a made-up onion and a .invalid name, which would fail with UnknownHostException before
 * any connection if looked up here), and by the name arriving verbatim at the SOCKS server.
 */
class NoLocalDnsTest {
    static final String ONION = "2gzyxa5ihm7nsggfxnu52rck2vv4rvmdlkiu3zzui5du4xyclen53wid.onion";

    @Test
    void onionNameGoesToTheSocksServerUnresolved() throws Exception {
        assertThrows(UnknownHostException.class, () -> InetAddress.getByName(ONION),
                "precondition: the name must not be resolvable locally");
        try (FakeSocksServer socks = new FakeSocksServer(0, "{\"ok\":true}")) {
            EndpointTester tester = new EndpointTester(new InetSocketAddress("127.0.0.1", socks.port()), null);
            ProbeResult r = tester.run("http://" + ONION, ProbeRequest.INFO, new ProbeOptions(2, 1, true, List.of(), null),
                    ProbeListener.NONE, new AtomicBoolean());
            assertEquals(2, r.summary().ok(), r.verdictText());
            assertEquals("{\"ok\":true}", r.attempts().get(0).body());
            assertEquals(2, socks.connects.size());
            for (FakeSocksServer.Connect c : socks.connects) {
                assertEquals(3, c.addressType(), "the name, not an address");
                assertEquals(ONION, c.host());
                assertEquals(80, c.port());
            }
            // Fresh circuits: different isolation credentials per request.
            assertEquals(2, new HashSet<>(socks.connects.stream().map(FakeSocksServer.Connect::user).toList()).size());
            assertEquals("fresh", r.attempts().get(1).circuit());
        }
    }

    @Test
    void clearnetNamesAreNotResolvedLocallyEither() throws Exception {
        String name = "no-such-host.invalid";
        try (FakeSocksServer socks = new FakeSocksServer(0, "x")) {
            EndpointTester tester = new EndpointTester(new InetSocketAddress("127.0.0.1", socks.port()), null);
            ProbeResult r = tester.run("http://" + name + ":8080", ProbeRequest.MODELS,
                    new ProbeOptions(1, 1, false, List.of(), null), ProbeListener.NONE, new AtomicBoolean());
            assertTrue(r.allOk(), r.verdictText());
            assertEquals(new FakeSocksServer.Connect(3, name, 8080, EndpointTester.SHARED_ISOLATION), socks.connects.get(0));
        }
    }

    @Test
    void torDnsNeverReturnsARealAddressAndTheSocketRefusesOthers() throws Exception {
        InetAddress placeholder = TorDns.INSTANCE.lookup(ONION).get(0);
        assertEquals("0.0.0.0", placeholder.getHostAddress());
        assertEquals(ONION, TorDns.nameOf(placeholder).orElseThrow());
        // An address resolved outside TorDns is refused rather than sent to tor as an IP.
        assertThrows(IllegalArgumentException.class, () -> TorSocketFactory.hostName(
                new InetSocketAddress(InetAddress.getByAddress(new byte[]{127, 0, 0, 1}), 80)));
        assertNotEquals(placeholder, InetAddress.getByAddress(new byte[]{127, 0, 0, 1}));
    }

    @Test
    void socksRepliesBecomeVerdicts() throws Exception {
        int[][] cases = {{0xF0, 0}, {0xF2, 1}, {0xF7, 1}, {0xF3, 2}, {0x06, 2}};
        ProbeVerdict[] expected = {ProbeVerdict.DESCRIPTOR_NOT_FOUND, ProbeVerdict.INTRODUCTION_FAILED,
                ProbeVerdict.RENDEZVOUS_FAILED};
        for (int[] c : cases) {
            try (FakeSocksServer socks = new FakeSocksServer(c[0], "")) {
                EndpointTester tester = new EndpointTester(new InetSocketAddress("127.0.0.1", socks.port()), null);
                ProbeResult r = tester.run(ONION, ProbeRequest.INFO, new ProbeOptions(1, 1, false,
                        List.of(java.time.Duration.ofMillis(10)), null), ProbeListener.NONE, new AtomicBoolean());
                assertEquals(expected[c[1]], r.verdict(), "reply 0x" + Integer.toHexString(c[0]));
                assertEquals(1, r.attempts().get(0).retries(), "proxy errors are retried");
                assertEquals(2, socks.connects.size());
            }
        }
    }

    @Test
    void nothingOnTheSocksPortMeansTorNotReady() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        EndpointTester tester = new EndpointTester(new InetSocketAddress("127.0.0.1", port), null);
        ProbeResult r = tester.run(ONION, ProbeRequest.INFO, new ProbeOptions(1, 1, false, List.of(), null),
                ProbeListener.NONE, new AtomicBoolean());
        assertEquals(ProbeVerdict.TOR_NOT_READY, r.verdict());
        assertTrue(r.verdictText().startsWith("tor is not ready"), r.verdictText());
    }
}
