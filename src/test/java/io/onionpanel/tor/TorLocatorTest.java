package io.onionpanel.tor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The choice of tor as pure logic, over scripted stand-ins that answer {@code --version} and {@code --list-modules}
 * as tor does (what a real tor does with them is checked on the private network).
 */
class TorLocatorTest {
    @TempDir
    Path dir;

    private Path fakeTor(String folder, String version, boolean pow) throws IOException {
        Path d = Files.createDirectories(dir.resolve(folder));
        Path tor = d.resolve("tor");
        Files.writeString(tor, "#!/bin/sh\ncase \"$1\" in\n"
                + "  --version) echo 'Tor version " + version + ".';;\n"
                + "  --list-modules) printf 'relay: yes\\ndirauth: no\\ndircache: yes\\npow: " + (pow ? "yes" : "no") + "\\n';;\n"
                + "  *) exit 1;;\nesac\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(tor, PosixFilePermissions.fromString("rwx------"));
        return tor;
    }

    private TorLocator locator(Optional<Path> bundled, TorLocator.Candidate... places) {
        return new TorLocator(dir.resolve("data"), () -> bundled, List.of(places));
    }

    private static TorLocator.Candidate system(Path p) {
        return new TorLocator.Candidate(p, TorOrigin.SYSTEM);
    }

    @Test
    void picksTheNewestSupportedTorAndSaysWhereItCameFrom() throws Exception {
        Path old = fakeTor("usr-bin", "0.4.8.13", false);
        Path current = fakeTor("usr-local", "0.4.9.11", true);
        Path browser = fakeTor("tb", "0.4.9.3", true);
        TorLocator.Selection s = locator(Optional.empty(), system(old), system(current),
                new TorLocator.Candidate(browser, TorOrigin.TOR_BROWSER)).select(null, null, false);
        assertEquals(current, s.tor().path());
        assertEquals(TorOrigin.SYSTEM, s.tor().origin());
        assertEquals("0.4.9.11", s.tor().version());
        assertTrue(s.tor().supportsPow());
        assertFalse(s.unsupportedAllowed());
    }

    @Test
    void aNewerTorBrowserWinsOverAnOlderSystemTor() throws Exception {
        Path system = fakeTor("usr-bin", "0.4.9.5", true);
        Path browser = fakeTor("tb", "0.4.9.12", true);
        TorBinary tor = locator(Optional.empty(), system(system), new TorLocator.Candidate(browser, TorOrigin.TOR_BROWSER))
                .select(null, null, false).tor();
        assertEquals(TorOrigin.TOR_BROWSER, tor.origin());
    }

    @Test
    void onAnEqualVersionTheBundledTorComesFirst() throws Exception {
        Path bundled = fakeTor("bundled", "0.4.9.11", true);
        Path system = fakeTor("usr-bin", "0.4.9.11", true);
        TorBinary tor = locator(Optional.of(bundled), system(system)).select(null, null, false).tor();
        assertEquals(TorOrigin.BUNDLED, tor.origin());
    }

    @Test
    void onlyAnOldTorFoundIsRefusedWithTheVersionTheReasonAndTheFix() throws Exception {
        Path old = fakeTor("usr-bin", "0.4.8.10", false);
        UnsupportedTorException e = assertThrows(UnsupportedTorException.class,
                () -> locator(Optional.empty(), system(old)).select(null, null, false));
        assertTrue(e.getMessage().contains("0.4.8.10"), e.getMessage());
        assertTrue(e.getMessage().contains("0.4.8 and older"), e.getMessage());
        assertTrue(e.getMessage().contains("support.torproject.org/apt"), "the fix: " + e.getMessage());
        assertTrue(e.getMessage().contains(TorSupport.OVERRIDE_FLAG), e.getMessage());
        assertFalse(Files.exists(dir.resolve("data")), "a refusal writes nothing");
    }

    @Test
    void theOverrideRunsTheOldTorAndSaysSo() throws Exception {
        Path old = fakeTor("usr-bin", "0.4.7.13", false);
        TorLocator.Selection s = locator(Optional.empty(), system(old)).select(null, null, true);
        assertEquals("0.4.7.13", s.tor().version());
        assertTrue(s.unsupportedAllowed());
    }

    @Test
    void aChosenTorIsUsedAsIsAndStillChecked() throws Exception {
        Path current = fakeTor("usr-bin", "0.4.9.11", true);
        Path chosen = fakeTor("opt", "0.4.7.13", false);
        TorLocator l = locator(Optional.empty(), system(current));
        assertThrows(UnsupportedTorException.class, () -> l.select(chosen, null, false));
        assertThrows(UnsupportedTorException.class, () -> l.select(null, chosen.toString(), false));
        TorBinary tor = l.select(null, chosen.toString(), true).tor();
        assertEquals(TorOrigin.CHOSEN, tor.origin());
        assertEquals(chosen, tor.path());
    }

    @Test
    void noTorAtAllSaysWhereItLookedAndHowToGetOne() {
        TorException e = assertThrows(TorException.class,
                () -> locator(Optional.empty(), system(dir.resolve("nothing/tor"))).select(null, null, false));
        assertFalse(e instanceof UnsupportedTorException);
        assertTrue(e.getMessage().startsWith("No tor found"), e.getMessage());
        assertTrue(e.getMessage().contains("apt install tor"), e.getMessage());
    }

    @Test
    void theSameFileUnderTwoNamesIsProbedOnceAndAnswersAreCached() throws Exception {
        Path real = fakeTor("usr-bin", "0.4.9.11", true);
        Path link = Files.createDirectories(dir.resolve("usr-sbin")).resolve("tor");
        Files.createSymbolicLink(link, real);
        TorLocator l = locator(Optional.empty(), system(link), system(real));
        assertEquals(1, l.found().size());
        l.select(null, null, false);
        assertTrue(Files.isRegularFile(dir.resolve("data/tor/probes.properties")), "answers kept once a tor is accepted");
        // A binary that changed is asked again: the cached answer is keyed by size and time.
        Files.writeString(real, Files.readString(real).replace("0.4.9.11", "0.4.9.12"));
        assertEquals("0.4.9.12", locator(Optional.empty(), system(real)).select(null, null, false).tor().version());
    }

    @Test
    void placesIncludeThePathTheDistributionsFoldersAndTorBrowser() {
        List<TorLocator.Candidate> linux = TorPlaces.of("Linux", "/home/op", Map.of("PATH", "/usr/local/bin:/usr/bin"));
        List<String> paths = new ArrayList<>();
        linux.forEach(c -> paths.add(c.origin() + " " + c.path()));
        assertEquals("SYSTEM /usr/local/bin/tor", paths.get(0));
        assertTrue(paths.contains("SYSTEM /usr/sbin/tor"), paths.toString());
        assertTrue(paths.contains("TOR_BROWSER /home/op/.local/share/torbrowser/tbb/x86_64/tor-browser/Browser/TorBrowser/Tor/tor"),
                paths.toString());
        List<TorLocator.Candidate> mac = TorPlaces.of("Mac OS X", "/Users/op", Map.of("PATH", "/usr/bin"));
        assertTrue(mac.stream().anyMatch(c -> c.origin() == TorOrigin.TOR_BROWSER
                && c.path().toString().equals("/Applications/Tor Browser.app/Contents/MacOS/Tor/tor")), mac.toString());
    }
}
