package io.onionpanel.defense;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.cli.CliRunner;
import io.onionpanel.settings.DosDefenses;
import io.onionpanel.settings.SettingsStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code service add/edit} defence flags and {@code tor single-onion}: bad input exits 2 and changes nothing. */
class DefenseCliTest {
    @TempDir
    Path data;

    @Test
    void addAndEditSetTheDefences() {
        var added = CliRunner.run(data, "service", "add", "api", "--port", "80=127.0.0.1:8000", "--max-streams", "100",
                "--max-streams-close-circuit", "--intro-dos", "--intro-dos-rate", "25", "--intro-dos-burst", "200");
        assertEquals(0, added.exit(), added.err());
        assertTrue(added.out().contains("HiddenServiceMaxStreams 100"), added.out());
        DosDefenses d = new SettingsStore(data).load().service("api").orElseThrow().defenses();
        // Proof-of-work is on by default: the tor the panel finds has the pow module.
        assertEquals(DosDefenses.NONE.withMaxStreams(100, true).withIntroDefense(true, 25, 200).withPow(true, null, null), d);

        var edited = CliRunner.run(data, "service", "edit", "api", "--max-streams", "default", "--intro-points", "6");
        assertEquals(0, edited.exit(), edited.err());
        assertEquals(DosDefenses.NONE.withMaxStreams(null, true).withIntroDefense(true, 25, 200).withIntroductionPoints(6)
                        .withPow(true, null, null),
                new SettingsStore(data).load().service("api").orElseThrow().defenses());
    }

    @Test
    void outOfRangeValuesAreRefusedAndNothingChanges() throws Exception {
        assertEquals(0, CliRunner.run(data, "service", "add", "api", "--port", "80=127.0.0.1:8000").exit());
        byte[] before = Files.readAllBytes(data.resolve("settings.json"));
        for (List<String> args : List.of(List.of("--max-streams", "65536"), List.of("--intro-points", "2"),
                List.of("--intro-points", "21"), List.of("--intro-dos-rate", "2147483648"),
                List.of("--intro-dos", "--intro-dos-rate", "300", "--intro-dos-burst", "200"),
                List.of("--pow-queue-burst", "-1"), List.of("--max-streams", ""), List.of("--max-streams", "ten"))) {
            List<String> all = new java.util.ArrayList<>(List.of("service", "edit", "api"));
            all.addAll(args);
            var r = CliRunner.run(data, all.toArray(String[]::new));
            assertEquals(2, r.exit(), args + ": " + r.out() + r.err());
            assertTrue(r.err().startsWith("Error: "), r.err());
            assertArrayEquals(before, Files.readAllBytes(data.resolve("settings.json")), args.toString());
        }
        var r = CliRunner.run(data, "service", "add", "other", "--port", "80=127.0.0.1:8000", "--intro-points", "1");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("Introduction points 1 is out of range: tor accepts 3–20"), r.err());
        assertArrayEquals(before, Files.readAllBytes(data.resolve("settings.json")));
    }

    @Test
    void powIsRefusedWithATorWithoutThePowModuleAndSaysHowToGetOne() throws Exception {
        String old = io.onionpanel.tor.ObsoleteTor.extract(data.resolve("obsolete-tor")).toString();
        assertEquals(0, CliRunner.run(data, "tor", "binary", old, "--allow-unsupported-tor").exit());
        assertEquals(0, CliRunner.run(data, "service", "add", "api", "--port", "80=127.0.0.1:8000", "--no-pow").exit());
        byte[] before = Files.readAllBytes(data.resolve("settings.json"));
        var r = CliRunner.run(data, "service", "edit", "api", "--pow");
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("chosen tor 0.4.7.13 has no proof-of-work module"), r.err());
        assertTrue(r.err().contains("tor binary") || r.err().contains("--tor /usr/sbin/tor"), r.err());
        assertArrayEquals(before, Files.readAllBytes(data.resolve("settings.json")));
        var add = CliRunner.run(data, "service", "add", "p", "--port", "80=127.0.0.1:8000", "--pow");
        assertEquals(2, add.exit());
        assertArrayEquals(before, Files.readAllBytes(data.resolve("settings.json")));
    }

    @Test
    void singleOnionNeedsTheExplicitFlag() throws Exception {
        assertEquals(0, CliRunner.run(data, "service", "add", "api", "--port", "80=127.0.0.1:8000").exit());
        byte[] before = Files.readAllBytes(data.resolve("settings.json"));
        var refused = CliRunner.run(data, "tor", "single-onion", "on");
        assertEquals(2, refused.exit());
        assertTrue(refused.err().contains("NOT anonymous") && refused.err().contains("--not-anonymous"), refused.err());
        assertArrayEquals(before, Files.readAllBytes(data.resolve("settings.json")));
        assertEquals(0, CliRunner.run(data, "tor", "single-onion", "on", "--not-anonymous").exit());
        assertTrue(new SettingsStore(data).load().tor().singleOnion());
        assertEquals(0, CliRunner.run(data, "tor", "single-onion", "off").exit());
        assertTrue(!new SettingsStore(data).load().tor().singleOnion());
    }
}
