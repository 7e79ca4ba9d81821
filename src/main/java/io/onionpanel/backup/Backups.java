package io.onionpanel.backup;

import io.onionpanel.common.AtomicFiles;
import io.onionpanel.common.FilePermissions;
import io.onionpanel.common.RuntimeFile;
import io.onionpanel.common.ValidationException;
import io.onionpanel.onion.OnionAddress;
import io.onionpanel.onion.OnionKeys;
import io.onionpanel.onion.ServiceFolders;
import io.onionpanel.onion.ServiceValidation;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.settings.Settings;
import io.onionpanel.settings.SettingsStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Export and import of onion service keys for one data folder. Every refusal ({@link BackupException}, or a
 * {@link ValidationException} for a bad name or port) happens before anything is written; an import is
 * assembled in a temporary folder next to its target and moved into place, together with the settings
 * change, under the settings lock.
 */
public final class Backups {
    public static final int MIN_PASSPHRASE_LENGTH = 8;
    private final Path dataDir;
    private final SettingsStore store;
    private final ServiceFolders folders;
    private final ScryptParams kdf;
    private final Clock clock;

    public Backups(Path dataDir) {
        this(dataDir, ScryptParams.DEFAULT);
    }

    public Backups(Path dataDir, ScryptParams kdf) {
        this(dataDir, kdf, Clock.systemUTC());
    }

    Backups(Path dataDir, ScryptParams kdf, Clock clock) {
        this.dataDir = dataDir;
        this.store = new SettingsStore(dataDir);
        this.folders = new ServiceFolders(dataDir);
        this.kdf = Objects.requireNonNull(kdf);
        this.clock = clock;
    }

    /**
     * @param warnings things worth telling the operator that did not stop the export
     */
    public record ExportResult(String service, String address, Path file, boolean encrypted, ScryptParams kdf,
                               List<String> authorizedClients, List<String> warnings) {
    }

    /**
     * @param name    the service name to import as; null for the backup's folder name or settings
     * @param ports   the port mappings; empty to take them from the backup's settings
     * @param replace whether an existing service (or key folder) of that name may be replaced
     */
    public record ImportOptions(String name, List<PortMapping> ports, boolean replace) {
        public ImportOptions {
            ports = ports == null ? List.of() : List.copyOf(ports);
        }
    }

    /**
     * @param previousKeys where the replaced service's keys were moved, when one was replaced
     * @param notes        things worth telling the operator (ignored files, a running instance to restart)
     */
    public record ImportResult(ServiceConfig service, String address, Optional<Path> previousKeys, List<String> notes) {
    }

    // ---------------------------------------------------------------------------------------------- export

    /**
     * Writes a backup of one service to {@code file} (0600; refused if the file exists). With a passphrase
     * the panel's encrypted format; with {@code passphrase == null} a plain tar.gz in tor's folder layout.
     * Records the time in {@link BackupHistory}. The caller clears the passphrase.
     */
    public ExportResult export(String serviceName, Path file, char[] passphrase) throws IOException {
        checkExport(serviceName, file);
        Path target = file.toAbsolutePath().normalize();
        Exported made = exportBytes(serviceName, passphrase);
        try {
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new BackupException(file + " already exists; choose another file name");
            }
            AtomicFiles.writePrivate(target, made.bytes());
            List<String> warnings = new ArrayList<>(made.warnings());
            recordTime(made, warnings);
            return new ExportResult(made.service(), made.address(), target, passphrase != null, made.kdf(),
                    made.authorizedClients(), List.copyOf(warnings));
        } finally {
            ArchiveWriter.wipe(made.bytes());
        }
    }

    /**
     * A backup made in memory, for a caller on another machine (the control API's {@code backup.export}): the
     * bytes {@link #export} would write. The caller wipes them once sent.
     */
    public record Exported(String service, String address, byte[] bytes, ScryptParams kdf, List<String> authorizedClients,
                           List<String> warnings) {
        @Override
        public String toString() {
            return "Exported[" + service + ", " + address + ", " + bytes.length + " bytes]";
        }
    }

    /** {@link #export} without the file: the encrypted (or, with a null passphrase, plain tar.gz) backup's bytes. */
    public Exported exportBytes(String serviceName, char[] passphrase) throws IOException {
        ServiceValidation.requireName(serviceName);
        ServiceConfig config = store.load().service(serviceName)
                .orElseThrow(() -> new BackupException("There is no service named '" + serviceName + "'"));
        if (passphrase != null && passphrase.length < MIN_PASSPHRASE_LENGTH) {
            throw new BackupException("The passphrase is too short: use at least " + MIN_PASSPHRASE_LENGTH
                    + " characters (a few words are best)");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        byte[] payload = null;
        try (ServiceKeys keys = readServiceFolder(config)) {
            payload = ArchiveWriter.tarGz(keys, config, now);
            // Read it back as an import would: a backup that could not be imported is not a backup.
            try (ServiceKeys check = BackupFile.fromArchive(payload, ArchiveReader.Type.TAR_GZ)) {
                if (!check.address().equals(keys.address())) {
                    throw new IllegalStateException("The export does not read back with the same address");
                }
            }
            byte[] out = passphrase == null ? payload.clone()
                    : EncryptedBackup.encrypt(payload, keys.address(), config.name(), now, kdf, passphrase);
            return new Exported(config.name(), keys.address(), out, passphrase == null ? null : kdf,
                    keys.authorizedClientNames(), List.copyOf(keys.notes()));
        } finally {
            ArchiveWriter.wipe(payload);
        }
    }

    /** Records the backup's time in {@link BackupHistory}; a failure becomes a warning, the backup exists. */
    public void recordTime(Exported made, List<String> warnings) {
        try {
            BackupHistory.record(dataDir, made.service(), made.address(), clock.instant().truncatedTo(ChronoUnit.SECONDS));
        } catch (IOException e) {
            warnings.add("The backup was written, but its time could not be recorded in " + BackupHistory.FILE_NAME
                    + ": " + e.getMessage());
        }
    }

    /**
     * The checks {@link #export} makes before it needs the passphrase, so a caller can ask for one only when
     * the export can go ahead: the service exists and has keys, the file does not exist, its folder does.
     */
    public ServiceConfig checkExport(String serviceName, Path file) {
        ServiceValidation.requireName(serviceName);
        ServiceConfig config = store.load().service(serviceName)
                .orElseThrow(() -> new BackupException("There is no service named '" + serviceName + "'"));
        checkTarget(file);
        if (!Files.exists(folders.dir(config.name()).resolve(OnionKeys.SECRET_KEY_FILE), LinkOption.NOFOLLOW_LINKS)) {
            throw noKeys(config.name());
        }
        return config;
    }

    /** A backup is written to a new file in an existing folder: an existing backup is never overwritten. */
    public static void checkTarget(Path file) {
        Path target = file.toAbsolutePath().normalize();
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new BackupException(file + " already exists; choose another file name (an existing backup is never overwritten)");
        }
        if (target.getParent() == null || !Files.isDirectory(target.getParent())) {
            throw new BackupException("The folder " + target.getParent() + " does not exist");
        }
    }

    private static BackupException noKeys(String name) {
        return new BackupException("Service '" + name + "' has no keys yet: they are made the first time the"
                + " panel runs the service. Start the panel once, then export.");
    }

    /** The service's HiddenServiceDir, read and verified; only regular files, never through a link. */
    private ServiceKeys readServiceFolder(ServiceConfig config) throws IOException {
        Path dir = folders.dir(config.name());
        if (!Files.isRegularFile(dir.resolve(OnionKeys.SECRET_KEY_FILE), LinkOption.NOFOLLOW_LINKS)) {
            if (Files.exists(dir.resolve(OnionKeys.SECRET_KEY_FILE), LinkOption.NOFOLLOW_LINKS)) {
                throw new BackupException(dir.resolve(OnionKeys.SECRET_KEY_FILE) + " is not a regular file");
            }
            throw noKeys(config.name());
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        try {
            for (String name : List.of(OnionKeys.SECRET_KEY_FILE, OnionKeys.PUBLIC_KEY_FILE, OnionKeys.HOSTNAME_FILE)) {
                Path p = dir.resolve(name);
                if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                    files.put(name, readRegular(p));
                }
            }
            Path clients = dir.resolve(OnionKeys.CLIENTS_DIR);
            if (Files.isDirectory(clients, LinkOption.NOFOLLOW_LINKS)) {
                try (DirectoryStream<Path> list = Files.newDirectoryStream(clients, "*.auth")) {
                    for (Path p : list) {
                        files.put(OnionKeys.CLIENTS_DIR + "/" + p.getFileName(), readRegular(p));
                    }
                }
            }
            return ServiceKeys.verify(files, config.name(), config);
        } finally {
            files.values().forEach(ArchiveWriter::wipe);
        }
    }

    private static byte[] readRegular(Path p) throws IOException {
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            throw new BackupException(p + " is not a regular file (a link or a folder); fix the service folder first");
        }
        try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
            byte[] b = in.readNBytes(ArchiveReader.MAX_ENTRY_BYTES + 1);
            if (b.length > ArchiveReader.MAX_ENTRY_BYTES) {
                throw new BackupException(p + " is larger than " + (ArchiveReader.MAX_ENTRY_BYTES >> 10) + " KiB: not a key file");
            }
            return b;
        }
    }

    // ---------------------------------------------------------------------------------------------- import

    /** Opens, decrypts (if needed) and verifies a backup file, then imports it. */
    public ImportResult importFile(Path file, char[] passphrase, ImportOptions options) throws IOException {
        try (ServiceKeys keys = BackupFile.open(file).read(passphrase)) {
            return importKeys(keys, options);
        }
    }

    /**
     * Adds the verified keys as a service (or replaces one, with {@link ImportOptions#replace()}): the keys go
     * to {@code services/<name>/} (folder 0700, files 0600) and the service into the settings, which a running
     * engine picks up by itself.
     */
    public ImportResult importKeys(ServiceKeys keys, ImportOptions options) throws IOException {
        String name = chooseName(keys, options);
        ServiceConfig base = keys.settings().orElse(new ServiceConfig(name, true, List.of()));
        ServiceConfig config = ServiceValidation.requireValid(base.withName(name).withPorts(choosePorts(keys, options)));

        // Every refusal before the first write.
        Settings before = store.load();
        Optional<ServiceConfig> existing = checkConflicts(before, config.name(), keys.address(), options.replace());
        String previousAddress = existing.flatMap(s -> OnionAddress.readHostname(folders.dir(s.name()))).orElse(null);

        Path servicesRoot = folders.dir(config.name()).getParent();
        if (!Files.exists(dataDir)) {
            FilePermissions.createPrivateDirectories(dataDir);
        }
        FilePermissions.createPrivateDirectories(servicesRoot);
        Path temp = Files.createTempDirectory(servicesRoot, ".import-" + config.name() + "-");
        try {
            FilePermissions.makePrivateDirectory(temp);
            writeFolder(temp, keys);
            Optional<Path> archived = commit(temp, config, keys.address(), options.replace());
            syncDirectory(servicesRoot);

            List<String> notes = new ArrayList<>(keys.notes());
            if (!config.enabled()) {
                notes.add("The service is disabled, as it was when it was exported; enable it with: service edit "
                        + config.name() + " --enable");
            }
            if (existing.isPresent() && previousAddress != null && !previousAddress.equals(keys.address())
                    && RuntimeFile.instanceRunning(dataDir)) {
                notes.add("The running Onion Panel switches '" + config.name() + "' from " + previousAddress + " to "
                        + keys.address() + " within seconds.");
            }
            return new ImportResult(config, keys.address(), archived, List.copyOf(notes));
        } finally {
            deleteRecursively(temp);
        }
    }

    private String chooseName(ServiceKeys keys, ImportOptions options) {
        if (options.name() != null) {
            return ServiceValidation.requireName(options.name());
        }
        Optional<String> fromSettings = keys.settings().map(ServiceConfig::name);
        if (keys.folderName().isPresent()) {
            String folder = keys.folderName().get();
            try {
                return ServiceValidation.requireName(folder);
            } catch (ValidationException e) {
                if (fromSettings.isEmpty()) {
                    throw new BackupException("The keys are in a folder named '" + ArchiveReader.printable(folder)
                            + "', which cannot be a service name (" + e.getMessage() + "); give a name with --name NAME");
                }
            }
        }
        if (fromSettings.isPresent()) {
            return ServiceValidation.requireName(fromSettings.get());
        }
        throw new BackupException("The keys are at the top level of the archive, with no folder name to use as the"
                + " service name; give a name with --name NAME");
    }

    private static List<PortMapping> choosePorts(ServiceKeys keys, ImportOptions options) {
        if (!options.ports().isEmpty()) {
            return options.ports();
        }
        List<PortMapping> fromBackup = keys.settings().map(ServiceConfig::ports).orElse(List.of());
        if (fromBackup.isEmpty()) {
            throw new BackupException("This backup is a plain tor key folder and has no port mappings: give the ports to"
                    + " publish with --port VIRT=TARGET, e.g. --port 80=127.0.0.1:8000");
        }
        return fromBackup;
    }

    /** Returns the service being replaced, if any; throws when the import must not go ahead. */
    private Optional<ServiceConfig> checkConflicts(Settings settings, String name, String address, boolean replace) {
        Optional<ServiceConfig> existing = settings.service(name);
        boolean folderExists = Files.exists(folders.dir(name), LinkOption.NOFOLLOW_LINKS)
                || existing.map(s -> Files.exists(folders.dir(s.name()), LinkOption.NOFOLLOW_LINKS)).orElse(false);
        if (!replace && existing.isPresent()) {
            String at = OnionAddress.readHostname(folders.dir(existing.get().name())).map(a -> " (" + a + ")").orElse("");
            throw new BackupException("Service '" + existing.get().name() + "' already exists" + at + ". Replace it with"
                    + " --replace (its current keys are moved to " + dataDir.resolve("removed") + "), or import under"
                    + " another name with --name NAME");
        }
        if (!replace && folderExists) {
            throw new BackupException("A key folder " + folders.dir(name) + " already exists although no service uses it."
                    + " Move it aside with --replace (it goes to " + dataDir.resolve("removed") + "), or import under"
                    + " another name with --name NAME");
        }
        for (ServiceConfig other : settings.services()) {
            if (existing.isPresent() && other.name().equals(existing.get().name())) {
                continue;
            }
            if (OnionAddress.readHostname(folders.dir(other.name())).map(address::equals).orElse(false)) {
                throw new BackupException("Service '" + other.name() + "' already has the address " + address
                        + "; two services cannot share keys. Replace that service instead: --name " + other.name() + " --replace");
            }
        }
        return existing;
    }

    private static void writeFolder(Path dir, ServiceKeys keys) throws IOException {
        AtomicFiles.writePrivate(dir.resolve(OnionKeys.SECRET_KEY_FILE), keys.secretKeyFile());
        AtomicFiles.writePrivate(dir.resolve(OnionKeys.PUBLIC_KEY_FILE), OnionKeys.publicKeyFile(keys.publicKey()));
        AtomicFiles.writePrivate(dir.resolve(OnionKeys.HOSTNAME_FILE), OnionKeys.hostnameFile(keys.address()));
        Path clients = FilePermissions.createPrivateDirectories(dir.resolve(OnionKeys.CLIENTS_DIR));
        for (var client : keys.authorizedClients().entrySet()) {
            AtomicFiles.writePrivate(clients.resolve(client.getKey()), client.getValue());
        }
    }

    /**
     * Under the settings lock: checks again, moves the replaced folder(s) to removed/, moves the new folder in,
     * and writes the settings. Anything that fails is undone, so the data folder is as it was.
     */
    private Optional<Path> commit(Path temp, ServiceConfig config, String address, boolean replace) throws IOException {
        Path target = folders.dir(config.name());
        List<Path[]> archived = new ArrayList<>();
        boolean[] moved = {false};
        try {
            store.update(settings -> {
                Optional<ServiceConfig> existing = checkConflicts(settings, config.name(), address, replace);
                try {
                    if (existing.isPresent()) {
                        folders.archive(existing.get().name()).ifPresent(to -> archived.add(
                                new Path[]{folders.dir(existing.get().name()), to}));
                    }
                    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                        folders.archive(config.name()).ifPresent(to -> archived.add(new Path[]{target, to}));
                    }
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                    moved[0] = true;
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot move the imported keys into " + target + ": " + e.getMessage(), e);
                }
                List<ServiceConfig> next = new ArrayList<>(settings.services());
                int at = existing.map(s -> next.indexOf(s)).orElse(-1);
                if (at >= 0) {
                    next.set(at, config);
                } else {
                    next.add(config);
                }
                return settings.withServices(next);
            });
        } catch (RuntimeException e) {
            undo(temp, target, moved[0], archived, e);
            throw e;
        }
        return archived.stream().map(a -> a[1]).findFirst();
    }

    private static void undo(Path temp, Path target, boolean moved, List<Path[]> archived, RuntimeException cause) {
        try {
            if (moved) {
                Files.move(target, temp, StandardCopyOption.ATOMIC_MOVE);
            }
            for (int i = archived.size() - 1; i >= 0; i--) {
                Files.move(archived.get(i)[1], archived.get(i)[0], StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            cause.addSuppressed(new IOException("Could not undo the partial import: " + e.getMessage()
                    + "; replaced keys are in " + archived.stream().map(a -> a[1].toString()).toList(), e));
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // Windows cannot open a folder as a channel; its renames are journaled.
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    overwrite(p);
                }
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // Best effort: a leftover .import-* folder is never used by tor or the panel.
        }
    }

    /** Zeroes a key file before it is deleted (best effort: file systems may keep old blocks). */
    private static void overwrite(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            long size = ch.size();
            ch.write(java.nio.ByteBuffer.wrap(new byte[(int) Math.min(size, ArchiveReader.MAX_ENTRY_BYTES)]), 0);
        } catch (IOException ignored) {
            // Deleted anyway.
        }
    }
}
