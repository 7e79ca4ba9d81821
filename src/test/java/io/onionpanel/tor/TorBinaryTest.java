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

/** The real bundled tor: extraction, checksum, what it reports of itself, and the cached answer. */
class TorBinaryTest {
    @TempDir
    Path data;

    @Test
    void bundledTorIsExtractedProbedAndCached() throws Exception {
        Path tor = BundledTor.extract(data);
        TorBinary probed = TorBinary.probe(tor, true);
        assertEquals("0.4.7.13", probed.version());
        assertFalse(probed.supportsRelay(), "the bundled build is client-only");
        assertFalse(probed.supportsPow());
        assertTrue(Files.exists(tor.resolveSibling("tor.probe")));
        assertEquals(probed, TorBinary.probe(tor, true), "the cached answer is the same");

        // A changed binary is never described from the cache.
        Files.setLastModifiedTime(tor, FileTime.fromMillis(Files.getLastModifiedTime(tor).toMillis() - 60_000));
        Files.writeString(tor.resolveSibling("tor.probe"), Files.readString(tor.resolveSibling("tor.probe")).replace("0.4.7.13", "9.9.9"));
        assertEquals("0.4.7.13", TorBinary.probe(tor, true).version());
    }

    @Test
    void aDamagedExtractedCopyIsReplaced() throws Exception {
        Path tor = BundledTor.extract(data);
        String sha = BundledTor.sha256(tor);
        assertTrue(Files.exists(tor.resolveSibling("tor.verified")), "the check is remembered for the next start");
        Files.write(tor, new byte[]{1, 2, 3});
        assertEquals(sha, BundledTor.sha256(BundledTor.extract(data)));

        // Same size, other bytes: the copy changed since it was checked, so it is hashed again and replaced.
        byte[] same = Files.readAllBytes(tor);
        same[same.length / 2] ^= 1;
        Files.write(tor, same);
        Files.setLastModifiedTime(tor, FileTime.fromMillis(Files.getLastModifiedTime(tor).toMillis() + 2_000));
        assertEquals(sha, BundledTor.sha256(BundledTor.extract(data)));

        // A lost or foreign record of the check means hashing again, even when size and time look unchanged.
        FileTime checkedAt = Files.getLastModifiedTime(tor);
        same = Files.readAllBytes(tor);
        same[same.length / 3] ^= 1;
        Files.write(tor, same);
        Files.setLastModifiedTime(tor, checkedAt);
        Files.writeString(tor.resolveSibling("tor.verified"), "something else");
        assertEquals(sha, BundledTor.sha256(BundledTor.extract(data)));
    }

    @Test
    void aCheckStartedAheadIsUsedOnceAndStillReplacesADamagedCopy() throws Exception {
        Path tor = BundledTor.extract(data);
        String sha = BundledTor.sha256(tor);
        Files.write(tor, new byte[]{1, 2, 3});
        BundledTor.extractAhead(data);
        assertEquals(tor, BundledTor.extract(data));
        assertEquals(sha, BundledTor.sha256(tor), "the check ahead replaced the damaged copy");
        assertTrue(Files.exists(tor.resolveSibling("tor.probe")), "and asked tor what it is, for the launch");

        // Used once: a later damage is found by the next extract, not hidden by the earlier answer.
        Files.write(tor, new byte[]{4, 5, 6});
        assertEquals(sha, BundledTor.sha256(BundledTor.extract(data)));
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
