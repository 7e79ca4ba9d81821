package io.onionpanel.export;

import io.onionpanel.backup.Backups;
import io.onionpanel.common.AtomicFiles;
import io.onionpanel.common.FilePermissions;
import io.onionpanel.common.SafeText;
import io.onionpanel.common.ValidationException;
import io.onionpanel.onion.OnionAddress;
import io.onionpanel.onion.ServiceFolders;
import io.onionpanel.onion.ServiceValidation;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.settings.Settings;
import io.onionpanel.settings.SettingsStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything needed to run one service, with the same address, on a server: a torrc snippet (its
 * HiddenServiceDir/Port lines and DoS options), a compose.yml in the shape of Routstr's (routstr + a tor container
 * holding the service folder), and the keys as a backup in the panel's format ({@code NAME.tar.gz} in tor's folder
 * layout, or encrypted with a passphrase), with a README saying what goes where.
 */
public final class ServerExport {
    public static final String DEFAULT_PARENT = "/var/lib/tor";

    /** What was written. */
    public record Result(String service, String address, Path torrc, Path compose, Path keys, Path readme,
                         boolean encrypted, List<String> warnings) {
    }

    private final Path dataDir;

    public ServerExport(Path dataDir) {
        this.dataDir = dataDir;
    }

    /**
     * @param outDir          a new or empty folder
     * @param serverParentDir where the service folder goes on the server (its HiddenServiceDir is this + "/NAME")
     * @param passphrase      encrypts the key backup; null writes a plain tar.gz (anyone with it owns the address)
     */
    public Result export(String name, Path outDir, String serverParentDir, char[] passphrase) throws IOException {
        ServiceValidation.requireName(name);
        Settings settings = new SettingsStore(dataDir).load();
        ServiceConfig service = settings.service(name)
                .orElseThrow(() -> new ValidationException("There is no service named '" + name + "'"));
        String address = OnionAddress.readHostname(new ServiceFolders(dataDir).dir(service.name())).orElseThrow(() ->
                new ValidationException("Service '" + service.name() + "' has no keys yet: run it once, then export"));
        String parent = requireServerPath(serverParentDir == null ? DEFAULT_PARENT : serverParentDir);
        Path out = outDir.toAbsolutePath().normalize();
        if (Files.exists(out) && (!Files.isDirectory(out) || hasEntries(out))) {
            throw new ValidationException(out + " exists and is not an empty folder; choose a new one");
        }
        FilePermissions.createPrivateDirectories(out);
        String keysName = service.name() + (passphrase == null ? ".tar.gz" : ".onionpanel-backup");
        Backups.ExportResult backup = new Backups(dataDir).export(service.name(), out.resolve(keysName), passphrase);
        List<String> warnings = new ArrayList<>(backup.warnings());
        String hsDir = parent + "/" + service.name();
        Path torrc = out.resolve("torrc");
        AtomicFiles.write(torrc, ExportFiles.torrc(service, address, hsDir, settings.tor().singleOnion())
                .getBytes(StandardCharsets.UTF_8));
        Path compose = out.resolve("compose.yml");
        AtomicFiles.write(compose, ExportFiles.compose(service, address).getBytes(StandardCharsets.UTF_8));
        Path readme = out.resolve("README.txt");
        AtomicFiles.write(readme, ExportFiles.readme(service, address, keysName, parent, passphrase != null)
                .getBytes(StandardCharsets.UTF_8));
        if (service.defenses().pow()) {
            warnings.add("The torrc enables proof-of-work: the server's tor needs the pow module (tor --list-modules).");
        }
        return new Result(service.name(), address, torrc, compose, out.resolve(keysName), readme, passphrase != null,
                List.copyOf(warnings));
    }

    private static String requireServerPath(String path) {
        SafeText.requireSafe("Server folder", path);
        String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        if (!p.startsWith("/") || p.chars().anyMatch(Character::isWhitespace)) {
            throw new ValidationException("Server folder '" + path + "' must be an absolute path without spaces, e.g. "
                    + DEFAULT_PARENT);
        }
        return p;
    }

    private static boolean hasEntries(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.findAny().isPresent();
        }
    }
}
