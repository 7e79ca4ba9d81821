package io.onionpanel.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.cli.CliRunner;
import io.onionpanel.common.Poll;
import io.onionpanel.probe.EndpointTester;
import io.onionpanel.probe.ProbeListener;
import io.onionpanel.probe.ProbeOptions;
import io.onionpanel.probe.ProbeRequest;
import io.onionpanel.probe.ProbeResult;
import io.onionpanel.routstr.EnvFile;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.settings.SettingsStore;
import io.onionpanel.testnet.NetworkTest;
import io.onionpanel.testnet.PrivateTorNetwork;
import io.onionpanel.testnet.StandInRoutstr;
import io.onionpanel.testnet.TorNetworkSupport;
import io.onionpanel.tor.TorPaths;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fixed SOCKS port with the real bundled tor: opened beside the automatic one, and refused plainly when taken. */
class FixedSocksPortTest {
    @TempDir
    Path data;

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void aTakenPortStopsTheStartWithAClearMessageInsteadOfPickingAnother() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            new SettingsStore(data).update(s -> s.withTor(s.tor().withFixedSocksPort(port)));
            try (Engine engine = new Engine(new EngineOptions(data, null, List.of("DisableNetwork 1"), null))) {
                EngineException e = assertThrows(EngineException.class, engine::start);
                assertTrue(e.getMessage().contains("127.0.0.1:" + port + " is in use by another program"), e.getMessage());
                assertEquals(TorStatus.State.FAILED, engine.torStatus().state());
                assertEquals(e.getMessage(), engine.torStatus().detail());
            }
        }
    }

    @Test
    void cliOffersOnlyAFreePortAndAutoClearsIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliRunner.Result refused = CliRunner.run(data, "settings", "socks-port", Integer.toString(taken.getLocalPort()));
            assertEquals(2, refused.exit(), refused.err());
            assertTrue(refused.err().contains("already in use"), refused.err());
            assertEquals(0, new SettingsStore(data).load().tor().fixedSocksPort(), "nothing saved");
        }
        assertEquals(2, CliRunner.run(data, "settings", "socks-port", "80").exit(), "privileged ports are refused");
        int port = freePort();
        CliRunner.Result set = CliRunner.run(data, "settings", "socks-port", Integer.toString(port));
        assertEquals(0, set.exit(), set.err());
        assertEquals(port, new SettingsStore(data).load().tor().fixedSocksPort());
        assertTrue(CliRunner.run(data, "settings", "socks-port").out().contains("127.0.0.1:" + port));
        assertEquals(0, CliRunner.run(data, "settings", "socks-port", "auto").exit());
        assertEquals(0, new SettingsStore(data).load().tor().fixedSocksPort());
    }

    @Test
    @NetworkTest
    void fixedPortCarriesClientTrafficAndRoutstrIsConfiguredWithIt() throws Exception {
        PrivateTorNetwork network = TorNetworkSupport.requireNetwork();
        int port = freePort();
        try (StandInRoutstr routstr = StandInRoutstr.start()) {
            new SettingsStore(data).update(s -> s.withTor(s.tor().withFixedSocksPort(port)).withServices(List.of(
                    new ServiceConfig("routstr", true, List.of(PortMapping.of(80, routstr.hostPort()))))));
            try (Engine engine = new Engine(new EngineOptions(data, null, network.clientTorrcLines(), null))) {
                engine.start();
                Poll.until("published", Duration.ofMinutes(3), () -> engine.services().stream()
                        .anyMatch(s -> s.state() == ServiceStatus.State.PUBLISHED));
                String onion = engine.services().get(0).onion();
                assertTrue(Files.readString(TorPaths.in(data).torrc()).contains("SocksPort 127.0.0.1:" + port + " ExtendedErrors"));
                assertNotEquals(port, engine.socksAddress().orElseThrow().getPort(), "the engine keeps its automatic port");

                ProbeResult r = new EndpointTester(new InetSocketAddress("127.0.0.1", port), routstr.hostPort())
                        .run("http://" + onion, ProbeRequest.MODELS, new ProbeOptions(3, 1, false, null, null),
                                ProbeListener.NONE, new AtomicBoolean());
                assertTrue(r.allOk(), r.verdictText());
                assertEquals(StandInRoutstr.MODELS_JSON, r.attempts().get(2).body());

                // probe without --socks finds the running instance's tor.
                CliRunner.Result probe = CliRunner.run(data, "probe", onion, "--json");
                assertEquals(0, probe.exit(), probe.out() + probe.err());

                Path env = data.resolve("routstr.env");
                Files.writeString(env, "# mine\r\nONION_URL=\r\nNAME=node\r\n");
                CliRunner.Result configure = CliRunner.run(data, "routstr", "configure", "--env", env.toString(),
                        "--service", "routstr", "--wait", "0");
                // The stand-in's /v1/info keeps onion_url "": the command says so and exits 1.
                assertEquals(1, configure.exit(), configure.out() + configure.err());
                assertTrue(configure.out().contains("Restart Routstr so it reads the new .env"), configure.out());
                assertTrue(configure.out().contains("reports onion_url \"\""), configure.out());
                assertEquals("# mine\r\nONION_URL=http://" + onion + "\r\nNAME=node\r\nTOR_PROXY_URL=socks5://127.0.0.1:"
                        + port + "\r\n", Files.readString(env));
                assertEquals("socks5://127.0.0.1:" + port, EnvFile.get(env, "TOR_PROXY_URL").orElseThrow());
            }
        }
        CliRunner.Result noTor = CliRunner.run(data, "probe", "http://example.onion");
        assertEquals(2, noTor.exit(), "an invalid address is bad input: " + noTor.err());
    }

    @Test
    void routstrConfigureRefusesWithoutFixedPort() throws Exception {
        Files.createDirectories(data.resolve("services/api"));
        Files.writeString(data.resolve("services/api/hostname"),
                "2gzyxa5ihm7nsggfxnu52rck2vv4rvmdlkiu3zzui5du4xyclen53wid.onion\n");
        new SettingsStore(data).update(s -> s.withServices(List.of(
                new ServiceConfig("api", true, List.of(PortMapping.of(80, "127.0.0.1:8000"))))));
        Path env = data.resolve(".env");
        Files.writeString(env, "A=1\n");
        CliRunner.Result r = CliRunner.run(data, "routstr", "configure", "--env", env.toString(), "--service", "api");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("fixed SOCKS port"), r.err());
        assertEquals("A=1\n", Files.readString(env));
        CliRunner.Result probe = CliRunner.run(data, "probe", "2gzyxa5ihm7nsggfxnu52rck2vv4rvmdlkiu3zzui5du4xyclen53wid.onion");
        assertEquals(1, probe.exit());
        assertTrue(probe.err().contains("not running"), probe.err());
    }

}
