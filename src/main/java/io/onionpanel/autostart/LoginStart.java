package io.onionpanel.autostart;

import io.onionpanel.common.AtomicFiles;
import io.onionpanel.common.DataFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * "Start at login" for one data folder: a systemd user unit when the user's service manager answers (restarted on
 * failure, visible in {@code systemctl --user status}), else an XDG autostart entry that the desktop session runs.
 * Either runs {@code <launcher> --data-dir <dir> daemon}, the headless engine that the window attaches to.
 */
public final class LoginStart {
    private final Path dataDir;
    private final LoginStartPlaces places;
    private final EngineCommand engine;
    private final UserSystemd systemd;
    private final String baseName;

    public LoginStart(Path dataDir, Path defaultDataDir, LoginStartPlaces places, EngineCommand engine, CommandRunner runner) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.places = places;
        this.engine = engine;
        this.systemd = new UserSystemd(runner);
        this.baseName = LoginStartNames.baseName(this.dataDir, defaultDataDir);
    }

    /**
     * Whether this system has what start at login writes: systemd user units or XDG autostart entries (Linux and
     * the BSDs' desktops). Windows (a Run key or a task) and macOS (a LaunchAgent) are not done yet (issue #17).
     */
    public static boolean supportedOn(String osName) {
        String os = osName.toLowerCase(java.util.Locale.ROOT);
        return !os.startsWith("windows") && !os.startsWith("mac");
    }

    /** Why {@link #supportedOn} is false, for the CLI and the Settings page. */
    public static final String NOT_SUPPORTED = "Start at login is only available on Linux so far (a systemd user unit"
            + " or a desktop autostart entry); Windows and macOS are still to come (issue #17).";

    /** For the user running this process, with this installation's launcher. */
    public static LoginStart forThisUser(Path dataDir) {
        return new LoginStart(dataDir, DataFolder.defaultLocation(), LoginStartPlaces.ofThisUser(),
                EngineCommand.ofThisProcess(), CommandRunner.processes(20));
    }

    public Path unitFile() {
        return places.userUnits().resolve(LoginStartNames.unitName(baseName));
    }

    public Path entryFile() {
        return places.autostartEntries().resolve(LoginStartNames.entryName(baseName));
    }

    public String unitName() {
        return LoginStartNames.unitName(baseName);
    }

    /** The command that starts at login. */
    public List<String> command() {
        return engine.daemon(dataDir);
    }

    /**
     * Turns it on; with {@code now} the engine also starts at once (systemd only). Returns what was done, in words.
     * Throws {@link io.onionpanel.common.ValidationException} for a path no file format can hold and
     * {@link LoginStartException} when systemctl refuses or a file cannot be written.
     */
    public String on(boolean now) {
        List<String> command = command();
        if (systemd.answers()) {
            String unit = SystemdUserUnit.render(command);
            write(unitFile(), unit);
            // One way at a time: an entry left from a session without systemd would start a second engine.
            delete(entryFile());
            try {
                systemd.daemonReload();
                systemd.enable(unitName(), now);
            } catch (LoginStartException e) {
                // Not half on: a unit that systemd refused to enable is not left behind to be enabled by surprise.
                delete(unitFile());
                throw e;
            }
            return "Start at login: on. systemd user unit " + unitFile() + " enabled"
                    + (now ? " and started." : "; it starts at your next login (start it now: systemctl --user start "
                    + unitName() + ").")
                    + " To start it at boot, before you log in: loginctl enable-linger " + System.getProperty("user.name", "$USER");
        }
        write(entryFile(), XdgAutostartEntry.render(command));
        removeUnitWithoutSystemd();
        return "Start at login: on. No systemd user manager answered, so the desktop session starts it: autostart entry "
                + entryFile() + "." + (now ? " --now needs systemd; start it now with: " + CommandArguments.shellLine(command) : "");
    }

    /** Turns it off; with {@code now} a systemd unit is also stopped. Returns what was done, in words. */
    public String off(boolean now) {
        List<String> removed = new ArrayList<>();
        if (Files.exists(unitFile()) || Files.exists(places.enabledLink(unitName()), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            if (systemd.answers()) {
                systemd.disable(unitName(), now);
                delete(unitFile());
                systemd.daemonReload();
            } else {
                removeUnitWithoutSystemd();
            }
            removed.add("systemd user unit " + unitFile());
        }
        if (delete(entryFile())) {
            removed.add("autostart entry " + entryFile());
        }
        if (removed.isEmpty()) {
            return "Start at login was already off.";
        }
        boolean unitStillRuns = !now && removed.get(0).startsWith("systemd");
        return "Start at login: off. Removed the " + String.join(" and the ", removed) + "."
                + (unitStillRuns ? " An engine it started keeps running until it stops (--now stops it)." : "");
    }

    public LoginStartStatus status() {
        Path unit = unitFile();
        if (Files.isRegularFile(unit)) {
            boolean upToDate = readOrEmpty(unit).equals(SystemdUserUnit.render(command()));
            if (systemd.answers()) {
                String enabled = systemd.isEnabled(unitName());
                return new LoginStartStatus(LoginStartStatus.Way.SYSTEMD_USER, Optional.of(unit), enabled.equals("enabled"),
                        enabled + ", " + systemd.isActive(unitName()), upToDate);
            }
            boolean linked = Files.exists(places.enabledLink(unitName()), java.nio.file.LinkOption.NOFOLLOW_LINKS);
            return new LoginStartStatus(LoginStartStatus.Way.SYSTEMD_USER, Optional.of(unit), linked,
                    (linked ? "enabled" : "disabled") + ", systemd not answering", upToDate);
        }
        Path entry = entryFile();
        if (Files.isRegularFile(entry)) {
            String text = readOrEmpty(entry);
            boolean disabled = text.lines().anyMatch(l -> l.strip().equals("Hidden=true")
                    || l.strip().equals("X-GNOME-Autostart-enabled=false"));
            return new LoginStartStatus(LoginStartStatus.Way.XDG_AUTOSTART, Optional.of(entry), !disabled, "",
                    text.equals(XdgAutostartEntry.render(command())));
        }
        return LoginStartStatus.off();
    }

    /** What {@code systemctl --user disable} would do, by hand: remove the enable link, then the unit. */
    private void removeUnitWithoutSystemd() {
        delete(places.enabledLink(unitName()));
        delete(unitFile());
    }

    private static void write(Path file, String content) {
        try {
            AtomicFiles.write(file, content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new LoginStartException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean delete(Path file) {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new LoginStartException("Cannot remove " + file + ": " + e.getMessage(), e);
        }
    }

    private static String readOrEmpty(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
