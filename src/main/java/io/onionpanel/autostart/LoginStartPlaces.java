package io.onionpanel.autostart;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where a user's login-start files go: {@code $XDG_CONFIG_HOME} (else {@code ~/.config}) holds both systemd's user
 * units ({@code systemd/user}, which systemd itself searches there) and the XDG autostart entries ({@code autostart}).
 *
 * @param configHome the user's configuration folder, absolute
 */
public record LoginStartPlaces(Path configHome) {
    public LoginStartPlaces {
        configHome = configHome.toAbsolutePath().normalize();
    }

    /** The places of the user running this process. */
    public static LoginStartPlaces ofThisUser() {
        return fromEnvironment(System.getenv(), System.getProperty("user.home"));
    }

    /**
     * The XDG Base Directory rule: {@code XDG_CONFIG_HOME} when set to an absolute path (a relative one is invalid
     * and ignored, as the spec says), else {@code $HOME/.config}; the JVM's home when {@code HOME} is unset.
     */
    public static LoginStartPlaces fromEnvironment(Map<String, String> env, String userHome) {
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return new LoginStartPlaces(Path.of(xdg));
        }
        String home = env.get("HOME");
        return new LoginStartPlaces(Path.of(home != null && !home.isBlank() ? home : userHome, ".config"));
    }

    public Path userUnits() {
        return configHome.resolve("systemd").resolve("user");
    }

    /** The link {@code systemctl --user enable} makes for {@code WantedBy=default.target}. */
    public Path enabledLink(String unitName) {
        return userUnits().resolve("default.target.wants").resolve(unitName);
    }

    public Path autostartEntries() {
        return configHome.resolve("autostart");
    }
}
