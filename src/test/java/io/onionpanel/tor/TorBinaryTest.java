package io.onionpanel.tor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a real tor binary reports of itself. The binary is Briar's obsolete tor from the test class path; the
 * cached answers are {@link TorLocatorTest}'s, extracting the bundled tor is {@link BundledTorLayoutTest}'s.
 */
class TorBinaryTest {
    @TempDir
    Path data;

    @Test
    void torSaysWhatItIsAndWhatItCanDo() throws Exception {
        Path tor = ObsoleteTor.extract(data);
        TorBinary probed = TorBinary.probe(tor, TorOrigin.CHOSEN);
        assertEquals(ObsoleteTor.VERSION, probed.version());
        assertFalse(probed.supportsRelay(), "Briar's build is client-only");
        assertFalse(probed.supportsPow());
        assertEquals("chosen tor 0.4.7.13 (" + tor + "; relay: no, pow: no)", probed.describe());
        assertFalse(TorSupport.supported(probed), "a retired series");
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
