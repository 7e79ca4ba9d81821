package io.onionpanel.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.common.ValidationException;
import io.onionpanel.onion.OnionAddress;
import io.onionpanel.onion.OnionServices;
import io.onionpanel.settings.ClientAuth;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.settings.Settings;
import io.onionpanel.settings.SettingsStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientAuthorizationTest {
    @TempDir
    Path data;
    String onion;
    ClientAuthorization clients;
    SettingsStore store;

    @BeforeEach
    void serviceWithAnAddress() throws Exception {
        OnionServices services = new OnionServices(data);
        services.add("api", List.of(PortMapping.of(80, "127.0.0.1:8000")));
        services.add("fresh", List.of(PortMapping.of(81, "127.0.0.1:8000")));
        onion = ClientKeysTest.someAddress();
        Path dir = services.folders().prepare("api");
        Files.writeString(dir.resolve("hostname"), onion + "\n");
        clients = new ClientAuthorization(data);
        store = new SettingsStore(data);
    }

    private Path authDir(String service) {
        return data.resolve("services").resolve(service).resolve("authorized_clients");
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void generatedClientGetsATorAuthFileAndTurnsAuthorisationOn() throws Exception {
        var r = clients.add("api", "alice", null, " laptop ", false);
        assertTrue(r.turnedOn());
        assertEquals(onion, r.onion());
        var c = r.credential().orElseThrow();
        assertEquals(r.client().publicKey(), c.publicKey());
        assertEquals("laptop", r.client().note());
        assertTrue(r.client().added().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), r.client().added());
        Path file = authDir("api").resolve("alice.auth");
        assertEquals("descriptor:x25519:" + r.client().publicKey() + "\n", Files.readString(file));
        assertEquals("rw-------", mode(file));
        assertEquals("rwx------", mode(authDir("api")));
        ClientAuth saved = store.load().service("api").orElseThrow().clientAuth();
        assertTrue(saved.enabled());
        assertEquals(List.of(r.client()), saved.clients());
        assertFalse(r.toString().contains(c.privateKey()), r.toString());
        assertTrue(r.keptAt().isEmpty());
        assertPrivateKeyNowhereUnder(data, c.privateKey());

        var second = clients.add("api", "bob", null, null, false);
        assertFalse(second.turnedOn(), "only the first client turns it on");
        assertEquals(2, clients.list("api").auth().clients().size());
    }

    @Test
    void keptKeysLiveOutsideTheServiceFolderOwnerOnly() throws Exception {
        var r = clients.add("api", "alice", null, null, true);
        String key = r.credential().orElseThrow().privateKey();
        Path kept = data.resolve("client-keys/api/alice.auth_private");
        assertEquals(kept, r.keptAt().orElseThrow());
        assertEquals(r.credential().get().authPrivateLine() + "\n", Files.readString(kept));
        assertEquals("rw-------", mode(kept));
        assertEquals("rwx------", mode(kept.getParent()));
        assertEquals("rwx------", mode(kept.getParent().getParent()));
        assertPrivateKeyNowhereUnder(data.resolve("services"), key);
        assertFalse(Files.readString(data.resolve("settings.json")).contains(key));
        assertEquals(key, clients.keptCredential("api", "alice").orElseThrow().privateKey());
        assertTrue(clients.list("api").hasKeptKey("alice"));

        var removed = clients.remove("api", "alice");
        assertTrue(removed.forgotKey());
        assertFalse(Files.exists(kept));
        assertFalse(Files.exists(authDir("api").resolve("alice.auth")));
        assertTrue(removed.offline(), "the last client gone with authorisation on: offline");
        assertPrivateKeyNowhereUnder(data, key);
    }

    @Test
    void keptKeysFollowTheirServiceWhenRenamedAndRemoved() throws Exception {
        var r = clients.add("api", "alice", null, null, true);
        String key = r.credential().orElseThrow().privateKey();
        OnionServices services = new OnionServices(data);

        services.rename("api", "routstr");
        assertFalse(Files.exists(data.resolve("client-keys/api")));
        assertEquals(key, clients.keptCredential("routstr", "alice").orElseThrow().privateKey());
        assertTrue(clients.list("routstr").hasKeptKey("alice"));

        Files.createDirectories(data.resolve("client-keys/other"));
        services.add("other2", List.of(PortMapping.of(82, "127.0.0.1:8000")));
        byte[] before = Files.readAllBytes(data.resolve("settings.json"));
        ValidationException e = assertThrows(ValidationException.class, () -> services.rename("other2", "other"));
        assertTrue(e.getMessage().contains("kept client keys named 'other'"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(data.resolve("settings.json")), "a refused rename changes nothing");

        Path archived = services.remove("routstr").orElseThrow();
        assertFalse(Files.exists(data.resolve("client-keys/routstr")));
        Path keptBeside = archived.resolveSibling(archived.getFileName() + "-client-keys");
        assertEquals(r.credential().get().authPrivateLine() + "\n", Files.readString(keptBeside.resolve("alice.auth_private")));
        assertTrue(Files.exists(archived.resolve("hostname")), "the archived folder keeps tor's layout");
        assertFalse(Files.exists(archived.resolve("client-keys")));
    }

    /** A service added by a version that left its keys to tor's first run, and never run since. */
    private Path withoutKeys(String service) throws Exception {
        Path dir = data.resolve("services").resolve(service);
        for (String f : List.of("hs_ed25519_secret_key", "hs_ed25519_public_key", "hostname")) {
            Files.delete(dir.resolve(f));
        }
        return dir;
    }

    @Test
    void aGeneratedClientOfAServiceWithoutKeysMakesTheKeysAndNamesTheirAddress() throws Exception {
        Path dir = withoutKeys("fresh");

        var r = clients.add("fresh", "dave", null, null, false);

        String address = OnionAddress.readHostname(dir).orElseThrow();
        byte[] publicKey = io.onionpanel.onion.OnionKeys.publicKeyFromSecretKeyFile(
                Files.readAllBytes(dir.resolve("hs_ed25519_secret_key")));
        assertEquals(OnionAddress.fromPublicKey(publicKey), address, "the hostname is the secret key's address");
        assertEquals(address, r.onion());
        assertTrue(r.credential().orElseThrow().authPrivateLine().startsWith(address.replace(".onion", "") + ":descriptor:x25519:"),
                "the credential names the new address");
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(dir.resolve("hs_ed25519_secret_key")));
        // A second client keeps those keys.
        assertEquals(address, clients.add("fresh", "erin", null, null, false).onion());
    }

    @Test
    void aRefusedClientMakesNoKeys() throws Exception {
        withoutKeys("fresh");
        clients.add("fresh", "carol", ClientKeys.generate().publicKey(), null, false);
        var e = assertThrows(ValidationException.class, () -> clients.add("fresh", "carol", null, null, false));
        assertTrue(e.getMessage().contains("already has a client named 'carol'"), e.getMessage());
        assertFalse(Files.exists(data.resolve("services/fresh/hs_ed25519_secret_key")));
    }

    @Test
    void publicKeyClientsNeedNoAddressAndNoPrivateKey() throws Exception {
        String pub = ClientKeys.generate().publicKey();
        var r = clients.add("fresh", "carol", pub.toLowerCase(), null, false);
        assertTrue(r.credential().isEmpty());
        assertEquals(pub, r.client().publicKey());
        assertEquals("descriptor:x25519:" + pub + "\n", Files.readString(authDir("fresh").resolve("carol.auth")));
        var e = assertThrows(ValidationException.class, () -> clients.add("fresh", "erin", ClientKeys.generate().publicKey(), null, true));
        assertTrue(e.getMessage().contains("no private key to keep"), e.getMessage());
    }

    @Test
    void refusedInputChangesNothing() throws Exception {
        String alicesKey = clients.add("api", "alice", ClientKeys.generate().publicKey(), null, false).client().publicKey();
        byte[] before = Files.readAllBytes(data.resolve("settings.json"));
        List<Path> filesBefore = list(data);
        record Case(String service, String client, String key, String note, String message) {
        }
        for (Case c : List.of(
                new Case("api", "ALICE", ClientKeys.generate().publicKey(), null, "already has a client named 'alice'"),
                new Case("api", "bob", alicesKey.toLowerCase(), null, "already belongs to client 'alice'"),
                new Case("api", "bad name", null, null, "Client name 'bad name' may only contain letters, digits"),
                new Case("api", "", null, null, "Client name is empty"),
                new Case("api", "-x", null, null, "Client name '-x' may only contain"),
                new Case("api", "con", null, null, "Client name 'con' is reserved on Windows"),
                new Case("api", "a\"b", null, null, "Client name must not contain quotes"),
                new Case("api", "x".repeat(65), null, null, "at most 64 characters"),
                new Case("api", "bob", "tooshort", null, "has 8 characters"),
                new Case("api", "bob", null, "line\nbreak", "Note must not contain a line break"),
                new Case("api", "bob", null, "n".repeat(201), "keep it under 200"),
                new Case("nope", "bob", null, null, "There is no service named 'nope'"))) {
            var e = assertThrows(ValidationException.class, () -> clients.add(c.service(), c.client(), c.key(), c.note(), false), c.toString());
            assertTrue(e.getMessage().contains(c.message()), c + " → " + e.getMessage());
        }
        var e = assertThrows(ValidationException.class, () -> clients.remove("api", "zed"));
        assertEquals("Service 'api' has no client named 'zed'", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(data.resolve("settings.json")));
        assertEquals(filesBefore, list(data));
    }

    @Test
    void offKeepsTheListButTakesTheFilesAway() throws Exception {
        clients.add("api", "alice", null, null, false);
        clients.add("api", "bob", ClientKeys.generate().publicKey(), null, false);
        ClientAuth off = clients.setEnabled("api", false);
        assertFalse(off.enabled());
        assertEquals(2, off.clients().size());
        assertFalse(Files.exists(authDir("api").resolve("alice.auth")));
        assertFalse(Files.exists(authDir("api").resolve("bob.auth")));
        var added = clients.add("api", "carol", null, null, false);
        assertFalse(added.authEnabled());
        assertFalse(Files.exists(authDir("api").resolve("carol.auth")), "no file while off");
        ClientAuth on = clients.setEnabled("api", true);
        assertEquals(3, on.clients().size());
        assertEquals(List.of("alice", "bob", "carol"), new AuthorizedClientsFolder(data.resolve("services/api")).read().keySet().stream().toList());
    }

    @Test
    void onWithoutClientsIsAllowedAndFlagged() {
        ClientAuth on = clients.setEnabled("fresh", true);
        assertTrue(on.enabledWithoutClients());
    }

    @Test
    void settingsWithoutClientAuthStayAsTheyWereAndLoadAsOff() throws Exception {
        String json = Files.readString(data.resolve("settings.json"));
        assertFalse(json.contains("clientAuth"), "a service that never used client auth is written as before:\n" + json);
        // A settings.json from before the feature (hand-written, no clientAuth) loads with client auth off.
        String old = "{\"schemaVersion\":1,\"services\":[{\"name\":\"old\",\"enabled\":true,\"ports\":"
                + "[{\"virtual\":80,\"targets\":[\"127.0.0.1:8000\"]}]}]}";
        Settings parsed = store.parse(old.getBytes(StandardCharsets.UTF_8));
        assertEquals(ClientAuth.OFF, parsed.services().get(0).clientAuth());
        assertEquals(new ServiceConfig("old", true, List.of(PortMapping.of(80, "127.0.0.1:8000"))), parsed.services().get(0));

        clients.add("api", "alice", null, "n", false);
        Settings reloaded = store.parse(Files.readAllBytes(data.resolve("settings.json")));
        assertEquals(store.load(), reloaded);
        assertTrue(Files.readString(data.resolve("settings.json")).contains("\"clientAuth\""));
        ServiceConfig api = reloaded.service("api").orElseThrow();
        assertEquals(api, api.withPorts(api.ports()), "with… methods keep the client list");
        assertEquals(api.clientAuth(), api.withName("x").withEnabled(false).clientAuth());
    }

    private static List<Path> list(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> !p.getFileName().toString().startsWith(".settings.lock")).sorted().toList();
        }
    }

    static void assertPrivateKeyNowhereUnder(Path root, String privateKey) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
                assertFalse(text.contains(privateKey), "the private key is in " + p);
                assertFalse(text.contains(privateKey.toLowerCase()), "the private key is in " + p);
            }
        }
    }
}
