package io.onionpanel.tor;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a tor is usually installed, per operating system: the PATH, the package managers' folders, and Tor
 * Browser's layouts (its tor runs the same as any other, and an operator who has Tor Browser has a current tor).
 */
final class TorPlaces {
    private TorPlaces() {
    }

    static List<TorLocator.Candidate> onThisMachine() {
        return of(System.getProperty("os.name", ""), System.getProperty("user.home", ""), System.getenv());
    }

    /** The candidates, in order of preference among equal versions: system before Tor Browser's. */
    static List<TorLocator.Candidate> of(String osName, String home, Map<String, String> env) {
        String os = osName.toLowerCase(Locale.ROOT);
        boolean windows = os.startsWith("windows");
        boolean mac = os.startsWith("mac");
        String exe = windows ? "tor.exe" : "tor";
        List<TorLocator.Candidate> places = new ArrayList<>();
        String pathVar = env.getOrDefault("PATH", env.getOrDefault("Path", ""));
        for (String dir : pathVar.split(File.pathSeparator)) {
            if (!dir.isBlank()) {
                places.add(system(Path.of(dir, exe)));
            }
        }
        if (mac) {
            places.add(system(Path.of("/opt/homebrew/bin/tor")));
            places.add(system(Path.of("/usr/local/bin/tor")));
            places.add(browser(Path.of("/Applications/Tor Browser.app/Contents/MacOS/Tor/tor")));
            places.add(browser(Path.of(home, "Applications/Tor Browser.app/Contents/MacOS/Tor/tor")));
        } else if (windows) {
            String tb = "Tor Browser\\Browser\\TorBrowser\\Tor\\tor.exe";
            places.add(browser(Path.of(home, "Desktop", tb)));
            for (String var : List.of("LOCALAPPDATA", "ProgramFiles", "ProgramFiles(x86)")) {
                String dir = env.get(var);
                if (dir != null && !dir.isBlank()) {
                    places.add(browser(Path.of(dir, tb)));
                }
            }
        } else {
            places.add(system(Path.of("/usr/bin/tor")));
            places.add(system(Path.of("/usr/sbin/tor")));
            places.add(system(Path.of("/usr/local/bin/tor")));
            String tb = "tor-browser/Browser/TorBrowser/Tor/tor";
            // torbrowser-launcher (Debian's package, and its Flatpak), then a hand-unpacked archive.
            places.add(browser(Path.of(home, ".local/share/torbrowser/tbb/x86_64", tb)));
            places.add(browser(Path.of(home, ".var/app/org.torproject.torbrowser-launcher/data/torbrowser/tbb/x86_64", tb)));
            places.add(browser(Path.of(home, tb)));
            places.add(browser(Path.of(home, "Desktop", tb)));
        }
        return places;
    }

    private static TorLocator.Candidate system(Path p) {
        return new TorLocator.Candidate(p, TorOrigin.SYSTEM);
    }

    private static TorLocator.Candidate browser(Path p) {
        return new TorLocator.Candidate(p, TorOrigin.TOR_BROWSER);
    }
}
