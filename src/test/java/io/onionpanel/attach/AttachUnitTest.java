package io.onionpanel.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.common.ValidationException;
import io.onionpanel.onion.OnionAddress;
import io.onionpanel.onion.OnionKeys;
import io.onionpanel.settings.DosDefenses;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.tor.Torrc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pure logic of attach mode: control addresses, the ADD_ONION command, key files. */
class AttachUnitTest {
    @Test
    void controlAddressesAreParsedAndRemoteOnesRefused() {
        assertTrue(ControlEndpoint.parse("127.0.0.1:9051").isLoopback());
        assertTrue(ControlEndpoint.parse("localhost:9051").isLoopback());
        assertTrue(ControlEndpoint.parse("[::1]:9051").isLoopback());
        assertTrue(ControlEndpoint.parse("unix:/run/tor/control").isUnix());
        assertEquals("unix:/run/tor/control", ControlEndpoint.parse("unix:/run/tor/control").toString());
        ControlEndpoint remote = ControlEndpoint.parse("192.0.2.10:9051");
        assertFalse(remote.isLoopback());
        ValidationException e = assertThrows(ValidationException.class, () -> remote.requireAllowed(false));
        assertTrue(e.getMessage().contains("not encrypted") && e.getMessage().contains("--allow-remote-control"), e.getMessage());
        assertEquals(remote, remote.requireAllowed(true));
        for (String bad : List.of("9051", "127.0.0.1:", "127.0.0.1:70000", "unix:relative", "a b:9051", "127.0.0.1:9051\"",
                "127.0.0.1:9051\nSIGNAL HALT")) {
            assertThrows(ValidationException.class, () -> ControlEndpoint.parse(bad), bad);
        }
    }

    @Test
    void addOnionCarriesPortsClientsAndStreamLimitsButNeverDetach(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("authorized_clients"));
        String pub = "N2NU7BSRL6YODZCYPN4CREB54TYLKGIE2KYOQWLFYC23ZJVCE5DQ";
        Files.writeString(dir.resolve("authorized_clients/alice.auth"), "descriptor:x25519:" + pub + "\n");
        Torrc.Service s = new Torrc.Service(dir, List.of(PortMapping.of(80, "127.0.0.1:8000", "127.0.0.1:8001")),
                DosDefenses.NONE.withMaxStreams(50, true).withIntroductionPoints(5));
        String cmd = EphemeralService.command(s, "ED25519-V3:KEY");
        assertEquals("ADD_ONION ED25519-V3:KEY Flags=V3Auth,MaxStreamsCloseCircuit MaxStreams=50 Port=80,127.0.0.1:8000"
                + " Port=80,127.0.0.1:8001 ClientAuthV3=" + pub, cmd);
        assertFalse(cmd.contains("Detach"));
        assertEquals(List.of("HiddenServiceNumIntroductionPoints"), EphemeralService.notApplicable(s.defenses()));
        String before = EphemeralService.shape(s);
        Files.delete(dir.resolve("authorized_clients/alice.auth"));
        assertFalse(before.equals(EphemeralService.shape(s)), "a client change re-creates the service");
    }

    @Test
    void keysGoBothWaysBetweenTheFolderAndAddOnion(@TempDir Path dir) throws Exception {
        assertEquals("NEW:ED25519-V3", EphemeralService.keyArgument(dir));
        // A clamped ed25519 scalar + 32 bytes of PRF secret: what tor stores and ADD_ONION returns.
        byte[] expanded = new byte[64];
        new SecureRandom().nextBytes(expanded);
        expanded[0] &= (byte) 248;
        expanded[31] &= 127;
        expanded[31] |= 64;
        String reply = "ED25519-V3:" + Base64.getEncoder().encodeToString(expanded);
        EphemeralService.storeNewKey(dir, reply);
        assertEquals(reply, EphemeralService.keyArgument(dir));
        byte[] file = Files.readAllBytes(dir.resolve(OnionKeys.SECRET_KEY_FILE));
        OnionKeys.requireSecretKeyFile(file);
        String address = OnionAddress.readHostname(dir).orElseThrow();
        assertEquals(OnionAddress.fromPublicKey(OnionKeys.publicKeyFromSecretKeyFile(file)), address);
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve(OnionKeys.SECRET_KEY_FILE))));
    }
}
