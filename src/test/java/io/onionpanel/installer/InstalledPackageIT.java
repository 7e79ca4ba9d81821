package io.onionpanel.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.it.OnionHttp;
import io.onionpanel.it.PanelProcess;
import io.onionpanel.onion.OnionAddress;
import io.onionpanel.testnet.PrivateTorNetwork;
import io.onionpanel.testnet.StandInRoutstr;
import io.onionpanel.testnet.TorNetworkSupport;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Linux package as an operator gets it: the .deb built by {@code mvn -P installer package} is installed
 * with {@code dpkg -i}, its launcher runs the CLI and publishes a service on the private Tor network with the
 * tor it carries, and {@code dpkg -r} removes it without leaving files in /opt while the user's data stays.
 *
 * <p>Run by failsafe in the installer profile ({@code .ci/run}). Installing needs root; as another user
 * (a developer's machine) the package is unpacked with {@code dpkg-deb -x} and its launcher is driven from
 * there, and the install/remove steps are skipped. Under {@code CI=true} a missing package or a missing root
 * fails instead.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InstalledPackageIT {
    private static final String PACKAGE = "onion-panel";
    private static final Path INSTALL_DIR = Path.of("/opt/onion-panel");
    private static final Path MENU_ENTRY = Path.of("/usr/share/applications/onion-panel-onion-panel.desktop");
    /** postinst links it to the launcher (update-alternatives), so "onion-panel" is on the PATH. */
    private static final Path ON_PATH = Path.of("/usr/bin/onion-panel");
    private static final long MAX_DEB_BYTES = 90L * 1024 * 1024;
    private static final boolean CI = "true".equals(System.getenv("CI"));

    @TempDir
    static Path work;
    static Path deb;
    static boolean root;
    static boolean installed;
    /** /opt/onion-panel when installed, else the unpacked copy. */
    static Path appDir;
    static Path launcher;
    /** XDG_DATA_HOME of the "user": the panel's default data folder is {@code <xdg>/onion-panel}. */
    static Path xdgDataHome;
    static String address;

    @BeforeAll
    static void findPackage() throws Exception {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
            Assumptions.abort("The installed-package test drives the Linux .deb; other platforms' installers are checked by hand (installer/README.md)");
        }
        String dir = System.getProperty("onionpanel.installer.dir");
        List<Path> debs = new ArrayList<>();
        if (dir != null && Files.isDirectory(Path.of(dir))) {
            try (Stream<Path> files = Files.list(Path.of(dir))) {
                files.filter(f -> f.getFileName().toString().endsWith(".deb")).forEach(debs::add);
            }
        }
        if (debs.size() != 1) {
            String message = "Expected one .deb in " + dir + " (built by mvn -P installer package), found " + debs;
            if (CI) {
                throw new IllegalStateException(message);
            }
            Assumptions.abort(message);
        }
        deb = debs.get(0);
        root = "root".equals(System.getProperty("user.name"));
        if (!root && CI) {
            throw new IllegalStateException("Installing the .deb with dpkg -i needs root; .ci/run runs as root");
        }
        xdgDataHome = Files.createDirectories(work.resolve("home/.local/share"));
    }

    @AfterAll
    static void purgeIfInstalled() throws Exception {
        // Whatever happened, the package does not stay on the machine (nor its record in dpkg's database).
        if (installed && !installedStatus().equals("not-installed")) {
            command(List.of("dpkg", "-P", PACKAGE));
        }
        if (installed) {
            // What the package keeps on purpose (the system service's keys, its user) goes too on a test machine.
            command(List.of("rm", "-rf", "/var/lib/onion-panel"));
            command(List.of("userdel", "onion-panel"));
        }
    }

    @Test
    @Order(1)
    void packageHasItsNameLayoutAndNoTor() throws Exception {
        long size = Files.size(deb);
        System.out.printf("%s: %.1f MB%n", deb.getFileName(), size / 1024.0 / 1024.0);
        assertTrue(size <= MAX_DEB_BYTES, deb + " is " + size + " bytes, over the 90 MB target");
        assertEquals(PACKAGE, command(List.of("dpkg-deb", "-f", deb.toString(), "Package")).output().strip());
        String depends = command(List.of("dpkg-deb", "-f", deb.toString(), "Depends")).output();
        assertTrue(depends.contains("libgtk-3-0"), "JavaFX needs GTK 3: " + depends);
        assertTrue(depends.contains("tor (>= 0.4.9)"), "the distribution's tor, of a series the network accepts: " + depends);

        Path unpacked = work.resolve("unpacked");
        assertEquals(0, command(List.of("dpkg-deb", "-x", deb.toString(), unpacked.toString())).exit());
        Path app = unpacked.resolve("opt/onion-panel");
        assertTrue(Files.isExecutable(app.resolve("bin/onion-panel")));
        assertTrue(Files.isDirectory(app.resolve("lib/runtime")), "a runtime of its own");
        assertFalse(Files.exists(app.resolve("lib/runtime/jmods")));

        // Linux runs the distribution's tor: neither Briar's obsolete jar nor kmp-tor-resource's is shipped.
        try (Stream<Path> jars = Files.list(app.resolve("lib/app/lib"))) {
            List<String> tors = jars.map(j -> j.getFileName().toString())
                    .filter(name -> name.startsWith("tor-") || name.matches("resource-.*-tor-.*\\.jar")).toList();
            assertEquals(List.of(), tors, "no tor jar in the Linux package");
        }

        String entry = Files.readString(app.resolve("lib/onion-panel-onion-panel.desktop"));
        assertTrue(entry.contains("\nName=Onion Panel\n"), entry);
        // No arguments: the window. Arguments would make it the CLI.
        assertTrue(entry.contains("\nExec=/opt/onion-panel/bin/onion-panel\n"), entry);
        assertTrue(entry.contains("\nIcon=/opt/onion-panel/lib/onion-panel.png\n"), entry);
        assertTrue(entry.contains("\nCategories=Network;"), entry);
        BufferedImage icon = ImageIO.read(app.resolve("lib/onion-panel.png").toFile());
        assertEquals(256, icon.getWidth());

        if (!root) {
            appDir = app;
            launcher = app.resolve("bin/onion-panel");
        }
    }

    @Test
    @Order(2)
    void installsWithDpkg() throws Exception {
        Assumptions.assumeTrue(root, "dpkg -i needs root: the unpacked package's launcher is tested instead");
        installed = true;
        var install = command(List.of("dpkg", "-i", deb.toString()));
        assertEquals(0, install.exit(), "dpkg -i " + deb + " (.ci/run installs the package's dependencies):\n" + install.output());
        assertEquals("install ok installed", installedStatus());
        appDir = INSTALL_DIR;
        launcher = INSTALL_DIR.resolve("bin/onion-panel");
        assertTrue(Files.isExecutable(launcher), launcher + " after dpkg -i");
        assertTrue(command(List.of("dpkg", "-S", launcher.toString())).output().startsWith(PACKAGE + ": "));
        // The package's postinst puts the menu entry where desktops look for it, and the command on the PATH.
        assertTrue(Files.isRegularFile(MENU_ENTRY), MENU_ENTRY + " after dpkg -i");
        assertEquals(launcher, ON_PATH.toRealPath());
    }

    @Test
    @Order(3)
    void installedLauncherIsTheCli() throws Exception {
        Path command = root ? ON_PATH : launcher;
        var version = PanelProcess.cli(List.of(command.toString(), "--version"), userEnvironment());
        assertEquals(0, version.exit(), version.output());
        String[] lines = version.output().strip().split("\n");
        assertEquals("onion-panel " + System.getProperty("onionpanel.version"), lines[0], version.output());
        // The package's dependency, Debian's tor, found without being chosen.
        assertTrue(version.output().contains("tor: system tor 0.4.9."), version.output());
        assertTrue(version.output().contains("tor support: supported (0.4.9 or newer)"), version.output());
        assertTrue(version.output().contains("tor network status: not known yet"), version.output());

        var refused = PanelProcess.cli(List.of(launcher.toString(), "service", "add", "bad name", "--port", "80=8000"), userEnvironment());
        assertEquals(2, refused.exit(), "refused input exits 2 as with the jar: " + refused.output());
    }

    @Test
    @Order(4)
    void installedRunPublishesAServiceOnThePrivateNetwork() throws Exception {
        PrivateTorNetwork network = TorNetworkSupport.requireNetwork();
        try (StandInRoutstr api = StandInRoutstr.start()) {
            var added = PanelProcess.cli(List.of(launcher.toString(), "service", "add", "routstr", "--port", "80=" + api.hostPort()),
                    userEnvironment());
            assertEquals(0, added.exit(), added.output());
            List<String> run = List.of(launcher.toString(), "run", "--json", "--torrc-append", network.clientTorrcFile().toString());
            try (PanelProcess panel = PanelProcess.start(run, userEnvironment())) {
                address = panel.awaitEvent("published", "routstr", Duration.ofSeconds(120)).get("onion").asText();
                assertTrue(OnionAddress.isValid(address), address);
                Path data = xdgDataHome.resolve("onion-panel");
                assertEquals(StandInRoutstr.INFO_JSON,
                        OnionHttp.getUntilOk(data, "http://" + address + "/v1/info", Duration.ofSeconds(90)).body());
                // The system's tor ran, and the network's consensus recommends its version.
                assertEquals("system", panel.await(e -> e.path("event").asText().equals("tor") && e.has("origin"),
                        Duration.ofSeconds(1), "the tor event").get("origin").asText());
                assertEquals("recommended", panel.awaitEvent("tor_version", null, Duration.ofSeconds(30)).get("status").asText());
                assertEquals(0, panel.terminate(Duration.ofSeconds(30)), panel.stderr());
                panel.awaitEvent("stopped", null, Duration.ofSeconds(1));
                var status = PanelProcess.cli(List.of(launcher.toString(), "--version"), userEnvironment());
                assertTrue(status.output().contains("tor network status: recommended"), status.output());
            }
        }
    }

    @Test
    @Order(5)
    void theSystemServiceIsInstalledDisabledAndItsExecStartPublishesAsItsOwnUser() throws Exception {
        Assumptions.assumeTrue(root, "dpkg -i needs root");
        Path unit = Path.of("/lib/systemd/system/onion-panel.service");
        assertTrue(Files.isRegularFile(unit), unit + " after dpkg -i");
        assertEquals("disabled", command(List.of("systemctl", "is-enabled", "onion-panel.service")).output().strip(),
                "installed disabled: the operator turns it on");
        assertTrue(command(List.of("getent", "passwd", "onion-panel")).output().contains(":/var/lib/onion-panel:/usr/sbin/nologin"));
        Path data = Path.of("/var/lib/onion-panel");
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
        assertEquals("onion-panel", Files.getOwner(data).getName());

        // The unit's own ExecStart line, run as its user (setpriv, as systemd would), on the private network.
        String execStart = Files.readAllLines(unit).stream().filter(l -> l.startsWith("ExecStart=")).findFirst().orElseThrow()
                .substring("ExecStart=".length());
        List<String> asUser = List.of("setpriv", "--reuid=onion-panel", "--regid=onion-panel", "--init-groups", "--reset-env");
        PrivateTorNetwork network = TorNetworkSupport.requireNetwork();
        Path torrc = data.resolve("private-network-torrc");
        Files.copy(network.clientTorrcFile(), torrc, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        command(List.of("chown", "onion-panel:onion-panel", torrc.toString()));
        try (StandInRoutstr api = StandInRoutstr.start()) {
            List<String> add = new ArrayList<>(asUser);
            add.addAll(List.of(execStart.split(" ")).subList(0, 3)); // the launcher and --data-dir DIR
            add.addAll(List.of("service", "add", "api", "--port", "80=" + api.hostPort()));
            var added = command(add);
            assertEquals(0, added.exit(), added.output());
            List<String> run = new ArrayList<>(asUser);
            run.addAll(List.of(execStart.split(" ")));
            run.addAll(List.of("--json", "--torrc-append", torrc.toString()));
            // What systemd's RuntimeDirectory=onion-panel / RuntimeDirectoryMode=0750 make before ExecStart.
            Path runtime = Path.of("/run/onion-panel");
            assertEquals(0, command(List.of("install", "-d", "-m", "0750", "-o", "onion-panel", "-g", "onion-panel",
                    runtime.toString())).exit());
            try (PanelProcess engine = PanelProcess.start(run, Map.of())) {
                String onion = engine.awaitEvent("published", "api", Duration.ofSeconds(120)).get("onion").asText();
                Path groupSocket = runtime.resolve("control.sock");
                assertEquals("rw-rw----", java.nio.file.attribute.PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(groupSocket)), "the group's socket (--socket-group onion-panel)");
                assertEquals("onion-panel", Files.readAttributes(groupSocket,
                        java.nio.file.attribute.PosixFileAttributes.class).group().getName());
                assertEquals(StandInRoutstr.INFO_JSON,
                        OnionHttp.getUntilOk(data, "http://" + onion + "/v1/info", Duration.ofSeconds(90)).body());
                assertEquals("onion-panel", Files.getOwner(data.resolve("services/api/hs_ed25519_secret_key")).getName());
                assertEquals(0, engine.terminate(Duration.ofSeconds(30)), engine.stderr());
                assertFalse(Files.exists(groupSocket), "the group's socket goes with the engine");
            } finally {
                command(List.of("rm", "-rf", runtime.toString()));
            }
        }
    }

    @Test
    @Order(6)
    void removalLeavesNothingInOptAndKeepsUserData() throws Exception {
        Assumptions.assumeTrue(root, "dpkg -r needs root");
        var remove = command(List.of("dpkg", "-r", PACKAGE));
        assertEquals(0, remove.exit(), remove.output());
        // config-files: dpkg keeps a removed package's record while it has a postrm, until dpkg -P.
        assertTrue(List.of("deinstall ok config-files", "not-installed").contains(installedStatus()), installedStatus());
        assertFalse(Files.exists(INSTALL_DIR), () -> "dpkg -r left " + listing(INSTALL_DIR));
        assertFalse(Files.exists(MENU_ENTRY), "dpkg -r left the menu entry");
        assertFalse(Files.exists(ON_PATH, LinkOption.NOFOLLOW_LINKS), "dpkg -r left " + ON_PATH);
        assertFalse(Files.exists(Path.of("/lib/systemd/system/onion-panel.service")), "dpkg -r left the unit");
        assertTrue(Files.isRegularFile(Path.of("/var/lib/onion-panel/services/api/hs_ed25519_secret_key")),
                "the system service's keys stay");

        Path data = xdgDataHome.resolve("onion-panel");
        assertEquals(address + "\n", Files.readString(data.resolve("services/routstr/hostname")), "the service's keys stay");
        assertTrue(Files.isRegularFile(data.resolve("services/routstr/hs_ed25519_secret_key")));
        assertTrue(Files.isRegularFile(data.resolve("settings.json")));
    }

    private static Map<String, String> userEnvironment() {
        return Map.of("XDG_DATA_HOME", xdgDataHome.toString());
    }

    private static String installedStatus() throws Exception {
        var status = command(List.of("dpkg-query", "-W", "-f=${Status}", PACKAGE));
        return status.exit() == 0 ? status.output().strip() : "not-installed";
    }

    private static String listing(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.map(Path::toString).toList().toString();
        } catch (IOException e) {
            return dir + " (" + e + ")";
        }
    }

    private static PanelProcess.CliResult command(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(command + " did not finish");
        }
        return new PanelProcess.CliResult(p.exitValue(), out);
    }
}
