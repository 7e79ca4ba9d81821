package io.onionpanel.tor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.testnet.TorNetworkSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules against the system tor itself: accepted lines are valid torrc, and tor's own option names are known. */
class TorrcLinesOnTorTest {
    @TempDir
    Path work;

    @Test
    void acceptedLinesAreAValidTorrc() throws Exception {
        List<String> accepted = TorrcLines.validate(List.of("TestingTorNetwork 1", "DirAuthority dead orport=9 no-v2 v3ident="
                + "0".repeat(40) + " 127.0.0.1:9 " + "A".repeat(40), "PathsNeededToBuildCircuits 0.67", "UseBridges 1",
                "Bridge 192.0.2.2:9001", "Socks5Proxy 10.0.0.1:1080", "Log notice stdout",
                "MetricsPort 127.0.0.1:9035 prometheus", "MetricsPortPolicy accept 127.0.0.1",
                "DNSPort 127.0.0.1:5353 IsolateDestAddr", "HTTPTunnelPort [::1]:8118", "TransPort auto",
                "NATDPort 127.0.0.1:9043", "dnsport 5354"), "f");
        Path data = Files.createDirectory(work.resolve("data"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        List<String> torrc = new ArrayList<>(List.of("DataDirectory " + data, "SocksPort 0"));
        torrc.addAll(accepted);
        Path file = Files.write(work.resolve("torrc"), torrc, StandardCharsets.UTF_8);
        String said = run(tor(), "--verify-config", "--defaults-torrc", "/dev/null", "-f", file.toString());
        assertTrue(said.contains("Configuration was valid"), said);
    }

    @Test
    void everyOptionTorKnowsIsJudgedByItsFullName() throws Exception {
        List<String> names = run(tor(), "--list-torrc-options").lines()
                .filter(n -> n.matches("[A-Za-z][A-Za-z0-9]*")).toList();
        assertTrue(names.size() > 300, names.toString());
        for (String name : names) {
            String said = OperatorLineRules.refusal(name + " 1", name, "1").orElse("");
            assertFalse(said.contains("abbreviated"), said);
        }
    }

    private static Path tor() {
        // Under CI=true the tor package is there; elsewhere its absence only skips these checks.
        var tor = TorNetworkSupport.onPath("tor");
        if (tor.isEmpty() && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException(TorNetworkSupport.MISSING_TOR_MESSAGE);
        }
        Assumptions.assumeTrue(tor.isPresent(), TorNetworkSupport.MISSING_TOR_MESSAGE);
        return tor.get();
    }

    private static String run(Path tor, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(tor.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), said);
        return said;
    }
}
