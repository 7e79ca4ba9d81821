package io.onionpanel.tor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a real tor binary reports of itself, and the cached answer. The binary is Briar's obsolete tor from the
 * test class path; extracting the bundled tor is {@link BundledTorLayoutTest}'s.
 */
class TorBinaryTest {
    @TempDir
    Path data;

    @Test
    void torIsProbedAndTheAnswerCached() throws Exception {
        Path tor = ObsoleteTor.extract(data);
        TorBinary probed = TorBinary.probe(tor, true);
        assertEquals(ObsoleteTor.VERSION, probed.version());
        assertFalse(probed.supportsRelay(), "Briar's build is client-only");
        assertFalse(probed.supportsPow());
        assertTrue(Files.exists(tor.resolveSibling("tor.probe")));
        assertEquals(probed, TorBinary.probe(tor, true), "the cached answer is the same");

        // A changed binary is never described from the cache.
        Files.setLastModifiedTime(tor, FileTime.fromMillis(Files.getLastModifiedTime(tor).toMillis() - 60_000));
        Files.writeString(tor.resolveSibling("tor.probe"), Files.readString(tor.resolveSibling("tor.probe")).replace(ObsoleteTor.VERSION, "9.9.9"));
        assertEquals(ObsoleteTor.VERSION, TorBinary.probe(tor, true).version());
    }

    @Test
    void somethingThatIsNotTorIsRefused() throws Exception {
        Path fake = data.resolve("fake-tor");
        Files.writeString(fake, "#!/bin/sh\necho hello\n");
        fake.toFile().setExecutable(true);
        TorException e = assertThrows(TorException.class, () -> TorBinary.probe(fake, false));
        assertTrue(e.getMessage().contains("does not look like tor"), e.getMessage());
        assertTrue(assertThrows(TorException.class, () -> TorBinary.probe(data.resolve("missing"), false))
                .getMessage().startsWith("No tor binary at"));
    }
}
