package io.onionpanel.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.cli.CliRunner;
import io.onionpanel.onion.OnionAddress;
import io.onionpanel.onion.OnionServices;
import io.onionpanel.settings.DosDefenses;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code service export}: the torrc snippet, compose.yml and key backup, checked as text and by the system tor
 * itself ({@code tor --verify-config} with the unpacked key folder in place). Lives beside the backup tests for
 * their real-tor key folders.
 */
class ServerExportTest {
    @TempDir
    Path work;

    @Test
    void theExportRunsOnAServerTorWithTheSameAddress() throws Exception {
        Path data = Fixtures.dataDirWithService(work.resolve("data"), "routstr", RealTor.sharedFolders().get(0), "80=127.0.0.1:8000");
        String address = OnionAddress.readHostname(data.resolve("services/routstr")).orElseThrow();
        new OnionServices(data).setDefenses("routstr", DosDefenses.NONE.withMaxStreams(100, true)
                .withIntroDefense(true, 25, 200).withIntroductionPoints(4).withPow(true, 250, 2500));
        Path server = RealTor.privateDir(work.resolve("server"));
        Path out = work.resolve("out");

        var r = CliRunner.run(data, "service", "export", "routstr", "--out", out.toString(), "--server-dir", server.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains(address) && r.out().contains("NOT encrypted"), r.out());

        String torrc = Files.readString(out.resolve("torrc"));
        List<String> lines = torrc.lines().filter(l -> !l.startsWith("#")).toList();
        assertEquals(List.of("HiddenServiceDir " + server + "/routstr", "HiddenServicePort 80 127.0.0.1:8000",
                "HiddenServiceMaxStreams 100", "HiddenServiceMaxStreamsCloseCircuit 1", "HiddenServiceNumIntroductionPoints 4",
                "HiddenServiceEnableIntroDoSDefense 1", "HiddenServiceEnableIntroDoSRatePerSec 25",
                "HiddenServiceEnableIntroDoSBurstPerSec 200", "HiddenServicePoWDefensesEnabled 1",
                "HiddenServicePoWQueueRate 250", "HiddenServicePoWQueueBurst 2500"), lines);
        assertTrue(torrc.contains("pow module"), torrc);

        String compose = Files.readString(out.resolve("compose.yml"));
        for (String expected : List.of("services:\n  routstr:\n    build: .\n", "      - TOR_PROXY_URL=socks5://tor:9050\n",
                "      - ONION_URL=http://" + address + "\n", "  tor:\n    image: ghcr.io/hundehausen/tor-hidden-service:latest\n",
                "      - tor-data:/var/lib/tor\n", "      - ./tor-keys/routstr:/var/lib/tor/hidden_service\n",
                "      - HS_ROUTER=routstr:8000:80\n", "volumes:\n  tor-data:\n")) {
            assertTrue(compose.contains(expected), expected + " missing from\n" + compose);
        }
        assertFalse(compose.contains("\t"), "YAML takes no tabs");

        Path keys = out.resolve("routstr.tar.gz");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)));
        assertTrue(Files.readString(out.resolve("README.txt")).contains("tar -xzf routstr.tar.gz -C " + server));

        // On the "server": unpack as the README says, then let tor itself check the snippet with the folder in place.
        Process tar = new ProcessBuilder("tar", "-xzf", keys.toString(), "-C", server.toString()).inheritIO().start();
        assertEquals(0, tar.waitFor());
        assertEquals(address, OnionAddress.readHostname(server.resolve("routstr")).orElseThrow());
        Path verify = work.resolve("server-torrc");
        Files.writeString(verify, "DataDirectory " + RealTor.privateDir(work.resolve("server-tor")) + "\nSocksPort 0\n" + torrc);
        Path systemTor = io.onionpanel.testnet.TorNetworkSupport.onPath("tor").orElseThrow(() -> new AssertionError("no system tor")); // the bundled one has no PoW
        Process tor = new ProcessBuilder(systemTor.toString(), "--verify-config", "-f", verify.toString(),
                "--defaults-torrc", "/dev/null").redirectErrorStream(true).start();
        String said = new String(tor.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(tor.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, tor.exitValue(), said);
        assertTrue(said.contains("Configuration was valid"), said);
    }

    @Test
    void badRequestsChangeNothing() throws Exception {
        Path data = Fixtures.dataDirWithService(work.resolve("data"), "api", RealTor.sharedFolders().get(0), "80=127.0.0.1:8000");
        Path busy = Files.createDirectories(work.resolve("busy"));
        Files.writeString(busy.resolve("keep.txt"), "mine");
        for (List<String> args : List.of(List.of("api", "--out", busy.toString()), List.of("nope", "--out", work.resolve("a").toString()),
                List.of("api", "--out", work.resolve("b").toString(), "--server-dir", "relative/dir"),
                List.of("api", "--out", work.resolve("c").toString(), "--server-dir", "/var/lib/tor\nControlPort 9051"))) {
            List<String> all = new java.util.ArrayList<>(List.of("service", "export"));
            all.addAll(args);
            var r = CliRunner.run(data, all.toArray(String[]::new));
            assertEquals(2, r.exit(), args + ": " + r.out() + r.err());
        }
        assertEquals(List.of(busy.resolve("keep.txt")), Files.list(busy).toList());
        assertFalse(Files.exists(work.resolve("b")) || Files.exists(work.resolve("c")));

        Path pass = Files.writeString(work.resolve("pass"), "correct horse battery staple\n");
        var enc = CliRunner.run(data, "service", "export", "api", "--out", work.resolve("enc").toString(), "--passphrase-file", pass.toString());
        assertEquals(0, enc.exit(), enc.err());
        assertTrue(Files.exists(work.resolve("enc/api.onionpanel-backup")));
        var verify = CliRunner.run(data, "backup", "verify", work.resolve("enc/api.onionpanel-backup").toString(),
                "--passphrase-file", pass.toString());
        assertEquals(0, verify.exit(), verify.out() + verify.err());
    }
}
