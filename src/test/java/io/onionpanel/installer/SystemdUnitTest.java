package io.onionpanel.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The system service's unit as systemd reads it: {@code systemd-analyze verify} finds nothing to say (no unknown key,
 * no missing command), and its offline security review rates it well hardened. Verified in a root of its own so
 * that its ExecStart exists without the package installed (the installed-package test runs that line for real).
 */
class SystemdUnitTest {
    private static final Path UNIT = Path.of("installer/linux/onion-panel.service");

    @TempDir
    Path root;

    @Test
    void theUnitVerifiesCleanAndIsHardened() throws Exception {
        Path launcher = root.resolve("opt/onion-panel/bin/onion-panel");
        Files.createDirectories(launcher.getParent());
        Files.writeString(launcher, "#!/bin/sh\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path units = Files.createDirectories(root.resolve("etc/systemd/system"));
        Files.copy(UNIT, units.resolve("onion-panel.service"));

        String[] verify = run("systemd-analyze", "verify", "--recursive-errors=no", "--man=no", "--root=" + root,
                "/etc/systemd/system/onion-panel.service");
        assertEquals("0", verify[0], verify[1]);
        assertEquals("", verify[1].strip(), "systemd has nothing to say about the unit");

        String[] security = run("systemd-analyze", "security", "--offline=yes", "--root=" + root,
                "/etc/systemd/system/onion-panel.service");
        Matcher exposure = Pattern.compile("Overall exposure level for onion-panel.service: ([0-9.]+)").matcher(security[1]);
        assertTrue(exposure.find(), security[1]);
        assertTrue(Double.parseDouble(exposure.group(1)) <= 4.0, "exposure " + exposure.group(1) + " (0 best, 10 worst)");

        String unit = Files.readString(UNIT);
        for (String line : List.of("User=onion-panel", "ExecStart=/opt/onion-panel/bin/onion-panel --data-dir /var/lib/onion-panel daemon --socket-group onion-panel",
                "RuntimeDirectory=onion-panel", "RuntimeDirectoryMode=0750",
                "Restart=on-failure", "StateDirectoryMode=0700", "ProtectSystem=strict", "NoNewPrivileges=yes", "PrivateTmp=yes")) {
            assertTrue(unit.contains("\n" + line + "\n"), line);
        }
    }

    private static String[] run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command));
        return new String[]{Integer.toString(p.exitValue()), out};
    }
}
