package io.onionpanel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.control.PairingCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The remote command on both sides, with no engine running: what it prints, keeps and refuses. */
class RemoteCommandTest {
    @TempDir
    Path work;

    /** The code as the server's --qr shows it, photographed: a PNG of its QR code. */
    private Path qrImage(String text) throws Exception {
        return io.onionpanel.common.QrPng.write(text, work.resolve("code.png"));
    }

    @Test
    void theServerPrintsTheCodeOnceAndTheDesktopKeepsIt() throws Exception {
        Path server = work.resolve("server");
        Path desktop = work.resolve("desktop");
        CliRunner.Result off = CliRunner.run(server, "remote", "pair", "laptop");
        assertEquals(OnionPanelCli.EXIT_BAD_INPUT, off.exit());
        assertTrue(off.err().contains("remote enable"), off.err());

        CliRunner.Result on = CliRunner.run(server, "remote", "enable");
        assertEquals(0, on.exit(), on.err());
        assertTrue(on.out().contains("No engine runs"), on.out());
        CliRunner.Result paired = CliRunner.run(server, "remote", "pair", "laptop", "--qr");
        assertEquals(0, paired.exit(), paired.err());
        String codeLine = paired.out().lines().filter(l -> l.startsWith(PairingCode.PREFIX)).findFirst().orElseThrow();
        PairingCode code = PairingCode.parse(codeLine);
        assertTrue(paired.out().contains("█"), "a QR code is drawn");
        try (Stream<Path> files = Files.walk(server)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertFalse(Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1).contains(code.token()), f.toString());
            }
        }
        CliRunner.Result list = CliRunner.run(server, "remote", "list");
        assertTrue(list.out().contains("on, paired desktops:") && list.out().contains("laptop"), list.out());

        CliRunner.Result bad = CliRunner.run(desktop, "remote", "pair", "srv", codeLine.substring(0, codeLine.length() - 3));
        assertEquals(OnionPanelCli.EXIT_BAD_INPUT, bad.exit());
        assertTrue(bad.err().contains("token"), bad.err());
        assertFalse(Files.exists(desktop.resolve("remotes")), "a refused code writes nothing");
        CliRunner.Result kept = CliRunner.run(desktop, "remote", "pair", "srv", codeLine);
        assertEquals(0, kept.exit(), kept.err());
        assertTrue(kept.out().contains("--remote srv status"), kept.out());
        assertTrue(CliRunner.run(desktop, "remote", "list").out().contains("srv  " + code.host()));

        CliRunner.Result unknown = CliRunner.run(desktop, "--remote", "nope", "status");
        assertEquals(OnionPanelCli.EXIT_BAD_INPUT, unknown.exit());
        assertTrue(unknown.err().contains("No remote panel named 'nope'"), unknown.err());

        CliRunner.Result revoked = CliRunner.run(server, "remote", "revoke", "laptop");
        assertEquals(0, revoked.exit(), revoked.err());
        assertEquals(OnionPanelCli.EXIT_BAD_INPUT, CliRunner.run(server, "remote", "revoke", "laptop").exit());
        assertEquals(0, CliRunner.run(desktop, "remote", "forget", "srv").exit());
        CliRunner.Result fromImage = CliRunner.run(desktop, "remote", "pair", "srv", "--image", qrImage(codeLine).toString());
        assertEquals(0, fromImage.exit(), fromImage.err());
        assertTrue(CliRunner.run(desktop, "remote", "list").out().contains("srv  " + code.host()));
        assertEquals("remote", OnionPanelCli.invokedCommand("--remote", "x", "remote", "list"));
        assertEquals("status", OnionPanelCli.invokedCommand("--remote=x", "status"));
    }
}
