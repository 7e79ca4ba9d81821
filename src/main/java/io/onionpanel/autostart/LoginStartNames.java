package io.onionpanel.autostart;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The file names for one data folder: {@code onion-panel} for the default folder (what a user types in
 * {@code systemctl --user status onion-panel}), {@code onion-panel-<8 hex of SHA-256 of the folder's path>} for any
 * other, so that two folders (two engines) each have their own unit and entry and turning one off leaves the other.
 */
public final class LoginStartNames {
    static final String BASE = "onion-panel";

    private LoginStartNames() {
    }

    public static String baseName(Path dataDir, Path defaultDataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        if (dir.equals(defaultDataDir.toAbsolutePath().normalize())) {
            return BASE;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(dir.toString().getBytes(StandardCharsets.UTF_8));
            return BASE + "-" + HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    public static String unitName(String baseName) {
        return baseName + ".service";
    }

    public static String entryName(String baseName) {
        return baseName + ".desktop";
    }
}
