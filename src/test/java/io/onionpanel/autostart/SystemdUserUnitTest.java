package io.onionpanel.autostart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.common.ValidationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user unit as systemd reads it: quoting of awkward paths, refusal of unwritable ones, and a clean verify. */
class SystemdUserUnitTest {
    @TempDir
    Path temp;

    @Test
    void quotesWhatSystemdWouldSplitOrExpand() {
        assertEquals("/opt/onion-panel/bin/onion-panel", SystemdUserUnit.quote("/opt/onion-panel/bin/onion-panel"));
        assertEquals("--data-dir", SystemdUserUnit.quote("--data-dir"));
        assertEquals("\"/home/a b/My Data\"", SystemdUserUnit.quote("/home/a b/My Data"));
        assertEquals("\"/x/say \\\"hi\\\"\"", SystemdUserUnit.quote("/x/say \"hi\""));
        assertEquals("\"C:\\\\x\"", SystemdUserUnit.quote("C:\\x"));
        assertEquals("\"/x/it's\"", SystemdUserUnit.quote("/x/it's"));
        // Specifiers and variables are expanded even inside quotes: doubled either way.
        assertEquals("\"/x/100%%\"", SystemdUserUnit.quote("/x/100%"));
        assertEquals("\"/x/$$HOME\"", SystemdUserUnit.quote("/x/$HOME"));
    }

    @Test
    void theUnitRunsTheDaemonAndRestartsIt() {
        String unit = SystemdUserUnit.render(List.of("/opt/onion-panel/bin/onion-panel", "--data-dir", "/home/u/My Data", "daemon"));
        for (String line : List.of("ExecStart=/opt/onion-panel/bin/onion-panel --data-dir \"/home/u/My Data\" daemon",
                "Restart=on-failure", "RestartSec=5", "NoNewPrivileges=yes", "WantedBy=default.target")) {
            assertTrue(unit.contains("\n" + line + "\n"), line + " in\n" + unit);
        }
        // Mount namespaces need privileges a user manager lacks: on kernels without unprivileged user namespaces
        // these would make the unit fail to start at all.
        for (String option : List.of("PrivateTmp=", "ProtectSystem=", "ProtectHome=", "PrivateDevices=", "MemoryDenyWriteExecute=")) {
            assertFalse(unit.contains("\n" + option), option);
        }
    }

    @Test
    void refusesLineBreaksAndControlCharacters() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> SystemdUserUnit.render(List.of("/bin/x", "--data-dir", "/tmp/a\nExecStartPre=/bin/evil", "daemon")));
        assertTrue(e.getMessage().contains("line break"), e.getMessage());
        assertTrue(e.getMessage().contains("/tmp/a\\nExecStartPre"), "shown on one line: " + e.getMessage());
        assertThrows(ValidationException.class, () -> SystemdUserUnit.render(List.of("/bin/x", "a\tb")));
        assertThrows(ValidationException.class, () -> SystemdUserUnit.render(List.of("/bin/x", "a\u001bb")));
    }

    /** systemd-analyze has nothing to say, also with a launcher and a data folder whose paths need quoting. */
    @Test
    void systemdVerifiesTheUnitWithAwkwardPaths() throws Exception {
        Path launcher = temp.resolve("Onion Panel $1 100%/bin/onion-panel");
        Files.createDirectories(launcher.getParent());
        Files.writeString(launcher, "#!/bin/sh\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path unit = Files.createDirectories(temp.resolve("units")).resolve("onion-panel-0123abcd.service");
        Files.writeString(unit, SystemdUserUnit.render(List.of(launcher.toString(), "--data-dir",
                temp.resolve("data \"x\" it's\\here").toString(), "daemon")));
        Path runtime = Files.createDirectories(temp.resolve("runtime"));
        Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rwx------"));

        String[] verify = run(runtime, "systemd-analyze", "--user", "verify", "--recursive-errors=no", "--man=no", unit.toString());
        assertEquals("0", verify[0], verify[1]);
        assertEquals("", verify[1].strip(), "systemd has nothing to say about the unit");

        // The check reads the path systemd unquoted: a launcher that is not there is reported under its real name.
        Files.delete(launcher);
        String[] missing = run(runtime, "systemd-analyze", "--user", "verify", "--recursive-errors=no", "--man=no", unit.toString());
        assertTrue(missing[1].contains("Command " + launcher + " is not executable"), missing[1]);
    }

    /** A user manager's verify needs a runtime folder (XDG_RUNTIME_DIR), which a CI shell has not. */
    static String[] run(Path runtimeDir, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("XDG_RUNTIME_DIR", runtimeDir.toString());
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command));
        return new String[]{Integer.toString(p.exitValue()), out};
    }
}
