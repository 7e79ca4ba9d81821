package io.onionpanel.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onionpanel.cli.OnionPanelCli;
import io.onionpanel.onion.ServiceFolders;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code client …} through the real command line, in-process. */
class ClientCommandTest {
    static final Pattern CREDENTIAL = Pattern.compile("(?m)^([a-z2-7]{56}):descriptor:x25519:([A-Z2-7]{52})$");

    @TempDir
    Path data;
    @TempDir
    Path export;
    String onion;

    record Result(int exit, String out, String err) {
    }

    Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = OnionPanelCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("--data-dir", data.toString()));
        all.addAll(List.of(args));
        return new Result(cl.execute(all.toArray(String[]::new)), out.toString(), err.toString());
    }

    @BeforeEach
    void service() throws Exception {
        assertEquals(0, cli("service", "add", "api", "--port", "80=127.0.0.1:8000").exit());
        onion = ClientKeysTest.someAddress();
        Files.writeString(new ServiceFolders(data).prepare("api").resolve("hostname"), onion + "\n");
    }

    @Test
    void addPrintsTheCredentialOnceAndExportsTheTorFile() throws Exception {
        Result r = cli("client", "add", "api", "alice", "--note", "laptop", "--export-dir", export.resolve("auth").toString());
        assertEquals(0, r.exit(), r.err());
        Matcher m = CREDENTIAL.matcher(r.out());
        assertTrue(m.find(), r.out());
        assertEquals(onion.substring(0, 56), m.group(1));
        String key = m.group(2);
        assertTrue(r.out().contains("Client authorisation of 'api' is now ON"), r.out());
        assertTrue(r.out().contains("Tor Browser asks for the key alone: " + key), r.out());
        Path file = export.resolve("auth").resolve(onion.substring(0, 56) + ".auth_private");
        assertEquals(m.group() + "\n", Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        ClientAuthorizationTest.assertPrivateKeyNowhereUnder(data, key);

        JsonNode list = new ObjectMapper().readTree(cli("client", "list", "api", "--json").out());
        assertTrue(list.get("enabled").asBoolean());
        assertEquals("alice", list.get("clients").get(0).get("name").asText());
        assertEquals("laptop", list.get("clients").get(0).get("note").asText());
        assertEquals(ClientKeys.publicKeyOf(key), list.get("clients").get(0).get("publicKey").asText());
        assertFalse(list.get("clients").get(0).get("privateKeyKept").asBoolean());
        assertTrue(cli("client", "list", "api").out().contains("alice"));

        Result export2 = cli("client", "export", "api", "alice");
        assertEquals(2, export2.exit());
        assertTrue(export2.err().startsWith("Error: The panel has no private key of client 'alice'"), export2.err());
    }

    @Test
    void keptKeysCanBeExportedAgainUntilTheClientIsRemoved() throws Exception {
        Result r = cli("client", "add", "api", "alice", "--keep-private-key");
        assertEquals(0, r.exit(), r.err());
        Matcher m = CREDENTIAL.matcher(r.out());
        assertTrue(m.find());
        Result again = cli("client", "export", "api", "alice", "--export-dir", export.toString());
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().startsWith(m.group() + "\n"), again.out());
        assertTrue(Files.exists(export.resolve(onion.substring(0, 56) + ".auth_private")));

        Result removed = cli("client", "remove", "api", "alice");
        assertEquals(0, removed.exit(), removed.err());
        assertTrue(removed.out().contains("and so is the private key the panel kept"), removed.out());
        assertTrue(removed.out().contains("stays offline until you add a client"), removed.out());
        assertFalse(Files.exists(data.resolve("client-keys/api/alice.auth_private")));
    }

    @Test
    void publicKeyClientsAndSwitching() throws Exception {
        String pub = ClientKeys.generate().publicKey();
        Result r = cli("client", "add", "api", "carol", "--public-key", pub);
        assertEquals(0, r.exit(), r.err());
        assertFalse(CREDENTIAL.matcher(r.out()).find(), "nothing private to print");
        assertTrue(r.out().contains("is now ON"), r.out());
        Result off = cli("client", "auth", "api", "--off");
        assertEquals(0, off.exit(), off.err());
        assertTrue(off.out().contains("anyone who knows the address can reach it"), off.out());
        assertFalse(Files.exists(data.resolve("services/api/authorized_clients/carol.auth")));
        assertTrue(cli("client", "auth", "api", "--on").out().contains("only its 1 client(s) can reach it"));
        assertTrue(Files.exists(data.resolve("services/api/authorized_clients/carol.auth")));
        assertEquals(2, cli("client", "auth", "api").exit(), "--on or --off is required");
        assertEquals(2, cli("client", "auth", "api", "--on", "--off").exit());
    }

    @Test
    void refusalsExitWithTwoAndChangeNothing() throws Exception {
        cli("client", "add", "api", "alice", "--public-key", ClientKeys.generate().publicKey());
        byte[] before = Files.readAllBytes(data.resolve("settings.json"));
        record Case(String[] args, String message) {
        }
        for (Case c : List.of(
                new Case(new String[]{"client", "add", "api", "bad name"}, "Error: Client name 'bad name' may only contain"),
                new Case(new String[]{"client", "add", "api", "bob", "--public-key", "abc"}, "Error: Public key has 3 characters"),
                new Case(new String[]{"client", "add", "api", "Alice"}, "Error: Service 'api' already has a client named 'alice'"),
                new Case(new String[]{"client", "add", "api", "bob", "--public-key", ClientKeys.generate().publicKey(),
                        "--keep-private-key"}, "Error: There is no private key to keep"),
                new Case(new String[]{"client", "add", "api", "bob", "--public-key", ClientKeys.generate().publicKey(),
                        "--export-dir", "/tmp"}, "Error: There is nothing to export with --public-key"),
                new Case(new String[]{"client", "remove", "api", "bob"}, "Error: Service 'api' has no client named 'bob'"),
                new Case(new String[]{"client", "list", "nope"}, "Error: There is no service named 'nope'"))) {
            Result r = cli(c.args());
            assertEquals(2, r.exit(), String.join(" ", c.args()) + ": " + r.out() + r.err());
            assertTrue(r.err().startsWith(c.message()), String.join(" ", c.args()) + " → " + r.err());
        }
        assertArrayEquals(before, Files.readAllBytes(data.resolve("settings.json")));
        assertEquals(List.of("alice.auth"), Files.list(data.resolve("services/api/authorized_clients"))
                .map(p -> p.getFileName().toString()).toList());
    }
}
