package io.onionpanel.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.onionpanel.settings.AuthorizedClient;
import io.onionpanel.settings.ClientAuth;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.settings.Settings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The panel log's account of a settings change, in the operator's words. */
class SettingsChangesTest {
    private static final String ONION = "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz2345.onion";

    private static Settings with(ServiceConfig... services) {
        return Settings.defaults().withServices(List.of(services));
    }

    private static ServiceConfig api(String name, boolean on, ClientAuth auth) {
        return new ServiceConfig(name, on, List.of(PortMapping.of(80, "127.0.0.1:8000")), auth);
    }

    @Test
    void addedTurnedOffClientsAndRemoved() {
        ClientAuth bob = new ClientAuth(true, List.of(new AuthorizedClient("bob", "K".repeat(52), "", "")));
        List<String> lines = SettingsChanges.between(
                with(api("api", true, ClientAuth.OFF), api("old", true, ClientAuth.OFF)),
                with(api("api", false, bob), api("new", true, ClientAuth.OFF)),
                name -> null, name -> null);
        assertEquals(List.of("Service 'new' added (80 → 127.0.0.1:8000)", "Service 'old' removed",
                "Service 'api' turned off: it goes offline",
                "Service 'api': client authorisation on (only authorised clients can connect)",
                "Service 'api': client 'bob' added"), lines);
    }

    @Test
    void aRenameKeepsItsAddressAndIsSaidAsOne() {
        Map<String, String> before = Map.of("api", ONION);
        Map<String, String> now = Map.of("routstr", ONION);
        List<String> lines = SettingsChanges.between(with(api("api", true, ClientAuth.OFF)),
                with(api("routstr", true, ClientAuth.OFF)), before::get, now::get);
        assertEquals(List.of("Service 'api' renamed to 'routstr' (same address)"), lines);
    }

    @Test
    void nothingChangedSaysNothing() {
        Settings s = with(api("api", true, ClientAuth.OFF));
        assertEquals(List.of(), SettingsChanges.between(s, s, n -> null, n -> null));
    }
}
