package io.onionpanel.common;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The panel's own version, filtered into version.properties by the build. */
public final class AppVersion {
    private static final String VERSION = load();

    private AppVersion() {
    }

    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = AppVersion.class.getResourceAsStream("/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            String v = p.getProperty("version", "dev");
            return v.contains("${") ? "dev" : v;
        } catch (IOException e) {
            return "dev";
        }
    }
}
