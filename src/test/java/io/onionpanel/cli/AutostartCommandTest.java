package io.onionpanel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import io.onionpanel.autostart.EngineCommand;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code autostart on|off|status} end to end: the real CLI in its own process, with a temporary HOME and
 * XDG_CONFIG_HOME and a fake {@code systemctl} first on PATH that logs what it is asked (and answers as a user
 * manager, or as a machine without a session bus).
 */
class AutostartCommandTest {
    private static final String FAKE_SYSTEMCTL = """
            #!/bin/sh
            echo "$*" >> "$FAKE_SYSTEMCTL_LOG"
            if [ "$FAKE_SYSTEMCTL_MODE" = nobus ]; then echo "Failed to connect to bus: No medium found" >&2; exit 1; fi
            case "$2" in
              is-enabled) echo enabled ;;
              is-active) echo active ;;
            esac
            exit 0
            """;

    @TempDir
    Path temp;
    Path home;
    Path config;
    Path log;
    Path bin;

    @BeforeEach
    void fakeUser() throws Exception {
        home = Files.createDirectories(temp.resolve("home"));
        config = temp.resolve("xdg config");
        log = temp.resolve("systemctl.log");
        bin = Files.createDirectories(temp.resolve("bin"));
        Files.writeString(bin.resolve("systemctl"), FAKE_SYSTEMCTL);
        Files.setPosixFilePermissions(bin.resolve("systemctl"), PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void onStatusOffWithASystemdUserManager() throws Exception {
        Path data = temp.resolve("my data");
        String[] on = cli("answering", data, "autostart", "on", "--now");
        assertEquals("0", on[0], on[1] + on[2]);
        Path unitDir = config.resolve("systemd/user");
        List<Path> units;
        try (var files = Files.list(unitDir)) {
            units = files.toList();
        }
        assertEquals(1, units.size(), units.toString());
        String unitName = units.get(0).getFileName().toString();
        assertTrue(unitName.matches("onion-panel-[0-9a-f]{8}\\.service"), unitName);
        String unit = Files.readString(units.get(0));
        assertTrue(unit.contains(" --data-dir \"" + data + "\" daemon\n"), unit);
        assertTrue(on[1].contains("enabled and started"), on[1]);
        assertEquals(List.of("--user show-environment", "--user daemon-reload", "--user enable --now " + unitName),
                Files.readAllLines(log));
        assertFalse(Files.exists(home.resolve(".config")), "XDG_CONFIG_HOME is where the files go");

        String[] status = cli("answering", data, "autostart", "status");
        assertEquals("0", status[0], status[2]);
        assertTrue(status[1].startsWith("Start at login: on, by a systemd user unit (enabled, active): " + units.get(0)), status[1]);
        assertTrue(status[1].contains("Command: "), status[1]);

        String[] off = cli("answering", data, "autostart", "off");
        assertEquals("0", off[0], off[2]);
        assertTrue(off[1].contains("Removed the systemd user unit"), off[1]);
        assertTrue(Files.readAllLines(log).contains("--user disable " + unitName));
        assertFalse(Files.exists(units.get(0)));
        assertTrue(cli("answering", data, "autostart", "status")[1].startsWith("Start at login: off."));
    }

    @Test
    void withoutASessionBusItWritesAnAutostartEntry() throws Exception {
        Path data = temp.resolve("data");
        String[] on = cli("nobus", data, "autostart", "on");
        assertEquals("0", on[0], on[1] + on[2]);
        assertTrue(on[1].contains("No systemd user manager answered"), on[1]);
        try (var entries = Files.list(config.resolve("autostart"))) {
            Path entry = entries.findFirst().orElseThrow();
            assertTrue(Files.readString(entry).contains(" --data-dir " + data + " daemon\n"), Files.readString(entry));
        }
        assertFalse(Files.exists(config.resolve("systemd")));
        String[] status = cli("nobus", data, "autostart", "status");
        assertTrue(status[1].startsWith("Start at login: on, by a desktop autostart entry"), status[1]);
    }

    @Test
    void aFolderWithALineBreakIsRefusedAsBadInput() throws Exception {
        String[] on = cli("answering", temp.resolve("a\nb"), "autostart", "on");
        assertEquals(Integer.toString(OnionPanelCli.EXIT_BAD_INPUT), on[0], on[1] + on[2]);
        assertTrue(on[2].startsWith("Error: Cannot start at login with"), on[2]);
        assertTrue(on[2].contains("line break"), on[2]);
        assertFalse(Files.exists(config));
    }

    /** What the unit and the entry run is parsed by this CLI as its daemon command, on that folder. */
    @Test
    void theWrittenCommandIsThisCliDaemonOnThatFolder() {
        List<String> command = new EngineCommand(List.of("/opt/onion-panel/bin/onion-panel")).daemon(Path.of("/srv/my data"));
        String[] args = command.subList(1, command.size()).toArray(String[]::new);
        assertEquals("daemon", OnionPanelCli.invokedCommand(args));
        CommandLine cl = OnionPanelCli.commandLineFor(args);
        CommandLine.ParseResult parsed = cl.parseArgs(args);
        assertTrue(parsed.subcommand().commandSpec().userObject() instanceof DaemonCommand);
        assertEquals(Path.of("/srv/my data"), ((OnionPanelCli) cl.getCommand()).dataDir());
    }

    /** Exit code, stdout and stderr of {@code onion-panel --data-dir DATA ARGS} run as the fake user. */
    private String[] cli(String systemctlMode, Path data, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.onionpanel.Main", "--data-dir", data.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(temp.resolve("stderr").toFile());
        builder.environment().put("HOME", home.toString());
        builder.environment().put("XDG_CONFIG_HOME", config.toString());
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().put("FAKE_SYSTEMCTL_LOG", log.toString());
        builder.environment().put("FAKE_SYSTEMCTL_MODE", systemctlMode);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command));
        return new String[]{Integer.toString(process.exitValue()), out, Files.readString(temp.resolve("stderr"))};
    }
}
