package io.onionpanel.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.engine.ConnectionSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped transports: extracted, checked, replaced when damaged, and they run. Snowflake cannot be tested end to
 * end here (it needs its broker and STUN servers on the Internet): its binary and configuration are tested instead.
 */
class TransportBinariesTest {
    @TempDir Path data;

    @Test
    void bundledTransportsAreExtractedCheckedAndRun() throws Exception {
        TransportBinaries binaries = ConnectionSetup.binaries(data);
        var obfs4 = binaries.find(Transport.OBFS4, ConnectionSettings.NONE);
        var snowflake = binaries.find(Transport.SNOWFLAKE, ConnectionSettings.NONE);
        assertEquals("bundled", obfs4.origin());
        assertEquals(data.resolve("tor/pt/obfs4proxy"), obfs4.path());
        assertEquals(data.resolve("tor/pt/snowflake"), snowflake.path());
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("tor/pt"))));
        assertTrue(run(obfs4.path(), "-version").contains("obfs4proxy-0.0.14"));
        assertTrue(run(snowflake.path(), "-version").contains("snowflake-client 2.5.1"));

        // A damaged copy is found by its SHA-256 and replaced.
        byte[] good = Files.readAllBytes(snowflake.path());
        Files.write(snowflake.path(), new byte[]{1, 2, 3});
        binaries.find(Transport.SNOWFLAKE, ConnectionSettings.NONE);
        assertTrue(java.util.Arrays.equals(good, Files.readAllBytes(snowflake.path())), "damaged copy replaced");
    }

    @Test
    void aSystemTransportCanBeChosen() {
        Path system = TransportBinaries.system(Transport.OBFS4).orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(system != null, "Debian's obfs4proxy is not installed");
        var found = ConnectionSetup.binaries(data).find(Transport.OBFS4, ConnectionSettings.NONE.withTransportBinary(Transport.OBFS4, system.toString()));
        assertEquals("chosen", found.origin());
        assertEquals(system, found.path());
    }

    private static String run(Path binary, String arg) throws Exception {
        Process p = new ProcessBuilder(binary.toString(), arg).redirectErrorStream(true).start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        return new String(p.getInputStream().readAllBytes());
    }
}
