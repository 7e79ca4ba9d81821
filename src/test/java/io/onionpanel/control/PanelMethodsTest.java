package io.onionpanel.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.onionpanel.actions.LocalPanelActions;
import io.onionpanel.actions.PanelActions;
import io.onionpanel.balance.TestOnions;
import io.onionpanel.onion.OnionAddress;
import io.onionpanel.settings.SettingsStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data-changing control methods on a real data folder: every malformed request is refused with -32602 before
 * anything is written (and nothing is applied); a good one is done and applied at once; reads apply nothing.
 */
class PanelMethodsTest {
    @TempDir
    Path data;
    private final AtomicInteger applied = new AtomicInteger();
    private PanelMethods methods;

    @BeforeEach
    void setUp() {
        methods = new PanelMethods(new LocalPanelActions(data), LocalPanelActions.forOtherUsers(data), applied::incrementAndGet);
    }

    private JsonNode params(String json) throws Exception {
        return ControlProtocol.JSON.readTree(json);
    }

    private void refused(String method, String json, String why) throws Exception {
        byte[] before = new SettingsStore(data).readBytes();
        ControlException e = assertThrows(ControlException.class, () -> methods.call(method, params(json), true), why);
        assertEquals(ControlProtocol.INVALID_PARAMS, e.code(), why + ": " + e.getMessage());
        assertArrayEquals(before, new SettingsStore(data).readBytes(), why + ": nothing written");
        assertEquals(0, applied.get(), why + ": nothing applied");
    }

    @Test
    void malformedRequestsAreRefusedAndChangeNothing() throws Exception {
        refused("services.add", "{\"name\": \"api\", \"ports\": [\"80=127.0.0.1:8000\"], \"colour\": 1}", "an unknown parameter");
        refused("services.add", "[1]", "not an object");
        refused("services.add", "{\"name\": \"api\"}", "no ports");
        refused("services.add", "{\"name\": 7, \"ports\": [\"80=127.0.0.1:8000\"]}", "a name that is no string");
        refused("services.add", "{\"name\": \"api\\nHiddenServiceDir /etc\", \"ports\": [\"80=127.0.0.1:8000\"]}", "a newline");
        refused("services.add", "{\"name\": \"a\\\"pi\", \"ports\": [\"80=127.0.0.1:8000\"]}", "a quote");
        refused("services.add", "{\"name\": \"api\", \"ports\": [\"80=127.0.0.1:8000\\u0000\"]}", "a control character");
        refused("services.add", "{\"name\": \"api\", \"ports\": [\"80=127.0.0.1:99999\"]}", "ServiceValidation: no such port");
        refused("services.add", "{\"name\": \"" + "a".repeat(600) + "\", \"ports\": [\"80=127.0.0.1:8000\"]}", "too long");
        refused("services.add", "{\"name\": \"api\", \"ports\": [\"80=127.0.0.1:8000\"], \"defenses\": {\"maxStreams\": \"-3\"}}",
                "a defence out of tor's range");
        refused("services.add", "{\"name\": \"api\", \"ports\": [\"80=127.0.0.1:8000\"], \"defenses\": {\"x\": true}}",
                "an unknown defence");
        refused("services.edit", "{\"name\": \"api\", \"enabled\": \"yes\"}", "enabled not a boolean");
        refused("services.edit", "{\"name\": \"nope\", \"enabled\": true}", "no such service");
        refused("services.list", "{\"all\": true}", "services.list takes nothing");
        refused("clients.add", "{\"service\": \"api\", \"client\": \"bob\"}", "no public key: never generated on the engine");
        refused("settings.put", "{\"fixedSocksPort\": 80}", "a privileged port");
        refused("settings.put", "{\"fixedSocksPort\": \"9050\"}", "a port as text");
        refused("backup.restore", "{\"backup\": \"not base64!\", \"passphrase\": \"x\"}", "not base64");
        refused("backup.export", "{\"service\": \"api\"}", "no passphrase");
    }

    @Test
    void aGoodChangeIsDoneAndAppliedAtOnceAndReadsApplyNothing() throws Exception {
        Object added = methods.call("services.add", params(
                "{\"name\": \"api\", \"ports\": [\"80=127.0.0.1:8000\"], \"defenses\": {\"pow\": false, \"introPoints\": \"5\"}}"), true);
        assertEquals(1, applied.get());
        PanelActions.AddedService a = (PanelActions.AddedService) added;
        assertEquals("api", a.service().name());
        assertEquals(5, a.service().defenses().introductionPoints());
        assertTrue(new SettingsStore(data).load().service("api").isPresent());
        assertTrue(a.address().endsWith(".onion"), "keys are made at once: " + a.address());

        methods.call("services.list", null, true);
        methods.call("clients.list", params("{\"service\": \"api\"}"), true);
        PanelActions.PanelSettings s = (PanelActions.PanelSettings) methods.call("settings.get", null, true);
        assertEquals(1, applied.get(), "reads apply nothing");
        assertEquals("direct", s.connection(), "how the engine's tor connects, in words");
        assertEquals(io.onionpanel.defense.PowSupport.forSettings(data, new SettingsStore(data).load().tor()), s.pow(),
                "whether the engine's tor can run proof-of-work, as its --list-modules says");

        refused2("settings.put", "{\"fixedSocksPort\": 0, \"expectRevision\": \"0000000000000000\"}");
        methods.call("settings.put", params("{\"fixedSocksPort\": 0, \"expectRevision\": \"" + s.revision() + "\"}"), true);
        assertEquals(2, applied.get());

        methods.call("services.rename", params("{\"name\": \"api\", \"newName\": \"web\"}"), true);
        assertTrue(new SettingsStore(data).load().service("web").isPresent());
        PanelActions.RemovedService r = (PanelActions.RemovedService) methods.call("services.remove", params("{\"name\": \"web\"}"), true);
        assertTrue(Files.isDirectory(Path.of(r.keptIn())), "the keys are archived, not deleted");
        assertFalse(new SettingsStore(data).load().service("web").isPresent());
        assertEquals(4, applied.get());
    }

    @Test
    void onlyTheEnginesOwnUserMapsToUnixSockets() throws Exception {
        String add = "{\"name\": \"sock\", \"ports\": [\"80=unix:" + data.resolve("control.sock") + "\"], \"defenses\": {\"pow\": false}}";
        ControlException e = assertThrows(ControlException.class, () -> methods.call("services.add", params(add), false));
        assertEquals(ControlProtocol.INVALID_PARAMS, e.code());
        assertTrue(e.getMessage().contains("unix: target"), e.getMessage());
        assertFalse(new SettingsStore(data).load().service("sock").isPresent());
        methods.call("services.add", params(add.replace("unix:" + data.resolve("control.sock"), "127.0.0.1:8000")), false);
        ControlException edit = assertThrows(ControlException.class, () -> methods.call("services.edit",
                params("{\"name\": \"sock\", \"ports\": [\"80=unix:/run/x.sock\"]}"), false));
        assertEquals(ControlProtocol.INVALID_PARAMS, edit.code());
        methods.call("services.edit", params("{\"name\": \"sock\", \"ports\": [\"80=unix:/run/x.sock\"]}"), true);
        assertEquals("unix:/run/x.sock", new SettingsStore(data).load().service("sock").orElseThrow().ports().get(0).targets().get(0));
    }

    @Test
    void aBackupLeavesEncryptedOnOneLineAndIsRestored() throws Exception {
        PanelActions.AddedService api = (PanelActions.AddedService) methods.call("services.add",
                params("{\"name\": \"api\", \"ports\": [\"80=127.0.0.1:8000\"], \"defenses\": {\"pow\": false}}"), true);
        for (int i = 0; i < 10; i++) {
            methods.call("clients.add", params("{\"service\": \"api\", \"client\": \"c" + i + "\", \"publicKey\": \""
                    + io.onionpanel.auth.ClientKeys.generate().publicKey() + "\"}"), true);
        }
        String passphrase = "correct horse battery staple";
        JsonNode exported = ControlProtocol.JSON.valueToTree(methods.call("backup.export",
                params("{\"service\": \"api\", \"passphrase\": \"" + passphrase + "\"}"), true));
        String answer = ControlProtocol.JSON.writeValueAsString(exported);
        byte[] backup = java.util.Base64.getDecoder().decode(exported.path("backup").asText());
        System.out.println("backup.export of a service with 10 clients: " + backup.length + " bytes, answer line "
                + answer.length() + " characters");
        assertTrue(answer.length() < ControlProtocol.MAX_LINE / 8, "far below the line limit");
        String text = new String(backup, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("ONION-PANEL-BACKUP"), "the encrypted format");
        assertFalse(text.contains("ed25519v1-secret"), "no key file in clear");
        assertFalse(answer.contains(passphrase));
        assertEquals(api.address(), exported.path("address").asText());

        methods.call("services.remove", params("{\"name\": \"api\"}"), true);
        String restore = "{\"backup\": \"" + exported.path("backup").asText() + "\", \"passphrase\": \"%s\", \"name\": \"back\"}";
        int before = applied.get();
        ControlException wrong = assertThrows(ControlException.class,
                () -> methods.call("backup.restore", params(restore.formatted("wrong horse battery staple")), false));
        assertEquals(ControlProtocol.INVALID_PARAMS, wrong.code(), wrong.getMessage());
        assertEquals(before, applied.get());
        PanelActions.RestoredBackup r = (PanelActions.RestoredBackup) methods.call("backup.restore",
                params(restore.formatted(passphrase)), false);
        assertEquals(api.address(), r.address());
        assertEquals(10, new SettingsStore(data).load().service("back").orElseThrow().clientAuth().clients().size());
        assertEquals(before + 1, applied.get());
    }

    @Test
    void loadBalancingIsReadAndChangedThroughTheMethods() throws Exception {
        io.onionpanel.balance.BalancedServices balanced = new io.onionpanel.balance.BalancedServices(data);
        balanced.makeFrontend("lb", List.of(io.onionpanel.settings.PortMapping.of(80, "127.0.0.1:9")));
        String frontend = balanced.address("lb").orElseThrow();
        String backend = TestOnions.address(1);
        String other = TestOnions.address(2);
        // What the engine's health watch last wrote: one backend seen live, one it has no word of yet.
        Path health = data.resolve("onionbalance/health.json");
        Files.createDirectories(health.getParent());
        Files.writeString(health, "{\"service\": \"lb\", \"frontend\": \"" + frontend + "\", \"onionbalance\": \"running\","
                + " \"publishedIntro\": 2, \"updatedMillis\": 5, \"backends\": [{\"address\": \"" + backend + "\","
                + " \"fetched\": true, \"introPoints\": 3, \"inPublished\": true, \"lastSeenMillis\": 4, \"live\": true}]}");

        refused("balance.addBackend", "{\"service\": \"lb\", \"address\": \"" + backend + "\\nHiddenServicePort 1\"}", "a newline");
        refused("balance.addBackend", "{\"service\": \"lb\", \"address\": \"" + backend + "\\\"\"}", "a quote");
        refused("balance.addBackend", "{\"service\": \"lb\", \"address\": \"" + backend.replace('a', 'b') + "\"}", "a bad checksum");
        refused("balance.addBackend", "{\"service\": \"lb\", \"address\": \"example.com\"}", "not an onion address");
        refused("balance.addBackend", "{\"service\": \"lb\", \"address\": \"" + frontend + "\"}", "the frontend's own address");
        refused("balance.addBackend", "{\"service\": \"nope\", \"address\": \"" + backend + "\"}", "no such service");
        refused("balance.addBackend", "{\"service\": \"lb\"}", "no address");
        refused("balance.addBackend", "{\"service\": \"lb\", \"address\": \"" + backend + "\", \"port\": 80}", "an unknown parameter");
        refused("balance.removeBackend", "{\"service\": \"lb\", \"address\": \"" + backend + "\"}", "not listed");
        refused("balance.joinCode", "{\"service\": \"l\\u0001b\"}", "a control character");
        refused("balance.status", "{\"all\": true}", "balance.status takes nothing");

        PanelActions.BalanceChange added = (PanelActions.BalanceChange) methods.call("balance.addBackend",
                params("{\"service\": \"lb\", \"address\": \" " + OnionAddress.bare(backend).toUpperCase() + " \"}"), false);
        assertEquals(List.of(backend), added.backends(), "normalised as the CLI does");
        assertEquals(1, applied.get(), "a change is applied at once");
        methods.call("balance.addBackend", params("{\"service\": \"lb\", \"address\": \"" + other + "\"}"), false);
        assertEquals(List.of(backend, other), new SettingsStore(data).load().service("lb").orElseThrow().balance().backends());
        refused2like("balance.addBackend", "{\"service\": \"lb\", \"address\": \"" + other + "\"}", "already listed");

        JsonNode overview = ControlProtocol.JSON.valueToTree(methods.call("balance.status", null, false));
        JsonNode lb = overview.path("frontends").get(0);
        assertEquals("lb", lb.path("name").asText());
        assertEquals(frontend, lb.path("address").asText());
        assertEquals(80, lb.path("virtualPort").asInt());
        assertEquals("running", lb.path("onionbalance").asText());
        assertEquals(2, lb.path("publishedIntro").asInt());
        assertEquals(backend, lb.path("backends").get(0).path("address").asText());
        assertTrue(lb.path("backends").get(0).path("live").asBoolean(), "from the health report");
        assertEquals(other, lb.path("backends").get(1).path("address").asText(), "listed though not reported yet");
        assertFalse(lb.path("backends").get(1).path("live").asBoolean());
        assertEquals(0, overview.path("instances").size());

        PanelActions.BalanceJoinCode code = (PanelActions.BalanceJoinCode) methods.call("balance.joinCode",
                params("{\"service\": \"lb\"}"), false);
        assertEquals("obpanel1-" + OnionAddress.bare(frontend), code.code());
        assertEquals(io.onionpanel.balance.JoinCode.parse(code.code()).frontend(), frontend, "what 'backend join' reads");
        assertEquals(80, code.virtualPort());
        assertEquals(2, applied.get(), "reads apply nothing");

        PanelActions.BalanceChange removed = (PanelActions.BalanceChange) methods.call("balance.removeBackend",
                params("{\"service\": \"lb\", \"address\": \"" + backend + "\"}"), false);
        assertEquals(List.of(other), removed.backends());
        assertEquals(3, applied.get());
    }


    @Test
    void aFrontendIsMadeThroughTheMethodsOnceAndOnlyWithHostPortTargetsForOthers() throws Exception {
        refused("balance.makeFrontend", "{\"service\": \"lb\"}", "a new service without ports");
        refused("balance.makeFrontend", "{\"service\": \"l\\\"b\", \"ports\": [\"80=127.0.0.1:9\"]}", "a quote");
        refused("balance.makeFrontend", "{\"service\": \"lb\", \"ports\": [\"80=nowhere\"]}", "a bad mapping");
        ControlException unix = assertThrows(ControlException.class, () -> methods.call("balance.makeFrontend",
                params("{\"service\": \"lb\", \"ports\": [\"80=unix:" + data.resolve("control.sock") + "\"]}"), false));
        assertTrue(unix.getMessage().contains("unix: target"), unix.getMessage());
        assertFalse(new SettingsStore(data).load().service("lb").isPresent());
        assertEquals(0, applied.get());

        PanelActions.MadeFrontend made = (PanelActions.MadeFrontend) methods.call("balance.makeFrontend",
                params("{\"service\": \"lb\", \"ports\": [\"80=127.0.0.1:9\"]}"), false);
        assertTrue(made.created());
        assertTrue(made.service().balance().frontendRole());
        assertEquals(new io.onionpanel.balance.BalancedServices(data).address("lb").orElseThrow(), made.address(),
                "new keys, made at once");
        assertEquals(1, applied.get());
        methods.call("services.add", params("{\"name\": \"web\", \"ports\": [\"80=127.0.0.1:8000\"], \"defenses\": {\"pow\": false}}"), false);
        refused2like("balance.makeFrontend", "{\"service\": \"web\"}", "already this panel's frontend");
        assertFalse(new SettingsStore(data).load().service("web").orElseThrow().balance().frontendRole());
    }

    /** A refusal after earlier changes, with its reason: -32602, nothing written, nothing applied. */
    private void refused2like(String method, String json, String reason) throws Exception {
        int before = applied.get();
        byte[] settings = new SettingsStore(data).readBytes();
        ControlException e = assertThrows(ControlException.class, () -> methods.call(method, params(json), false));
        assertEquals(ControlProtocol.INVALID_PARAMS, e.code());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertArrayEquals(settings, new SettingsStore(data).readBytes());
        assertEquals(before, applied.get());
    }

    /** A refusal after earlier changes: -32602 and no more applying. */
    private void refused2(String method, String json) throws Exception {
        int before = applied.get();
        ControlException e = assertThrows(ControlException.class, () -> methods.call(method, params(json), true));
        assertEquals(ControlProtocol.INVALID_PARAMS, e.code());
        assertTrue(e.getMessage().contains("changed since"), e.getMessage());
        assertEquals(before, applied.get());
    }
}
