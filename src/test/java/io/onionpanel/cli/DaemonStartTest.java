package io.onionpanel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.onionpanel.common.DataFolder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The daemon's arguments parsed without picocli come out as picocli parses them; anything unusual is left to it. */
class DaemonStartTest {
    @Test
    void plainInvocationsGiveTheSameDaemonAsPicocli() {
        List<String[]> cases = List.of(
                new String[] {"daemon"},
                new String[] {"--data-dir", "/srv/panel", "daemon"},
                new String[] {"--data-dir=/srv/panel", "daemon", "--json"},
                new String[] {"--data-dir", "/srv/panel", "daemon", "--torrc-append", "/tmp/x.torrc", "--tor", "/usr/bin/tor",
                        "--allow-unsupported-tor", "--metrics", "127.0.0.1:9180", "--socket-group", "onion-panel",
                        "--group-socket", "/run/op/control.sock", "--json"},
                new String[] {"daemon", "--tor=/opt/tor", "--metrics=127.0.0.1:9181", "--socket-group=staff"});
        for (String[] args : cases) {
            DaemonCommand ours = DaemonStart.parse(args);
            assertNotNull(ours, String.join(" ", args));
            CommandLine.ParseResult parsed = OnionPanelCli.commandLineFor(args).parseArgs(args);
            DaemonCommand theirs = (DaemonCommand) parsed.subcommand().commandSpec().userObject();
            theirs.root = (OnionPanelCli) parsed.commandSpec().userObject();
            assertEquals(describe(theirs), describe(ours), String.join(" ", args));
        }
        assertEquals(DataFolder.defaultLocation().toAbsolutePath().normalize(),
                DaemonStart.parse("daemon").root.dataDir());
    }

    @Test
    void anythingElseIsLeftToPicocli() {
        List<String[]> cases = List.of(
                new String[] {}, new String[] {"run"}, new String[] {"--help"}, new String[] {"daemon", "--help"},
                new String[] {"daemon", "--json", "--json"}, new String[] {"daemon", "--tor"},
                new String[] {"daemon", "--tor", ""}, new String[] {"daemon", "--tor", "--json"},
                new String[] {"daemon", "--json=true"}, new String[] {"daemon", "extra"},
                new String[] {"daemon", "--unknown", "x"}, new String[] {"--engine-socket", "/s", "daemon"},
                new String[] {"--data-dir", "daemon"}, new String[] {"--data-dir=", "daemon"},
                new String[] {"--attach-system", "daemon"}, new String[] {"daemon", "--", "--json"});
        for (String[] args : cases) {
            assertNull(DaemonStart.parse(args), String.join(" ", args));
        }
    }

    @Test
    void badInputIsSaidPlainlyWithPicocliExitCode(@org.junit.jupiter.api.io.TempDir Path dir) {
        java.io.PrintStream before = System.err;
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(err, true));
        try {
            // Refused before anything starts (GroupSocket's validation), as through picocli.
            assertEquals(OnionPanelCli.EXIT_BAD_INPUT, DaemonStart.run(DaemonStart.parse("--data-dir", dir.toString(),
                    "daemon", "--socket-group", "no group!")));
        } finally {
            System.setErr(before);
        }
        assertEquals(true, err.toString().startsWith("Error: Not a group name"), err.toString());
    }

    private static String describe(DaemonCommand d) {
        return String.join("|", String.valueOf(d.root.dataDir()), String.valueOf(d.json), String.valueOf(d.tor),
                String.valueOf(d.allowUnsupportedTor), String.valueOf(d.torrcAppend), String.valueOf(d.metrics),
                String.valueOf(d.socketGroup), String.valueOf(d.groupSocketPath));
    }
}
