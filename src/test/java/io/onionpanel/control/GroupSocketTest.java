package io.onionpanel.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.common.Poll;
import io.onionpanel.common.ValidationException;
import io.onionpanel.it.PanelProcess;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.settings.SettingsStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The system service's second control socket ({@code daemon --socket-group GROUP --group-socket PATH}), on a real
 * daemon (its own JVM, a real tor kept offline): 0660 with the group in a 0750 folder of the group, the data folder's
 * own socket still owner-only; the CLI attaches through it with {@code --engine-socket}; and, run as root (CI), a
 * process of another uid is let in when its group is the socket's and turned away otherwise.
 */
class GroupSocketTest {
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));
    // A group every Debian system has (gid 100); as another user, the user's own primary group.
    @TempDir
    Path data;

    @Test
    void membersOfTheGroupAttachAndOthersAreTurnedAway() throws Exception {
        new SettingsStore(data).update(s -> s.withTor(s.tor().withExtraTorrcLines(List.of("DisableNetwork 1")))
                .withServices(List.of(new ServiceConfig("api", true, List.of(PortMapping.of(80, "127.0.0.1:1"))))));
        Path open = Files.createTempDirectory("group-socket");
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x")); // as /run is
        Path socket = open.resolve("onion-panel/control.sock");
        String group = ROOT ? "users" : Files.readAttributes(data, PosixFileAttributes.class).group().getName();
        try (PanelProcess daemon = PanelProcess.startDaemon(data, "--socket-group", group, "--group-socket", socket.toString())) {
            Poll.until("the group's control socket", Duration.ofSeconds(60), () -> Files.exists(socket));
            PosixFileAttributes s = Files.readAttributes(socket, PosixFileAttributes.class);
            assertEquals("rw-rw----", PosixFilePermissions.toString(s.permissions()));
            assertEquals(group, s.group().getName());
            PosixFileAttributes folder = Files.readAttributes(socket.getParent(), PosixFileAttributes.class);
            assertEquals("rwxr-x---", PosixFilePermissions.toString(folder.permissions()));
            assertEquals(group, folder.group().getName());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(ControlProtocol.ownSocket(data))),
                    "the data folder's own socket stays owner-only");
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));

            // The CLI of another data folder, pointed at the socket: the engine's status, not its own folder's.
            Path elsewhere = Files.createTempDirectory("no-engine-here");
            PanelProcess.CliResult status = PanelProcess.cli(elsewhere, "--engine-socket", socket.toString(), "status", "--json");
            assertEquals(0, status.exit(), status.output());
            // (No engine runs on that folder: an answer at all is the daemon's. Its services may not be listed yet: the
            // daemon's sockets open before its tor starts.)
            assertTrue(ControlProtocol.JSON.readTree(status.output()).path("tor").path("state").isTextual(), status.output());
            // Services go through the engine: the daemon's folder's, not this one's.
            PanelProcess.CliResult list = PanelProcess.cli(elsewhere, "--engine-socket", socket.toString(), "service", "list");
            assertEquals(0, list.exit(), list.output());
            assertTrue(list.output().contains("api ") && list.output().contains("127.0.0.1:1"), list.output());
            // No key material for the group, not even encrypted: a backup is refused, nothing written here.
            Path passphrase = Files.writeString(elsewhere.resolve("pass"), "correct horse battery staple\n");
            Path backup = elsewhere.resolve("api.backup");
            PanelProcess.CliResult keys = PanelProcess.cli(elsewhere, "--engine-socket", socket.toString(), "backup", "export",
                    "api", backup.toString(), "--passphrase-file", passphrase.toString());
            assertEquals(2, keys.exit(), keys.output());
            assertTrue(keys.output().contains("'backup.export' is not available on the group's socket"), keys.output());
            assertFalse(Files.exists(backup));
            // What works on the data folder's files alone is still refused plainly.
            PanelProcess.CliResult fileCommand = PanelProcess.cli(elsewhere, "--engine-socket", socket.toString(), "tor", "show");
            assertEquals(2, fileCommand.exit(), fileCommand.output());
            assertTrue(fileCommand.output().contains("not through the engine's socket"), fileCommand.output());
            assertFalse(Files.exists(elsewhere.resolve("settings.json")), "nothing written to the other folder");

            if (ROOT) {
                Path probe = probe();
                assertEquals("answered", as(probe, socket, "--regid=100", "--clear-groups"),
                        "uid 65534 whose group is the socket's gets an answer");
                assertTrue(as(probe, socket, "--regid=65534", "--clear-groups").startsWith("refused: "),
                        "uid 65534 outside the group cannot even connect (0660)");
                assertEquals("closed", as(probe, socket, "--regid=65534", "--groups=100"),
                        "a supplementary group the group file does not list gets past the mode, not past the engine");
                assertTrue(as(probe, ControlProtocol.ownSocket(data), "--regid=100", "--clear-groups").startsWith("refused: "),
                        "the group does not open the data folder's socket");
            }
            assertEquals(0, PanelProcess.cli(elsewhere, "--engine-socket", socket.toString(), "stop").exit());
            assertEquals(0, daemon.waitForExit(Duration.ofSeconds(60)), daemon.stderr());
            assertFalse(Files.exists(socket), "the group's socket goes with the engine");
            PanelProcess.CliResult gone = PanelProcess.cli(elsewhere, "--engine-socket", socket.toString(), "status");
            assertEquals(1, gone.exit(), gone.output());
            assertTrue(gone.output().contains("No engine answers on " + socket), gone.output());
        }
    }

    @Test
    void aGroupSocketNeedsAGroupNameAndAFolderOfItsOwn() {
        assertThrows(ValidationException.class, () -> new GroupSocket(Path.of("/run/onion-panel/control.sock"), "onion panel"));
        assertThrows(ValidationException.class, () -> new GroupSocket(Path.of("/run/onion-panel/control.sock"), "x\nUser root"));
        assertThrows(ValidationException.class, () -> new GroupSocket(Path.of("control.sock"), "onion-panel"));
        assertThrows(ValidationException.class, () -> new GroupSocket(Path.of("/control.sock"), "onion-panel"));
        assertEquals(GroupSocket.SYSTEM_SOCKET, new GroupSocket(Path.of("/run/onion-panel/./control.sock"), "onion-panel").socket());
    }

    @Test
    void anUnknownGroupStopsTheDaemonWithItsName() throws Exception {
        Path open = Files.createTempDirectory("group-socket");
        PanelProcess.CliResult r = PanelProcess.cli(data, "daemon", "--socket-group", "no-such-group-xyz",
                "--group-socket", open.resolve("s/control.sock").toString());
        assertEquals(1, r.exit(), r.output());
        assertTrue(r.output().contains("there is no group no-such-group-xyz"), r.output());
        assertFalse(Files.exists(ControlProtocol.ownSocket(data)), "the daemon stopped and took its socket");
        PanelProcess.CliResult bad = PanelProcess.cli(data, "daemon", "--socket-group", "Bad Group");
        assertEquals(2, bad.exit(), bad.output());
    }

    /** Connects, says hello, prints "answered", "closed" (dropped by the engine) or "refused: why" (by the kernel). */
    private static Path probe() throws Exception {
        Path probe = Files.createTempDirectory("control-probe").resolve("Probe.java");
        Files.writeString(probe, """
                import java.net.*; import java.nio.channels.*; import java.nio.*;
                public class Probe { public static void main(String[] a) throws Exception {
                  try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                    try { c.connect(UnixDomainSocketAddress.of(a[0])); }
                    catch (Exception e) { System.out.println("refused: " + e.getMessage()); return; }
                    try {
                      c.write(ByteBuffer.wrap("{\\"jsonrpc\\":\\"2.0\\",\\"id\\":1,\\"method\\":\\"hello\\"}\\n".getBytes()));
                      System.out.println(c.read(ByteBuffer.allocate(4096)) < 0 ? "closed" : "answered");
                    } catch (java.io.IOException e) { System.out.println("closed"); } } } }
                """);
        Files.setPosixFilePermissions(probe.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("rw-r--r--"));
        return probe;
    }

    /** Runs the probe as uid 65534 with the given group options of setpriv. */
    private static String as(Path probe, Path socket, String... groups) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of("setpriv", "--reuid=65534"));
        cmd.addAll(List.of(groups));
        cmd.addAll(List.of(java, "-Duser.home=/tmp", probe.toString(), socket.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return out;
    }
}
