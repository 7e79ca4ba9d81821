package io.onionpanel.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.auth.ClientKeys;
import io.onionpanel.common.ValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's and the desktop's pairing files: what is kept where, with which modes, and nothing in clear. */
class RemoteServerFilesTest {
    @TempDir
    Path data;

    @Test
    void theServerKeepsThePublicKeyAndTheTokensHashOnly() throws Exception {
        RemoteServerFiles server = new RemoteServerFiles(data);
        assertThrows(ValidationException.class, () -> server.pair("laptop"), "off: nothing to pair with");
        String address = server.enable();
        PairingCode code = server.pair("laptop");
        assertEquals(address, code.onion());
        assertEquals("laptop", code.desktop());
        assertThrows(ValidationException.class, () -> server.pair("laptop"), "a name is paired once");
        assertThrows(ValidationException.class, () -> server.pair("bad name"));

        RemoteConfig.Desktop kept = server.read().desktop("laptop").orElseThrow();
        assertEquals(ClientKeys.publicKeyOf(code.clientKey()), kept.publicKey());
        assertTrue(RemoteToken.matches(code.token(), kept.tokenSha256()));
        assertEquals("rwx------", mode(data.resolve("remote")));
        assertEquals("rwx------", mode(data.resolve("remote/onion")));
        assertEquals("rw-------", mode(data.resolve("remote/remote.json")));
        assertEquals("rw-------", mode(data.resolve("remote/onion/hs_ed25519_secret_key")));
        try (Stream<Path> files = Files.walk(data)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1);
                assertFalse(text.contains(code.token()) || text.contains(code.clientKey()), f.toString());
            }
        }
        assertTrue(server.read().published());
        assertTrue(server.revoke("laptop"));
        assertFalse(server.revoke("laptop"));
        assertFalse(server.read().published(), "no paired desktop: not published");
        server.pair("laptop");
        server.disable();
        assertFalse(server.read().published(), "off: not published, pairings kept");
        assertEquals(1, server.desktops().size());
        assertEquals(address, server.enable(), "the address stays");
    }

    @Test
    void theDesktopKeepsTheCodeOwnerOnlyAndRefusesItTwice() throws Exception {
        RemoteServerFiles server = new RemoteServerFiles(data.resolve("server"));
        server.enable();
        PairingCode code = server.pair("laptop");
        KnownRemotes desktop = new KnownRemotes(data.resolve("desktop"));
        assertThrows(ValidationException.class, () -> desktop.add("srv", "onion-panel-remote-1:nope"));
        assertFalse(Files.exists(data.resolve("desktop/remotes/srv.json")), "a refused code changes nothing");
        desktop.add("srv", code.text());
        assertEquals(code, desktop.get("srv"));
        assertEquals("rw-------", mode(data.resolve("desktop/remotes/srv.json")));
        assertEquals("rwx------", mode(data.resolve("desktop/remotes")));
        assertThrows(ValidationException.class, () -> desktop.add("srv", code.text()));
        assertTrue(desktop.list().get(0).startsWith("srv  " + code.onion()));
        ValidationException missing = assertThrows(ValidationException.class, () -> desktop.get("other"));
        assertTrue(missing.getMessage().contains("remote pair other CODE"), missing.getMessage());
        assertTrue(desktop.forget("srv"));
        assertTrue(desktop.list().isEmpty());
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
