package io.onionpanel.balance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.common.ValidationException;
import io.onionpanel.onion.OnionAddress;
import io.onionpanel.settings.Balance;
import io.onionpanel.settings.ClientAuth;
import io.onionpanel.settings.DosDefenses;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.settings.Settings;
import io.onionpanel.settings.SettingsStore;
import io.onionpanel.tor.Torrc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pure rules of load balancing: addresses, join codes, refused combinations, the files and lines written. */
class BalanceRulesTest {
    static String address(int seed) {
        return TestOnions.address(seed);
    }

    static ServiceConfig service(Balance balance) {
        return new ServiceConfig("lb", true, List.of(PortMapping.of(80, "127.0.0.1:8000")), ClientAuth.OFF, DosDefenses.NONE, balance);
    }

    @Test
    void addressesAreNormalisedOrRefusedWithAReason() {
        String a = address(1);
        assertEquals(a, BalanceRules.requireAddress("Backend address", " " + OnionAddress.bare(a).toUpperCase() + " "));
        assertThrows(ValidationException.class, () -> BalanceRules.requireAddress("Backend address", a + "\nHiddenServicePort 1"));
        assertThrows(ValidationException.class, () -> BalanceRules.requireAddress("Backend address", a.replace('a', 'b')));
        ValidationException quote = assertThrows(ValidationException.class, () -> BalanceRules.requireAddress("Backend address", a + "\""));
        assertTrue(quote.getMessage().contains("may hold only"), quote.getMessage());
        assertThrows(ValidationException.class, () -> BalanceRules.requireAddress("Backend address", ""));
    }

    @Test
    void joinCodesCarryTheFrontendAddressAndCatchDamage() {
        String a = address(2);
        JoinCode code = new JoinCode(a);
        assertEquals("obpanel1-" + OnionAddress.bare(a), code.text());
        assertEquals(a, JoinCode.parse("  " + code.text() + "\n").frontend());
        String damaged = code.text().substring(0, code.text().length() - 2) + "aa";
        assertTrue(assertThrows(ValidationException.class, () -> JoinCode.parse(damaged)).getMessage().contains("damaged"));
        assertTrue(assertThrows(ValidationException.class, () -> JoinCode.parse(OnionAddress.bare(a))).getMessage()
                .contains("starts with"));
        assertThrows(ValidationException.class, () -> JoinCode.parse(code.text() + "\u0007"));
    }

    @Test
    void onionbalanceCannotServePowOrClientAuthorisation() {
        ServiceConfig front = service(Balance.frontend(List.of(address(3))));
        BalanceRules.requireSupported(front);
        String pow = assertThrows(ValidationException.class, () -> BalanceRules.requireSupported(
                front.withDefenses(DosDefenses.NONE.withPow(true, 250, 2500)))).getMessage();
        assertTrue(pow.contains("proof-of-work") && pow.contains("no PoW parameters"), pow);
        String auth = assertThrows(ValidationException.class, () -> BalanceRules.requireSupported(
                front.withClientAuth(new ClientAuth(true, List.of())))).getMessage();
        assertTrue(auth.contains("client authorisation"), auth);
        ServiceConfig back = service(Balance.backendOf(address(4)));
        BalanceRules.requireSupported(back);
        assertThrows(ValidationException.class, () -> BalanceRules.requireSupported(back.withClientAuth(new ClientAuth(true, List.of()))));
        List<String> many = new ArrayList<>();
        for (int i = 0; i < BalanceRules.MAX_BACKENDS + 1; i++) {
            many.add(address(10 + i));
        }
        assertThrows(ValidationException.class, () -> BalanceRules.requireSupported(service(Balance.frontend(many))));
        assertThrows(ValidationException.class, () -> BalanceRules.requireSupported(service(
                Balance.frontend(List.of(address(3), address(3))))));
    }

    @Test
    void backendsGetTheInstanceLineInTorrcAndOverTheControlPort() {
        Torrc.Service s = new Torrc.Service(Path.of("/tmp/x"), List.of(PortMapping.of(80, "127.0.0.1:8000")), DosDefenses.NONE, true);
        assertTrue(Torrc.serviceLines(List.of(s)).contains("HiddenServiceOnionBalanceInstance 1"));
        assertTrue(Torrc.setConfCommand(List.of(s)).endsWith(" HiddenServiceOnionBalanceInstance=1"));
        Torrc.Service plain = new Torrc.Service(Path.of("/tmp/x"), List.of(PortMapping.of(80, "127.0.0.1:8000")));
        assertFalse(Torrc.serviceLines(List.of(plain)).toString().contains("OnionBalance"));
    }

    @Test
    void obConfigAndOnionbalanceConfigAreWrittenPrivatelyFromCheckedValues(@TempDir Path dir) throws Exception {
        String front = address(5);
        ObConfigFile.write(dir, front);
        assertEquals("MasterOnionAddress " + front + "\n", Files.readString(dir.resolve("ob_config")));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ob_config"))));
        String yaml = new OnionbalanceConfig(dir.resolve("hs_ed25519_secret_key"), List.of(address(6)), dir.resolve("s.sock")).render();
        assertTrue(yaml.contains("- key: \"" + dir.resolve("hs_ed25519_secret_key") + "\""), yaml);
        assertTrue(yaml.contains("  - address: \"" + OnionAddress.bare(address(6)) + "\""), yaml);
        assertThrows(ValidationException.class, () -> new OnionbalanceConfig(Path.of("/tmp/a\nb"), List.of(address(6)),
                dir.resolve("s.sock")).render());
    }

    @Test
    void settingsKeepTheRoleAndOlderFilesLoadWithout(@TempDir Path dir) {
        SettingsStore store = new SettingsStore(dir);
        List<ServiceConfig> list = List.of(service(Balance.frontend(List.of(address(7)))),
                service(Balance.backendOf(address(8))).withName("api"), service(Balance.NONE).withName("plain"));
        store.update(s -> s.withServices(list));
        assertEquals(list, store.load().services());
        String json = new String(store.readBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(2, json.split("\"balance\"", -1).length - 1, "a service without a role is written as before: " + json);
        assertTrue(json.contains("\"frontend\" : \"" + address(8) + "\""), json);
    }

    @Test
    void statusSocketAndMetrics() throws Exception {
        String json = "{\"services\": [{\"instances\": [{\"descriptorReceived\": \"2026-12-02 15:41:02\", \"introPointsNum\": 3,"
                + " \"introSetModified\": \"2026-12-02 15:40:38\", \"onionAddress\": \"" + address(9) + "\"}, {\"onionAddress\": \""
                + address(10) + "\", \"received\": null}], \"onionAddress\": \"x.onion\"}]}";
        Map<String, StatusSocket.Instance> parsed = StatusSocket.parse(json);
        assertEquals(new StatusSocket.Instance(true, 3), parsed.get(address(9)));
        assertEquals(new StatusSocket.Instance(false, 0), parsed.get(address(10)));
        BalanceHealth h = new BalanceHealth("lb", address(1), "running", null, 4, List.of(
                new BackendHealth(address(9), true, 3, true, 1_000_000L, true, null),
                new BackendHealth(address(10), false, 0, false, 0, false, "not reached")), 1L);
        String text = BalanceMetrics.render(Optional.of(h));
        assertTrue(text.contains("onion_panel_balance_backends_live{service=\"lb\"} 1"), text);
        assertTrue(text.contains("onion_panel_balance_backend_live{service=\"lb\",backend=\"" + address(10) + "\"} 0"), text);
        assertEquals("", BalanceMetrics.render(Optional.empty()));
    }
}
