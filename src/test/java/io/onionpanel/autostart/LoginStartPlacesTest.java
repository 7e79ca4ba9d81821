package io.onionpanel.autostart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** XDG_CONFIG_HOME (absolute only) else ~/.config; one file name per data folder. */
class LoginStartPlacesTest {
    @Test
    void honoursXdgConfigHome() {
        LoginStartPlaces places = LoginStartPlaces.fromEnvironment(Map.of("XDG_CONFIG_HOME", "/cfg", "HOME", "/home/u"), "/jvm");
        assertEquals(Path.of("/cfg/systemd/user"), places.userUnits());
        assertEquals(Path.of("/cfg/autostart"), places.autostartEntries());
        assertEquals(Path.of("/cfg/systemd/user/default.target.wants/onion-panel.service"), places.enabledLink("onion-panel.service"));
    }

    @Test
    void fallsBackToHomeDotConfig() {
        assertEquals(Path.of("/home/u/.config"), LoginStartPlaces.fromEnvironment(Map.of("HOME", "/home/u"), "/jvm").configHome());
        // The spec: a relative XDG_CONFIG_HOME is invalid and ignored.
        assertEquals(Path.of("/home/u/.config"),
                LoginStartPlaces.fromEnvironment(Map.of("XDG_CONFIG_HOME", "cfg", "HOME", "/home/u"), "/jvm").configHome());
        assertEquals(Path.of("/jvm/.config"), LoginStartPlaces.fromEnvironment(Map.of(), "/jvm").configHome());
    }

    @Test
    void theDefaultFolderHasThePlainNameOthersAHashOfTheirPath() {
        Path standard = Path.of("/home/u/.local/share/onion-panel");
        assertEquals("onion-panel", LoginStartNames.baseName(Path.of("/home/u/.local/share/onion-panel/"), standard));
        String other = LoginStartNames.baseName(Path.of("/srv/api"), standard);
        assertTrue(other.matches("onion-panel-[0-9a-f]{8}"), other);
        assertEquals(other, LoginStartNames.baseName(Path.of("/srv/./api"), standard));
        assertNotEquals(other, LoginStartNames.baseName(Path.of("/srv/api2"), standard));
    }
}
