package io.onionpanel.tor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where Briar's transport jars keep each build, and that a platform without one extracts nothing. */
class BundledTransportTest {
    @TempDir Path data;

    @Test
    void eachPlatformMapsToBriarsLayout() {
        assertEquals("x86_64/obfs4proxy", BundledTransport.entry("obfs4proxy", "Linux", "amd64").orElseThrow().resource());
        assertEquals("aarch64/snowflake", BundledTransport.entry("snowflake", "Linux", "aarch64").orElseThrow().resource());
        assertEquals("armhf/obfs4proxy", BundledTransport.entry("obfs4proxy", "Linux", "arm").orElseThrow().resource());
        var win = BundledTransport.entry("snowflake", "Windows 11", "amd64").orElseThrow();
        assertEquals("x86_64/snowflake.exe", win.resource());
        assertEquals("snowflake.exe", win.fileName());
        assertTrue(BundledTransport.entry("obfs4proxy", "Mac OS X", "aarch64").isEmpty());
        assertTrue(BundledTransport.entry("obfs4proxy", "Windows 11", "x86").isEmpty());
    }

    @Test
    void nothingShippedMeansNothingExtracted() throws Exception {
        // This Linux build carries no Windows jar: the system's transport (or a chosen one) is used there instead.
        assertTrue(BundledTransport.extract(getClass().getClassLoader(), "obfs4proxy", data, "Windows 11", "amd64").isEmpty());
        assertTrue(BundledTransport.extract(getClass().getClassLoader(), "obfs4proxy", data, "Linux", "amd64").isPresent());
    }
}
