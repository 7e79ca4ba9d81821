package io.onionpanel.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.common.Poll;
import io.onionpanel.engine.Engine;
import io.onionpanel.engine.EngineErrors;
import io.onionpanel.engine.EngineOptions;
import io.onionpanel.engine.ServiceStatus;
import io.onionpanel.engine.TorStatus;
import io.onionpanel.onion.OnionAddress;
import io.onionpanel.settings.ClientAuth;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.settings.SettingsStore;
import io.onionpanel.testnet.NetworkTest;
import io.onionpanel.testnet.PrivateTorNetwork;
import io.onionpanel.testnet.TorNetworkSupport;
import io.onionpanel.tor.TorPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's safety rule with the bundled tor on the private network (tor gets services once bootstrapped):
 * client authorisation on with no client keeps the service out of tor's configuration, and a client change
 * reaches tor without a restart.
 */
@NetworkTest
class EngineClientAuthTest {
    @TempDir
    Path data;

    @Test
    void onWithoutClientsKeepsTheServiceOutOfTor() throws Exception {
        PrivateTorNetwork network = TorNetworkSupport.requireNetwork();
        SettingsStore store = new SettingsStore(data);
        store.update(s -> s.withTor(s.tor().withExtraTorrcLines(network.clientTorrcLines())).withServices(List.of(
                new ServiceConfig("open", true, List.of(PortMapping.of(80, "127.0.0.1:8000"))),
                new ServiceConfig("locked", true, List.of(PortMapping.of(80, "127.0.0.1:8000")), new ClientAuth(true, List.of())))));
        // A key file the panel does not list (as a restored tor folder may bring): tor restricts to it, and says so.
        Path stray = data.resolve("services/open/authorized_clients/stray.auth");
        Files.createDirectories(stray.getParent());
        Files.writeString(stray, ClientKeys.authLine(ClientKeys.generate().publicKey()) + "\n");
        ClientAuthorization clients = new ClientAuthorization(data);
        Path torrc = TorPaths.in(data).torrc();
        try (Engine engine = new Engine(new EngineOptions(data, null, List.of(), Duration.ofMillis(200)))) {
            List<String> errors = EngineErrors.of(engine);
            engine.start();
            // Services go to tor as it finishes bootstrapping, before the engine reports it running.
            Poll.until("tor bootstrapped", Duration.ofSeconds(120), () -> engine.torStatus().state() == TorStatus.State.RUNNING);
            assertTrue(Files.readString(torrc).contains("services/open"), Files.readString(torrc));
            long torPid = io.onionpanel.engine.RuntimeInfo.read(data).orElseThrow().torPid();
            assertFalse(Files.readString(torrc).contains("services/locked"), Files.readString(torrc));
            ServiceStatus locked = status(engine, "locked");
            assertEquals(ServiceStatus.State.STOPPED, locked.state());
            assertTrue(locked.detail().contains("kept offline: client authorisation is on but no client is authorised"),
                    locked.detail());
            assertTrue(errors.stream().anyMatch(e -> e.startsWith("Service 'locked' is kept offline")), errors.toString());
            // Its keys are made all the same: a generated client's credential names the address.
            assertEquals(OnionAddress.readHostname(data.resolve("services/locked")).orElseThrow(), locked.onion(),
                    "a held-back service has its address, though tor does not run it");
            assertTrue(errors.contains("Service 'open': its authorized_clients folder has .auth files for stray, but the"
                    + " panel lists none (client authorisation off). tor admits exactly the clients with a file there."), errors.toString());
            Files.delete(stray);

            clients.add("locked", "carol", ClientKeys.generate().publicKey(), null, false);
            Poll.until("locked goes to tor", Duration.ofSeconds(30), () -> status(engine, "locked").state() == ServiceStatus.State.STARTING);
            assertTrue(Files.readString(torrc).contains("services/locked"));
            Poll.until("locked has its keys", Duration.ofSeconds(30), () -> OnionAddress.readHostname(data.resolve("services/locked")).isPresent());

            // A client change of a running service re-creates it in tor.
            clients.add("open", "dave", ClientKeys.generate().publicKey(), null, false);
            clients.remove("locked", "carol");
            Poll.until("locked is held back again", Duration.ofSeconds(30), () -> status(engine, "locked").state() == ServiceStatus.State.STOPPED);
            assertFalse(Files.readString(torrc).contains("services/locked"), Files.readString(torrc));
            assertTrue(Files.readString(torrc).contains("services/open"));
            assertEquals(torPid, io.onionpanel.engine.RuntimeInfo.read(data).orElseThrow().torPid(), "no tor restart");
            // Held back before carol and after her removal. Her removal deletes her .auth file a moment before the
            // settings say so: an engine that reads in between holds 'locked' back for that reason too (safe, and
            // seen in CI), so a third such line may come.
            long heldBack = errors.stream().filter(e -> e.startsWith("Service 'locked' is kept offline")).count();
            assertTrue(heldBack == 2 || heldBack == 3, errors.toString());
            assertEquals(1, errors.stream().filter(e -> e.startsWith("Service 'open': its authorized_clients folder has")).count(),
                    errors.toString());
            assertTrue(errors.stream().noneMatch(e -> e.contains("refused")), errors.toString());
        }
    }

    private static ServiceStatus status(Engine engine, String name) {
        return engine.services().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElse(new ServiceStatus(name, null, ServiceStatus.State.REMOVED, List.of(), null));
    }

}
