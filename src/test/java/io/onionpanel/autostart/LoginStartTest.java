package io.onionpanel.autostart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.common.ValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The choice between a systemd user unit and an autostart entry, and what each way writes, runs and removes. */
class LoginStartTest {
    static final EngineCommand INSTALLED = new EngineCommand(List.of("/opt/onion-panel/bin/onion-panel"));

    @TempDir
    Path temp;

    LoginStart loginStart(Path dataDir, CommandRunner systemctl) {
        return new LoginStart(dataDir, temp.resolve("default-data"), new LoginStartPlaces(temp.resolve("config")), INSTALLED, systemctl);
    }

    @Test
    void withAUserManagerItWritesEnablesAndReportsTheUnit() throws Exception {
        FakeSystemctl systemctl = FakeSystemctl.answering();
        LoginStart loginStart = loginStart(temp.resolve("default-data"), systemctl);
        String message = loginStart.on(false);

        Path unit = temp.resolve("config/systemd/user/onion-panel.service");
        assertEquals(unit, loginStart.unitFile());
        assertTrue(Files.readString(unit).contains("\nExecStart=/opt/onion-panel/bin/onion-panel --data-dir "
                + temp.resolve("default-data") + " daemon\n"));
        assertEquals(List.of("systemctl --user show-environment", "systemctl --user daemon-reload",
                "systemctl --user enable onion-panel.service"), systemctl.calls);
        assertTrue(message.contains("enabled; it starts at your next login"), message);
        assertFalse(Files.exists(loginStart.entryFile()));

        LoginStartStatus status = loginStart.status();
        assertTrue(status.on());
        assertEquals(LoginStartStatus.Way.SYSTEMD_USER, status.way());
        assertTrue(status.upToDate());
        assertTrue(status.describe().contains("enabled, active"), status.describe());
    }

    @Test
    void nowStartsItAndOffDisablesAndRemovesIt() {
        FakeSystemctl systemctl = FakeSystemctl.answering();
        LoginStart loginStart = loginStart(temp.resolve("data"), systemctl);
        assertTrue(loginStart.on(true).contains("enabled and started"));
        assertTrue(systemctl.calls.contains("systemctl --user enable --now " + loginStart.unitName()), systemctl.calls.toString());

        systemctl.calls.clear();
        String message = loginStart.off(false);
        assertEquals(List.of("systemctl --user show-environment", "systemctl --user disable " + loginStart.unitName(),
                "systemctl --user daemon-reload"), systemctl.calls);
        assertTrue(message.startsWith("Start at login: off. Removed the systemd user unit"), message);
        assertFalse(Files.exists(loginStart.unitFile()));
        assertFalse(loginStart.status().on());
        assertEquals("Start at login was already off.", loginStart.off(false));
    }

    @Test
    void withoutAUserManagerItWritesAnAutostartEntry() throws Exception {
        for (CommandRunner systemctl : List.of(FakeSystemctl.noUserManager(), FakeSystemctl.missing())) {
            LoginStart loginStart = loginStart(temp.resolve("my data"), systemctl);
            String message = loginStart.on(true);
            Path entry = loginStart.entryFile();
            assertTrue(entry.startsWith(temp.resolve("config/autostart")), entry.toString());
            assertTrue(entry.getFileName().toString().matches("onion-panel-[0-9a-f]{8}\\.desktop"), entry.toString());
            assertTrue(Files.readString(entry).contains("\nExec=/opt/onion-panel/bin/onion-panel --data-dir \""
                    + temp.resolve("my data") + "\" daemon\n"));
            assertFalse(Files.exists(loginStart.unitFile()));
            assertTrue(message.contains("No systemd user manager answered"), message);
            assertTrue(message.contains("--now needs systemd"), message);
            LoginStartStatus status = loginStart.status();
            assertEquals(LoginStartStatus.Way.XDG_AUTOSTART, status.way());
            assertTrue(status.on() && status.upToDate(), status.describe());

            assertTrue(loginStart.off(false).contains("Removed the autostart entry"));
            assertFalse(Files.exists(entry));
        }
    }

    @Test
    void switchingWaysLeavesOnlyOne() throws Exception {
        LoginStart withoutSystemd = loginStart(temp.resolve("data"), FakeSystemctl.noUserManager());
        withoutSystemd.on(false);
        LoginStart withSystemd = loginStart(temp.resolve("data"), FakeSystemctl.answering());
        withSystemd.on(false);
        assertFalse(Files.exists(withSystemd.entryFile()), "an entry left would start a second engine");
        assertTrue(Files.exists(withSystemd.unitFile()));

        // Back without systemd: the unit and its enable link go, as systemctl disable would remove them.
        Path link = Files.createDirectories(temp.resolve("config/systemd/user/default.target.wants")).resolve(withSystemd.unitName());
        Files.createSymbolicLink(link, withSystemd.unitFile());
        withoutSystemd.on(false);
        assertFalse(Files.exists(withSystemd.unitFile()));
        assertFalse(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.exists(withSystemd.entryFile()));
    }

    @Test
    void aRefusalOfSystemctlIsReportedWithItsWords() {
        LoginStart loginStart = loginStart(temp.resolve("data"), FakeSystemctl.refusing("enable", "Access denied"));
        LoginStartException e = assertThrows(LoginStartException.class, () -> loginStart.on(false));
        assertEquals("systemctl --user enable " + loginStart.unitName() + " failed (exit 1): Access denied", e.getMessage());
        assertFalse(Files.exists(loginStart.unitFile()), "nothing half on");
    }

    @Test
    void aFolderThatNoUnitCanHoldIsRefusedBeforeAnythingIsWritten() {
        FakeSystemctl systemctl = FakeSystemctl.answering();
        LoginStart loginStart = loginStart(temp.resolve("a\nb"), systemctl);
        ValidationException e = assertThrows(ValidationException.class, () -> loginStart.on(false));
        assertTrue(e.getMessage().contains("line break"), e.getMessage());
        assertFalse(Files.exists(temp.resolve("config")));
        assertFalse(systemctl.calls.contains("systemctl --user daemon-reload"));
    }

    @Test
    void aUnitWrittenForAnotherInstallationIsReportedStale() throws Exception {
        LoginStart loginStart = loginStart(temp.resolve("data"), FakeSystemctl.answering());
        loginStart.on(false);
        LoginStart moved = new LoginStart(temp.resolve("data"), temp.resolve("default-data"),
                new LoginStartPlaces(temp.resolve("config")), new EngineCommand(List.of("/usr/local/bin/onion-panel")),
                FakeSystemctl.answering());
        assertFalse(moved.status().upToDate());
        assertTrue(moved.status().describe().contains("turn it on again"), moved.status().describe());
    }
}
