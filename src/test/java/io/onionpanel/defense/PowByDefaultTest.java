package io.onionpanel.defense;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.onionpanel.cli.CliRunner;
import io.onionpanel.settings.DosDefenses;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.settings.SettingsStore;
import io.onionpanel.testnet.TorNetworkSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new service gets proof-of-work when the tor the settings would use has the pow module, and says so; without
 * the module it stays off with the reason; {@code --no-pow} turns it off; services that exist keep what they have.
 */
class PowByDefaultTest {
    @TempDir
    Path data;

    @Test
    void theRuleFollowsTheTorsPowModule() {
        assertEquals(DosDefenses.NONE.withPow(true, null, null), NewServiceDefenses.of(new PowSupport(true, "has it")));
        assertEquals(DosDefenses.NONE, NewServiceDefenses.of(new PowSupport(false, "has not")));
    }

    @Test
    void withTheDefaultTorANewServiceHasPowAndTheCliSaysSo() throws Exception {
        // Nothing chosen: the tor the panel finds (the system's 0.4.9 here) has the pow module.
        var added = CliRunner.run(data, "service", "add", "api", "--port", "80=127.0.0.1:8000");
        assertEquals(0, added.exit(), added.err());
        assertTrue(added.out().contains("HiddenServicePoWDefensesEnabled 1"), added.out());
        assertTrue(added.out().contains("Proof-of-work: on (turn it off with: service edit api --no-pow)."), added.out());
        assertEquals(DosDefenses.NONE.withPow(true, null, null), defenses("api"));

        var tuned = CliRunner.run(data, "service", "add", "tuned", "--port", "80=127.0.0.1:8001", "--pow-queue-rate", "100");
        assertEquals(0, tuned.exit(), tuned.err());
        assertEquals(DosDefenses.NONE.withPow(true, 100, null), defenses("tuned"));

        var off = CliRunner.run(data, "service", "add", "plain", "--port", "80=127.0.0.1:8002", "--no-pow");
        assertEquals(0, off.exit(), off.err());
        assertTrue(off.out().contains("Proof-of-work: off."), off.out());
        assertEquals(DosDefenses.NONE, defenses("plain"));

        var list = CliRunner.run(data, "service", "list");
        assertEquals(0, list.exit(), list.err());
        String apiLine = list.out().lines().filter(l -> l.startsWith("api ")).findFirst().orElseThrow();
        String plainLine = list.out().lines().filter(l -> l.startsWith("plain ")).findFirst().orElseThrow();
        assertTrue(apiLine.endsWith("; proof-of-work on"), apiLine);
        assertFalse(plainLine.contains("proof-of-work"), plainLine);
        var json = new ObjectMapper().readTree(CliRunner.run(data, "service", "list", "--json").out());
        assertTrue(json.get(0).get("pow").asBoolean());
        assertFalse(json.get(2).get("pow").asBoolean());
    }

    @Test
    void withATorWithoutThePowModuleItStaysOffWithTheReason() throws Exception {
        String old = io.onionpanel.tor.ObsoleteTor.extract(data.resolve("obsolete-tor")).toString();
        assertEquals(0, CliRunner.run(data, "tor", "binary", old, "--allow-unsupported-tor").exit());
        var added = CliRunner.run(data, "service", "add", "api", "--port", "80=127.0.0.1:8000");
        assertEquals(0, added.exit(), added.err());
        assertTrue(added.out().contains("Proof-of-work: off. The chosen tor") && added.out().contains("no proof-of-work module"),
                added.out());
        assertEquals(DosDefenses.NONE, defenses("api"));
    }

    @Test
    void existingServicesAreNotChangedAndBadInputChangesNothing() throws Exception {
        ServiceConfig old = new ServiceConfig("old", true, List.of(PortMapping.of(80, "127.0.0.1:8000")));
        new SettingsStore(data).update(s -> s.withServices(List.of(old)));
        useSystemTor();
        byte[] before = Files.readAllBytes(data.resolve("settings.json"));
        for (String[] bad : List.of(new String[] {"--port", "80=127.0.0.1:99999"}, new String[] {"--port", "80=127.0.0.1:8001",
                "--pow-queue-burst", "-1"}, new String[] {"--port", "80=127.0.0.1:8001", "--intro-points", "2"})) {
            List<String> args = new java.util.ArrayList<>(List.of("service", "add", "new"));
            args.addAll(List.of(bad));
            var r = CliRunner.run(data, args.toArray(String[]::new));
            assertEquals(2, r.exit(), String.join(" ", bad) + ": " + r.out() + r.err());
            assertArrayEquals(before, Files.readAllBytes(data.resolve("settings.json")), String.join(" ", bad));
        }
        assertEquals(0, CliRunner.run(data, "service", "add", "new", "--port", "80=127.0.0.1:8001").exit());
        assertEquals(DosDefenses.NONE, defenses("old"), "a service that existed keeps its defences");
        assertTrue(defenses("new").pow());
    }

    private void useSystemTor() {
        Path tor = TorNetworkSupport.onPath("tor").orElseThrow(() -> new AssertionError("this test needs a system tor"));
        var chosen = CliRunner.run(data, "tor", "binary", tor.toString());
        assertEquals(0, chosen.exit(), chosen.err());
        assertTrue(chosen.out().contains("pow: yes"), "this test needs a tor with the pow module: " + chosen.out());
    }

    private DosDefenses defenses(String name) {
        return new SettingsStore(data).load().service(name).orElseThrow().defenses();
    }
}
