package io.onionpanel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnionPanelCliTest {
    private static final List<String> ALL = List.of("service", "run", "daemon", "status", "stop", "tor", "backup", "client", "probe", "settings",
            "routstr", "autostart", "balance", "backend", "remote", "help");

    @Test
    void findsTheInvokedCommandAfterTheDataFolder() {
        assertEquals("run", OnionPanelCli.invokedCommand("run", "--json"));
        assertEquals("service", OnionPanelCli.invokedCommand("--data-dir", "/x", "service", "list"));
        assertEquals("run", OnionPanelCli.invokedCommand("--data-dir=/x", "run"));
        // A folder named like a command is still the folder.
        assertEquals("probe", OnionPanelCli.invokedCommand("--data-dir", "run", "probe"));
    }

    @Test
    void registersEverythingWhenTheCommandIsNotCertain() {
        assertNull(OnionPanelCli.invokedCommand());
        assertNull(OnionPanelCli.invokedCommand("--version"));
        assertNull(OnionPanelCli.invokedCommand("-h", "run"));
        assertNull(OnionPanelCli.invokedCommand("help", "run"));
        assertNull(OnionPanelCli.invokedCommand("sevrice", "list"));
        assertNull(OnionPanelCli.invokedCommand("--data-dir"));
    }

    @Test
    void anotherEngineTakesTheCommandsThatGoThroughItsMethodsAndRefusesTheRest(@TempDir Path data) {
        assertTrue(OnionPanelCli.choosesEngineSocket("--remote", "srv", "service", "list"));
        assertTrue(OnionPanelCli.choosesEngineSocket("--remote=srv", "backup", "export", "api", "f"));
        assertTrue(OnionPanelCli.choosesEngineSocket("--attach-system", "client", "list", "api"));
        assertTrue(!OnionPanelCli.choosesEngineSocket("service", "list", "--remote", "x"), "options after the command are its own");
        assertTrue(OnionPanelCli.THROUGH_THE_SOCKET.containsAll(List.of("service", "client", "settings", "backup", "probe",
                "balance")));
        for (String files : List.of("tor", "backend", "bridges", "routstr", "run")) {
            if (ALL.contains(files)) {
                assertEquals(OnionPanelCli.EXIT_BAD_INPUT, OnionPanelCli.execute("--data-dir", data.toString(), "--remote", "srv",
                        files, "x"), files);
            }
        }
        assertTrue(!java.nio.file.Files.exists(data.resolve("settings.json")), "nothing written here");
    }

    @Test
    void withoutACommandItStillRuns() {
        // invokedCommand is null here: a set lookup of it once threw before anything ran (the --version line).
        assertEquals(0, OnionPanelCli.execute("--help"));
    }

    @Test
    void onlyTheInvokedCommandIsBuilt() {
        var cl = OnionPanelCli.commandLineFor("--data-dir", "/x", "run", "--json");
        assertEquals(List.of("run"), List.copyOf(cl.getSubcommands().keySet()));
        assertEquals(ALL, List.copyOf(OnionPanelCli.commandLineFor("--help").getSubcommands().keySet()));
    }

    @Test
    void helpListsEveryCommandAndAnUnknownOneIsRefusedWithSuggestions(@TempDir Path data) {
        CliRunner.Result help = CliRunner.run(data, "--help");
        assertEquals(0, help.exit());
        for (String command : ALL) {
            assertTrue(help.out().contains("  " + command + " "), command + " missing from:\n" + help.out());
        }
        CliRunner.Result typo = CliRunner.run(data, "sevrice", "list");
        assertEquals(2, typo.exit());
        assertTrue(typo.err().contains("service"), typo.err());
    }

    @Test
    void everyCommandAnswersHelp(@TempDir Path data) {
        CliRunner.Result run = CliRunner.run(data, "run", "--help");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("Usage: onion-panel run") && run.out().contains("--torrc-append"), run.out());
        CliRunner.Result add = CliRunner.run(data, "service", "add", "-h");
        assertEquals(0, add.exit(), add.err());
        assertTrue(add.out().contains("Usage: onion-panel service add"), add.out());
    }

    @Test
    void aCommandRegisteredAloneStillSeesTheGlobalDataFolder(@TempDir Path data) {
        CliRunner.Result added = CliRunner.run(data, "service", "add", "api", "--port", "80=127.0.0.1:8000");
        assertEquals(0, added.exit(), added.err());
        CliRunner.Result listed = CliRunner.run(data, "service", "list", "--json");
        assertTrue(listed.out().contains("\"name\":\"api\""), listed.out());
    }
}
