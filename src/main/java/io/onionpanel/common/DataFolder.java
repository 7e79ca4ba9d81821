package io.onionpanel.common;

import java.nio.file.Path;
import java.util.Locale;

/** Where the panel keeps its settings, keys and tor state, per OS convention. */
public final class DataFolder {
    public static final String APP_DIR = "onion-panel";

    private DataFolder() {
    }

    public static Path defaultLocation() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String home = System.getProperty("user.home");
        if (os.startsWith("windows")) {
            String appData = System.getenv("APPDATA");
            return Path.of(appData != null ? appData : home, APP_DIR);
        }
        if (os.startsWith("mac")) {
            return Path.of(home, "Library", "Application Support", APP_DIR);
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".local", "share")).resolve(APP_DIR);
    }
}
