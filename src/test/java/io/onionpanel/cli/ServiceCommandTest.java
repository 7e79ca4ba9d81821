package io.onionpanel.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ServiceCommandTest {
    @TempDir
    Path data;

    @Test
    void addListEditRemove() throws Exception {
        var added = CliRunner.run(data, "service", "add", "routstr", "--port", "80=127.0.0.1:8000");
        assertEquals(0, added.exit());
        assertEquals(0, CliRunner.run(data, "service", "add", "second", "--port", "80=8001", "--port", "80=8002",
                "--port", "443=unix:/run/api.sock").exit());
        JsonNode list = new ObjectMapper().readTree(CliRunner.run(data, "service", "list", "--json").out());
        assertEquals(2, list.size());
        assertEquals("routstr", list.get(0).get("name").asText());
        // The keys are made with the service: its address is known before tor ever runs it.
        String onion = list.get(0).get("onion").asText();
        assertTrue(io.onionpanel.onion.OnionAddress.isValid(onion.replace(".onion", "")), onion);
        assertEquals(onion, Files.readString(data.resolve("services/routstr/hostname")).strip());
        assertTrue(added.out().strip().endsWith("Its address: " + onion), added.out());
        assertTrue(list.get(0).get("enabled").asBoolean());
        assertEquals(80, list.get(0).get("ports").get(0).get("virtual").asInt());
        assertEquals("127.0.0.1:8000", list.get(0).get("ports").get(0).get("targets").get(0).asText());
        assertEquals(2, list.get(1).get("ports").get(0).get("targets").size());

        assertEquals(0, CliRunner.run(data, "service", "edit", "routstr", "--disable").exit());
        assertEquals(0, CliRunner.run(data, "service", "edit", "routstr", "--port", "8080=127.0.0.1:9000").exit());
        list = new ObjectMapper().readTree(CliRunner.run(data, "service", "list", "--json").out());
        assertFalse(list.get(0).get("enabled").asBoolean());
        assertEquals(8080, list.get(0).get("ports").get(0).get("virtual").asInt());

        Files.createDirectories(data.resolve("services/second"));
        Files.writeString(data.resolve("services/second/hs_ed25519_secret_key"), "key material");
        var removed = CliRunner.run(data, "service", "remove", "second");
        assertEquals(0, removed.exit(), removed.err());
        assertTrue(removed.out().contains("keys were kept"), removed.out());
        assertFalse(Files.exists(data.resolve("services/second")));
        try (Stream<Path> archived = Files.list(data.resolve("removed"))) {
            Path dir = archived.findFirst().orElseThrow();
            assertTrue(dir.getFileName().toString().matches("second-\\d{8}-\\d{6}"), dir.toString());
            assertEquals("key material", Files.readString(dir.resolve("hs_ed25519_secret_key")));
        }
    }

    @Test
    void renameMovesTheKeyFolder() throws Exception {
        CliRunner.run(data, "service", "add", "old", "--port", "80=8000");
        Files.createDirectories(data.resolve("services/old"));
        Files.writeString(data.resolve("services/old/hostname"), "x");
        assertEquals(0, CliRunner.run(data, "service", "rename", "old", "new").exit());
        assertTrue(Files.exists(data.resolve("services/new/hostname")));
        assertTrue(CliRunner.run(data, "service", "list").out().contains("new"));
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                Arguments.of(new String[]{"service", "add", "bad name", "--port", "80=8000"}, "Service name 'bad name'"),
                Arguments.of(new String[]{"service", "add", "x\nHiddenServiceDir /etc", "--port", "80=8000"}, "line break"),
                Arguments.of(new String[]{"service", "add", "quote\"d", "--port", "80=8000"}, "quotes"),
                Arguments.of(new String[]{"service", "add", "ok", "--port", "70000=8000"}, "out of range"),
                Arguments.of(new String[]{"service", "add", "ok", "--port", "80=127.0.0.1:0"}, "out of range"),
                Arguments.of(new String[]{"service", "add", "ok", "--port", "80=127.0.0.1:8000\nHiddenServicePort 22 127.0.0.1:22"}, "line break"),
                Arguments.of(new String[]{"service", "add", "ok", "--port", "80=bad host:8000"}, "not a valid host name"),
                Arguments.of(new String[]{"service", "add", "ok", "--port", "80=8000", "--port", "80=127.0.0.1:8000"}, "twice"),
                Arguments.of(new String[]{"service", "add", "ok", "--port", "80"}, "VIRTUAL=TARGET"),
                Arguments.of(new String[]{"service", "add", "existing", "--port", "80=8000"}, "already exists"),
                Arguments.of(new String[]{"service", "add", "EXISTING", "--port", "80=8000"}, "already exists"),
                Arguments.of(new String[]{"service", "edit", "missing", "--disable"}, "no service named"),
                Arguments.of(new String[]{"service", "edit", "existing"}, "Nothing to change"),
                Arguments.of(new String[]{"service", "edit", "existing", "--port", "80=[zz]:1"}, "IPv6"),
                Arguments.of(new String[]{"service", "rename", "existing", "../escape"}, "Service name"),
                Arguments.of(new String[]{"service", "remove", "missing"}, "no service named"));
    }

    @ParameterizedTest
    @MethodSource("badInputs")
    void badInputIsRefusedClearlyAndChangesNothing(String[] args, String expected) throws Exception {
        CliRunner.run(data, "service", "add", "existing", "--port", "80=8000");
        byte[] before = Files.readAllBytes(data.resolve("settings.json"));
        byte[] backupBefore = Files.exists(data.resolve("settings.json.bak")) ? Files.readAllBytes(data.resolve("settings.json.bak")) : null;
        var result = CliRunner.run(data, args);
        assertEquals(OnionPanelCli.EXIT_BAD_INPUT, result.exit(), result.out() + result.err());
        assertTrue(result.err().contains(expected), "expected '" + expected + "' in: " + result.err());
        assertArrayEquals(before, Files.readAllBytes(data.resolve("settings.json")));
        assertEquals(backupBefore == null, !Files.exists(data.resolve("settings.json.bak")));
        assertFalse(Files.exists(data.resolve("services/escape")));
    }

    @Test
    void corruptSettingsAreReportedNotReplaced() throws Exception {
        Files.writeString(data.resolve("settings.json"), "{ not json");
        var result = CliRunner.run(data, "service", "add", "x", "--port", "80=8000");
        assertEquals(OnionPanelCli.EXIT_FAILURE, result.exit());
        assertTrue(result.err().contains("corrupt"), result.err());
        assertEquals("{ not json", Files.readString(data.resolve("settings.json")));
    }

    @Test
    void versionNamesTheTorItWouldUse() {
        var result = CliRunner.run(data, "--version");
        assertEquals(0, result.exit());
        assertTrue(result.out().startsWith("onion-panel "), result.out());
        // Nothing chosen: the newest supported tor on this machine, the system's (Debian's 0.4.9 here).
        assertTrue(result.out().contains("tor: system tor 0.4.9."), result.out());
        assertTrue(result.out().contains("relay: yes, pow: yes"), result.out());
        assertTrue(result.out().contains("tor support: supported (0.4.9 or newer)"), result.out());
        assertTrue(result.out().contains("tor network status: not known yet"), result.out());
    }
}
