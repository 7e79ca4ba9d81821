package io.onionpanel.tor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkVersionStatusTest {
    @TempDir
    Path data;

    @Test
    void eachOfTorsWordsHasAMeaning() {
        assertTrue(status("recommended").good());
        assertTrue(status("new in series").good());
        assertTrue(status("obsolete").obsolete());
        assertTrue(status("obsolete").inWords().contains("no longer accepts"));
        assertTrue(status("obsolete").inWords().contains("0.4.9.11"), "names what to upgrade to");
        NetworkVersionStatus many = new NetworkVersionStatus("0.4.7.13", "obsolete",
                "0.4.9.5,0.4.9.6,0.4.9.7,0.4.9.8,0.4.9.9,0.4.9.10,0.4.9.11,0.4.9.12", Instant.EPOCH);
        assertTrue(many.inWords().endsWith("(recommended: 0.4.9.5 … 0.4.9.12)"), many.inWords());
        assertFalse(status("unrecommended").good() || status("unrecommended").obsolete() || status("unrecommended").unknown());
        assertTrue(status("none recommended").unknown());
        assertTrue(status("unknown").unknown());
    }

    @Test
    void theLastAnswerIsKeptInTheDataFolder() throws Exception {
        Files.createDirectories(data.resolve("tor"));
        NetworkVersionStatus s = new NetworkVersionStatus("0.4.9.11", "recommended", "0.4.9.10,0.4.9.11",
                Instant.parse("2026-12-02T03:00:00Z"));
        s.save(data);
        assertEquals(s, NetworkVersionStatus.load(data).orElseThrow());
        Files.writeString(NetworkVersionStatus.file(data), "garbage=\\u12");
        assertTrue(NetworkVersionStatus.load(data).isEmpty(), "unreadable is as if never asked");
    }

    private static NetworkVersionStatus status(String word) {
        return new NetworkVersionStatus("0.4.7.13", word, "0.4.9.10,0.4.9.11", Instant.EPOCH);
    }
}
