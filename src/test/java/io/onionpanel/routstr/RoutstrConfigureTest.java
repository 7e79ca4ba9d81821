package io.onionpanel.routstr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.routstr.RoutstrConfigure.Route;
import io.onionpanel.routstr.RoutstrConfigure.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configure against a stand-in Routstr 0.4.5 / 0.1.4 that keeps Routstr's "database wins over .env" rule. */
class RoutstrConfigureTest {
    static final String ONION = EnvFileTest.ONION;
    static final String OLD = "http://duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczad.onion";
    static final String PASSWORD = "correct horse battery";

    @TempDir
    Path dir;

    private Path env(String onionUrl) throws Exception {
        Path env = dir.resolve(".env");
        Files.writeString(env, "ADMIN_PASSWORD=x\nONION_URL=" + onionUrl + "\n");
        return env;
    }

    @Test
    void theEnvTrapIsReal_aBootedNodeIgnoresANewOnionUrlInEnv() throws Exception {
        Path env = env(OLD);
        try (StandInRoutstrNode node = StandInRoutstrNode.v045(env, PASSWORD).boot()) {
            RoutstrConfigure.apply(new Target(node.url(), ONION, 80, 9150, null, env), m -> { });
            node.boot();
            assertEquals(OLD, new RoutstrNode(node.url(), Duration.ofSeconds(5)).info().onionUrl());
        }
    }

    @Test
    void aBootedNodeIsChangedThroughItsAdminApi_onlyWhatDiffers() throws Exception {
        Path env = env(OLD);
        try (StandInRoutstrNode node = StandInRoutstrNode.v045(env, PASSWORD).boot()) {
            node.boot();
            List<String> said = new ArrayList<>();
            RoutstrConfigure.Outcome o = RoutstrConfigure.apply(new Target(node.url(), ONION, 80, 0, PASSWORD, env),
                    said::add);
            assertEquals(Route.ADMIN_API, o.route());
            assertTrue(o.why().contains("database"), o.why());
            assertEquals("0.4.5", o.version());
            assertEquals(1, o.changes().size(), "no fixed SOCKS port: tor_proxy_url is left alone");
            assertEquals(OLD, o.changes().get(0).oldValue());
            assertEquals("http://" + ONION, o.changes().get(0).newValue());
            assertEquals(1, node.patches.get());
            assertEquals(0, node.openSessions(), "logged out after the change");
            assertEquals("http://" + ONION, new RoutstrNode(node.url(), Duration.ofSeconds(5)).info().onionUrl());
            assertEquals(RoutstrSetup.CheckOutcome.REPORTED, RoutstrSetup.awaitAnnounced(node.url(), o.expectedUrl(),
                    false, Duration.ZERO, Duration.ofMillis(10), m -> { }).outcome());
            // The database holds it: a restart keeps it even though .env still says the old one.
            node.boot();
            assertEquals("http://" + ONION, node.onionUrl());
            assertTrue(Files.readString(env).contains("ONION_URL=" + OLD), "the .env was not touched");

            RoutstrConfigure.Outcome again = RoutstrConfigure.apply(new Target(node.url(), ONION, 80, 0, PASSWORD, env),
                    m -> { });
            assertFalse(again.changes().get(0).changed());
            assertEquals(1, node.patches.get(), "nothing to change, nothing sent");
        }
    }

    @Test
    void aFixedSocksPortAndAnotherVirtualPortAreBothApplied() throws Exception {
        try (StandInRoutstrNode node = StandInRoutstrNode.v045(env(""), PASSWORD).boot()) {
            RoutstrConfigure.Outcome o = RoutstrConfigure.apply(new Target(node.url(), ONION, 8080, 9150, PASSWORD, null),
                    m -> { });
            assertEquals(Route.ADMIN_API, o.route());
            assertEquals("http://" + ONION + ":8080", node.onionUrl());
            assertEquals("socks5://127.0.0.1:9150", o.changes().get(1).newValue());
            assertEquals("socks5://127.0.0.1:9050", o.changes().get(1).oldValue());
        }
    }

    @Test
    void aNodeThatHasNeverStartedGetsTheEnvAndTakesItOnItsFirstBoot() throws Exception {
        Path env = env("");
        try (StandInRoutstrNode node = StandInRoutstrNode.v045(env, PASSWORD)) {
            RoutstrConfigure.Outcome o = RoutstrConfigure.apply(new Target(node.url(), ONION, 80, 9150, PASSWORD, env),
                    m -> { });
            assertEquals(Route.ENV_FILE, o.route());
            assertTrue(o.why().contains("does not answer") && o.why().contains("never started"), o.why());
            assertNull(o.version());
            node.boot();
            assertEquals("http://" + ONION, new RoutstrNode(node.url(), Duration.ofSeconds(5)).info().onionUrl());
        }
    }

    @Test
    void aWrongPasswordChangesNothing() throws Exception {
        Path env = env(OLD);
        String before = Files.readString(env);
        try (StandInRoutstrNode node = StandInRoutstrNode.v045(env, PASSWORD).boot()) {
            RoutstrApiException e = assertThrows(RoutstrApiException.class, () -> RoutstrConfigure.apply(
                    new Target(node.url(), ONION, 80, 9150, "wrong-password", env), m -> { }));
            assertEquals(RoutstrApiException.Kind.WRONG_PASSWORD, e.kind());
            assertTrue(e.getMessage().contains("refused the admin password"), e.getMessage());
            assertFalse(e.getMessage().contains("wrong-password"), "the password is never in a message");
            assertEquals(OLD, node.onionUrl());
            assertEquals(0, node.patches.get());
            assertEquals(before, Files.readString(env), "no fallback to .env after a refused password");
        }
    }

    @Test
    void anOldRoutstrWithoutPasswordLoginFallsBackToEnvWithTheReason() throws Exception {
        Path env = env(OLD);
        try (StandInRoutstrNode node = StandInRoutstrNode.v014(env).boot()) {
            RoutstrConfigure.Outcome o = RoutstrConfigure.apply(new Target(node.url(), ONION, 80, 9150, PASSWORD, env),
                    m -> { });
            assertEquals(Route.ENV_FILE, o.route());
            assertTrue(o.why().contains("0.1.4") && o.why().contains("no admin password login"), o.why());
            assertTrue(Files.readString(env).contains("ONION_URL=http://" + ONION));

            RoutstrApiException e = assertThrows(RoutstrApiException.class, () -> RoutstrConfigure.apply(
                    new Target(node.url(), ONION, 80, 9150, PASSWORD, null), m -> { }));
            assertEquals(RoutstrApiException.Kind.NO_ADMIN_API, e.kind());
            assertTrue(e.getMessage().contains("--env"), e.getMessage());
        }
    }

    @Test
    void somethingElseOnThePortIsNotTakenForRoutstr() throws Exception {
        try (var other = io.onionpanel.testnet.StandInRoutstr.start()) {
            // Answers /v1/info like Routstr, but has no admin login: 404, so an admin API that is missing.
            RoutstrApiException e = assertThrows(RoutstrApiException.class, () -> RoutstrConfigure.apply(
                    new Target("http://" + other.hostPort(), ONION, 80, 0, PASSWORD, null), m -> { }));
            assertEquals(RoutstrApiException.Kind.NO_ADMIN_API, e.kind());
        }
        var server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 1);
        server.createContext("/", x -> {
            byte[] b = "{\"status\":\"ok\"}".getBytes();
            x.sendResponseHeaders(200, b.length);
            x.getResponseBody().write(b);
            x.close();
        });
        server.start();
        try {
            RoutstrApiException e = assertThrows(RoutstrApiException.class, () -> RoutstrConfigure.apply(
                    new Target("http://127.0.0.1:" + server.getAddress().getPort(), ONION, 80, 0, PASSWORD, null),
                    m -> { }));
            assertEquals(RoutstrApiException.Kind.UNEXPECTED_ANSWER, e.kind());
            assertTrue(e.getMessage().contains("not as the Routstr versions the panel knows"), e.getMessage());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aNodeThatDoesNotAnswerWithoutEnvIsAnErrorInWords() throws Exception {
        try (StandInRoutstrNode node = StandInRoutstrNode.v045(env(""), PASSWORD)) {
            RoutstrApiException e = assertThrows(RoutstrApiException.class, () -> RoutstrConfigure.apply(
                    new Target(node.url(), ONION, 80, 0, PASSWORD, null), m -> { }));
            assertEquals(RoutstrApiException.Kind.NOT_REACHABLE, e.kind());
            assertTrue(e.getMessage().startsWith("Routstr does not answer at " + node.url()), e.getMessage());
        }
    }

    @Test
    void urlsCompareAsRoutstrStoresThem() {
        assertTrue(RoutstrUrls.same(ONION.toUpperCase() + "/", "http://" + ONION));
        assertTrue(RoutstrUrls.same("http://" + ONION + ":80", RoutstrUrls.onionUrl(ONION, 80)));
        assertFalse(RoutstrUrls.same("http://" + ONION, RoutstrUrls.onionUrl(ONION, 8080)));
        assertFalse(RoutstrUrls.same("", "http://" + ONION));
        assertTrue(RoutstrNode.hasPasswordLogin("0.4.4+g1a2b3c4"));
        assertTrue(RoutstrNode.hasPasswordLogin("v0.2.0"));
        assertFalse(RoutstrNode.hasPasswordLogin("0.1.4"));
    }
}
