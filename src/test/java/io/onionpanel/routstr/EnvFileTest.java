package io.onionpanel.routstr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.onionpanel.common.ValidationException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvFileTest {
    static final String ONION = "2gzyxa5ihm7nsggfxnu52rck2vv4rvmdlkiu3zzui5du4xyclen53wid.onion";

    @Test
    void changesOnlyTheTwoKeysAndKeepsEverythingElse(@TempDir Path dir) throws Exception {
        Path env = dir.resolve(".env");
        String before = "# Routstr settings\n"
                + "UPSTREAM_BASE_URL=https://api.openai.com/v1\n"
                + "\n"
                + "export ONION_URL=\"http://old.onion\"   # published in /v1/info\n"
                + "  ADMIN_PASSWORD='s3cret # not a comment'\n"
                + "UNKNOWN_KEY = some value\n"
                + "TOR_PROXY_URL='socks5://tor:9050'\n"
                + "#ONION_URL=commented-out stays\n"
                + "LAST=1";
        Files.writeString(env, before);
        EnvFile.Result r = RoutstrSetup.configure(env, ONION, 80, 19050);
        String after = Files.readString(env);
        assertEquals("# Routstr settings\n"
                + "UPSTREAM_BASE_URL=https://api.openai.com/v1\n"
                + "\n"
                + "export ONION_URL=\"http://" + ONION + "\"   # published in /v1/info\n"
                + "  ADMIN_PASSWORD='s3cret # not a comment'\n"
                + "UNKNOWN_KEY = some value\n"
                + "TOR_PROXY_URL='socks5://127.0.0.1:19050'\n"
                + "#ONION_URL=commented-out stays\n"
                + "LAST=1", after);
        assertEquals(before, Files.readString(dir.resolve(".env.bak")));
        assertEquals(dir.resolve(".env.bak"), r.backup());
        assertFalse(r.created());
        assertEquals("http://old.onion", r.changes().get(0).oldValue());
        assertEquals("socks5://tor:9050", r.changes().get(1).oldValue());
        assertEquals("http://" + ONION, EnvFile.get(env, "ONION_URL").orElseThrow());
        assertEquals("some value", EnvFile.get(env, "UNKNOWN_KEY").orElseThrow());
    }

    @Test
    void appendsMissingKeysAndKeepsCrlf(@TempDir Path dir) throws Exception {
        Path env = dir.resolve(".env");
        String before = "NAME=My node\r\n# comment\r\nHTTP_URL=\r\n";
        Files.writeString(env, before);
        RoutstrSetup.configure(env, ONION, 80, 9150);
        assertEquals("NAME=My node\r\n# comment\r\nHTTP_URL=\r\nONION_URL=http://" + ONION
                + "\r\nTOR_PROXY_URL=socks5://127.0.0.1:9150\r\n", Files.readString(env));
        // Idempotent: a second run changes nothing but reports no change.
        EnvFile.Result again = RoutstrSetup.configure(env, ONION, 80, 9150);
        assertTrue(again.changes().stream().noneMatch(EnvFile.Change::changed));
        assertEquals("NAME=My node\r\n# comment\r\nHTTP_URL=\r\nONION_URL=http://" + ONION
                + "\r\nTOR_PROXY_URL=socks5://127.0.0.1:9150\r\n", Files.readString(env));
    }

    @Test
    void aServiceOnAnotherPortGetsItsPortInTheUrl(@TempDir Path dir) throws Exception {
        Path env = dir.resolve(".env");
        RoutstrSetup.configure(env, ONION, 8080, 9150);
        // Routstr announces what clients are given: without the port they would knock on 80, where nothing listens.
        assertEquals("http://" + ONION + ":8080", EnvFile.get(env, "ONION_URL").orElseThrow());
    }

    @Test
    void mixedEndingsAndNoFinalNewlineAreKept(@TempDir Path dir) throws Exception {
        Path env = dir.resolve(".env");
        Files.writeString(env, "A=1\r\nONION_URL=x\nB=2");
        RoutstrSetup.configure(env, ONION, 80, 9150);
        assertEquals("A=1\r\nONION_URL=http://" + ONION + "\nB=2\r\nTOR_PROXY_URL=socks5://127.0.0.1:9150\r\n",
                Files.readString(env));
    }

    @Test
    void duplicateKeysAreAllChanged(@TempDir Path dir) throws Exception {
        Path env = dir.resolve(".env");
        Files.writeString(env, "ONION_URL=a\nONION_URL=b\nTOR_PROXY_URL=c\n");
        RoutstrSetup.configure(env, ONION, 80, 9150);
        assertEquals("ONION_URL=http://" + ONION + "\nONION_URL=http://" + ONION
                + "\nTOR_PROXY_URL=socks5://127.0.0.1:9150\n", Files.readString(env));
    }

    @Test
    void missingFileIsCreatedPrivateWithoutBackup(@TempDir Path dir) throws Exception {
        Path env = dir.resolve(".env");
        EnvFile.Result r = RoutstrSetup.configure(env, ONION, 80, 9150);
        assertTrue(r.created());
        assertNull(r.backup());
        assertFalse(Files.exists(dir.resolve(".env.bak")));
        assertEquals("ONION_URL=http://" + ONION + "\nTOR_PROXY_URL=socks5://127.0.0.1:9150\n", Files.readString(env));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(env)));
    }

    @Test
    void refusesWithoutFixedPortBadAddressOrMissingFolderAndChangesNothing(@TempDir Path dir) throws Exception {
        Path env = dir.resolve(".env");
        Files.writeString(env, "ONION_URL=keep\n");
        ValidationException e = assertThrows(ValidationException.class, () -> RoutstrSetup.configure(env, ONION, 80, 0));
        assertTrue(e.getMessage().contains("fixed SOCKS port"), e.getMessage());
        assertThrows(ValidationException.class, () -> RoutstrSetup.configure(env, "notanonion.onion", 80, 9150));
        assertThrows(ValidationException.class, () -> RoutstrSetup.configure(dir.resolve("nope/.env"), ONION, 80, 9150));
        assertThrows(ValidationException.class, () -> RoutstrSetup.configure(dir, ONION, 80, 9150));
        assertEquals("ONION_URL=keep\n", Files.readString(env));
        assertFalse(Files.exists(dir.resolve(".env.bak")));
    }

    @Test
    void waitsForInfoToReportTheAddressAndSaysSoWhenItDoesNot() throws Exception {
        AtomicReference<String> onionUrl = new AtomicReference<>("");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        server.createContext("/v1/info", ex -> {
            byte[] b = ("{\"name\":\"n\",\"onion_url\":\"" + onionUrl.get() + "\"}").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            List<String> progress = new ArrayList<>();
            RoutstrSetup.Check no = RoutstrSetup.awaitReported(base, ONION, Duration.ofMillis(300), Duration.ofMillis(50),
                    progress::add);
            assertEquals(RoutstrSetup.CheckOutcome.NOT_REPORTED, no.outcome());
            assertTrue(no.message().contains("#217"), no.message());
            assertTrue(progress.get(0).startsWith("Restart Routstr"), progress.toString());
            onionUrl.set(ONION.toUpperCase() + "/"); // Routstr reports the raw value: no scheme, any case
            RoutstrSetup.Check yes = RoutstrSetup.awaitReported(base, ONION, Duration.ofSeconds(5), Duration.ofMillis(50),
                    s -> { });
            assertEquals(RoutstrSetup.CheckOutcome.REPORTED, yes.outcome());
        } finally {
            server.stop(0);
        }
        RoutstrSetup.Check down = RoutstrSetup.awaitReported("http://127.0.0.1:1", ONION, Duration.ofMillis(100),
                Duration.ofMillis(50), s -> { });
        assertEquals(RoutstrSetup.CheckOutcome.NOT_ANSWERING, down.outcome());
    }
}
