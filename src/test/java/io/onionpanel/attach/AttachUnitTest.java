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
        String cmd = EphemeralService.command(s, "ED25519-V3:KEY", AddOnionPow.forVersion("0.4.9.11"));
        assertEquals("ADD_ONION ED25519-V3:KEY Flags=V3Auth,MaxStreamsCloseCircuit MaxStreams=50 Port=80,127.0.0.1:8000"
                + " Port=80,127.0.0.1:8001 ClientAuthV3=" + pub, cmd);
        assertFalse(cmd.contains("Detach"));
        assertTrue(EphemeralService.hasClients(dir));
        assertEquals(List.of("HiddenServiceNumIntroductionPoints"),
                EphemeralService.notApplicable(s.defenses(), AddOnionPow.forVersion("0.4.9.11")));
        String before = EphemeralService.shape(s);
        Files.delete(dir.resolve("authorized_clients/alice.auth"));
        assertFalse(before.equals(EphemeralService.shape(s)), "a client change re-creates the service");
    }

    @Test
    void powGoesThroughAddOnionFromTor0492OnAndOtherwiseTheNoticeSaysWhy(@TempDir Path dir) throws Exception {
        Torrc.Service s = new Torrc.Service(dir, List.of(PortMapping.of(80, "127.0.0.1:8000")),
                DosDefenses.NONE.withPow(true, 100, 1000).withIntroductionPoints(4));
        for (String taking : List.of("0.4.9.11", "0.4.9.2-alpha", "0.5.0.1-alpha-dev (git-0123456789abcdef)")) {
            AddOnionPow pow = AddOnionPow.forVersion(taking);
            assertTrue(pow.accepted(), taking);
            assertEquals("ADD_ONION NEW:ED25519-V3 PoWDefensesEnabled=1 PoWQueueRate=100 PoWQueueBurst=1000"
                    + " Port=80,127.0.0.1:8000", EphemeralService.command(s, "NEW:ED25519-V3", pow), taking);
            List<String> lost = EphemeralService.notApplicable(s.defenses(), pow);
            assertEquals(List.of("HiddenServiceNumIntroductionPoints"), lost, taking);
            String notice = EphemeralService.lostDefensesNotice("api", lost, pow).orElseThrow();
            assertFalse(notice.contains("proof-of-work"), notice);
        }
        // tor's own defaults for rate and burst are not sent: tor keeps following its defaults.
        assertEquals(List.of("PoWDefensesEnabled=1"), AddOnionPow.forVersion("0.4.9.11").arguments(DosDefenses.NONE.withPow(true, null, null)));
        assertEquals(List.of(), AddOnionPow.forVersion("0.4.9.11").arguments(DosDefenses.NONE.withPow(false, 100, 1000)));

        for (String old : List.of("0.4.9.1-alpha", "0.4.8.12", "0.4.7.13 (git-7c1601fb6edd780f)", "unknown")) {
            AddOnionPow pow = AddOnionPow.forVersion(old);
            assertFalse(pow.accepted(), old);
            String cmd = EphemeralService.command(s, "NEW:ED25519-V3", pow);
            assertFalse(cmd.contains("PoW"), "an older tor refuses the whole command for them: " + cmd);
            List<String> lost = EphemeralService.notApplicable(s.defenses(), pow);
            assertEquals(List.of("HiddenServiceNumIntroductionPoints", "HiddenServicePoWDefensesEnabled",
                    "HiddenServicePoWQueueRate", "HiddenServicePoWQueueBurst"), lost, old);
            String notice = EphemeralService.lostDefensesNotice("api", lost, pow).orElseThrow();
            assertTrue(notice.contains("Service 'api' runs on the attached tor without proof-of-work: that tor")
                    && notice.contains("0.4.9.2") && notice.contains("HiddenServicePoWDefensesEnabled")
                    && notice.contains("without HiddenServiceNumIntroductionPoints: ADD_ONION cannot set them"), notice);
        }
        assertTrue(AddOnionPow.forVersion("0.4.8.12").reason().contains("that tor (0.4.8.12) takes proof-of-work through"
                + " ADD_ONION only from 0.4.9.2 on"), AddOnionPow.forVersion("0.4.8.12").reason());
        assertEquals(java.util.Optional.empty(), EphemeralService.lostDefensesNotice("api", List.of(), AddOnionPow.forVersion("0.4.7.13")));
    }

    @Test
    void thePublishedDescriptorTellsWhetherTheAttachedTorRunsPow() throws Exception {
        // Descriptors tor 0.4.9.11 published on the private network: with proof-of-work, and without (what a tor
        // built without the pow module publishes for a service it accepted PoW for).
        PublishedPow check = new PublishedPow("127.0.0.1:9051", notice -> { });
        String on = check.verdict(fixture("pow-on.desc"), "5czhh2hg2stimtpicidtijnlx5mvnh5clo5fiupbpz4qup4ouywxlqad", "api");
        assertEquals("Proof-of-work runs on the attached tor at 127.0.0.1:9051: 'api''s published descriptor carries"
                + " pow-params.", on);
        String off = check.verdict(fixture("pow-off.desc"), "2kvspecdr4htbu3cvbl2kqgjkjssatczvonqgk4qnrm353blcx3ifvyd", "api");
        assertTrue(off.startsWith("Proof-of-work is not running on the attached tor at 127.0.0.1:9051: it accepted"
                + " proof-of-work for 'api' but publishes its descriptor without pow-params") && off.contains("pow: no"), off);
    }

    private static String fixture(String name) throws java.io.IOException {
        try (var in = AttachUnitTest.class.getResourceAsStream("/io/onionpanel/onion/" + name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
        }
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
