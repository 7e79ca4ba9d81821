package io.onionpanel.cli;

import io.onionpanel.actions.PanelActions;
import io.onionpanel.backup.BackupFile;
import io.onionpanel.backup.BackupHeader;
import io.onionpanel.backup.Backups;
import io.onionpanel.backup.ServiceKeys;
import io.onionpanel.common.ValidationException;
import io.onionpanel.settings.ServiceConfig;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code backup export|import|verify}: moves a service's keys (and so its onion address) between machines.
 * Passphrases come from {@code --passphrase-file} (first line) or the console without echo; they are never
 * printed, logged or kept.
 */
@Command(name = "backup", description = "Export, import and verify backups of onion service keys (the onion address).",
        subcommands = {BackupCommand.Export.class, BackupCommand.Import.class, BackupCommand.Verify.class})
public final class BackupCommand {
    @ParentCommand
    OnionPanelCli root;

    Backups backups() {
        return new Backups(root.dataDir());
    }

    @Command(name = "export", description = "Write a backup of a service's keys and settings. Encrypted with a passphrase"
            + " unless --unencrypted (then a plain tar.gz in tor's folder layout).")
    static final class Export implements Callable<Integer> {
        @ParentCommand BackupCommand parent;
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "SERVICE") String service;
        @Parameters(index = "1", paramLabel = "FILE") Path file;
        @Option(names = "--passphrase-file", paramLabel = "F", description = "Read the passphrase from the first line of F")
        Path passphraseFile;
        @Option(names = "--unencrypted", description = "Write a plain tar.gz: anyone with the file can take over the address")
        boolean unencrypted;

        @Override
        public Integer call() {
            if (unencrypted && passphraseFile != null) {
                throw new ValidationException("Give --passphrase-file or --unencrypted, not both");
            }
            if (unencrypted) {
                parent.root.requireLocal("backup export --unencrypted", "keys leave the engine encrypted only");
                return exportUnencrypted();
            }
            if (parent.root.throughEngine()) {
                Backups.checkTarget(file); // the service is checked by the engine, before the passphrase is used
            } else {
                parent.backups().checkExport(service, file);
            }
            char[] passphrase = passphraseFile != null ? readPassphraseFile(passphraseFile)
                    : askTwice("Passphrase for the backup of '" + service + "': ");
            PanelActions.ExportedBackup r;
            try {
                r = parent.root.withActions(a -> a.exportBackup(service, passphrase));
            } finally {
                wipe(passphrase);
            }
            Path target;
            try {
                target = r.saveTo(file);
            } catch (IOException e) {
                return fail(spec, e);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("Exported '" + r.service() + "' (" + r.address() + ") to " + target + ".");
            out.println("Encrypted with your passphrase (" + r.kdf() + ", AES-256-GCM). Without the passphrase the backup"
                    + " cannot be restored: keep both, separately.");
            report(out, r.authorizedClients(), r.warnings());
            return 0;
        }

        /** A plain tar.gz in tor's layout: written by this data folder only (keys never leave an engine in clear). */
        private int exportUnencrypted() {
            Backups backups = parent.backups();
            backups.checkExport(service, file);
            Backups.ExportResult r;
            try {
                r = backups.export(service, file, null);
            } catch (IOException e) {
                return fail(spec, e);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("Exported '" + r.service() + "' (" + r.address() + ") to " + r.file() + ".");
            out.println("WARNING: the file holds the service's secret key unencrypted: anyone who gets it can impersonate "
                    + r.address() + ". Keep it safe. On a server: tar -xzf " + r.file().getFileName()
                    + " -C /var/lib/tor && chown -R debian-tor: /var/lib/tor/" + r.service());
            report(out, r.authorizedClients(), r.warnings());
            return 0;
        }

        private static void report(PrintWriter out, List<String> authorizedClients, List<String> warnings) {
            if (!authorizedClients.isEmpty()) {
                out.println("Included " + authorizedClients.size() + " authorized client key(s): "
                        + String.join(", ", authorizedClients));
            }
            warnings.forEach(w -> out.println("Note: " + w));
        }
    }

    @Command(name = "import", description = "Restore a service from a backup: the panel's encrypted file, or a tar.gz,"
            + " tgz, tar or zip of a tor HiddenServiceDir (any nesting). The keys are verified before anything is written.")
    static final class Import implements Callable<Integer> {
        @ParentCommand BackupCommand parent;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "FILE") Path file;
        @Option(names = "--name", paramLabel = "NAME", description = "Service name (default: the backup's folder name)")
        String name;
        @Option(names = "--port", paramLabel = "VIRT=TARGET",
                description = "Port mapping, e.g. 80=127.0.0.1:8000; repeat for more. Needed for a plain tor folder,"
                        + " replaces the backup's mappings otherwise")
        List<String> ports;
        @Option(names = "--passphrase-file", paramLabel = "F", description = "Read the passphrase from the first line of F")
        Path passphraseFile;
        @Option(names = "--replace", description = "Replace an existing service of that name; its keys move to <data>/removed/")
        boolean replace;

        @Override
        public Integer call() {
            if (ports != null) {
                ServiceCommand.parsePorts(ports); // refused here, before a passphrase is asked for
            }
            PanelActions.RestoredBackup r;
            try {
                // The file is read here; only its bytes go to the engine, which verifies and imports them.
                BackupFile backup = BackupFile.open(file);
                char[] passphrase = passphraseFor(backup, passphraseFile);
                byte[] bytes = backup.bytes();
                try {
                    r = parent.root.withActions(a -> a.restoreBackup(bytes, passphrase, name, ports, replace));
                } finally {
                    wipe(passphrase);
                    Arrays.fill(bytes, (byte) 0);
                }
            } catch (IOException e) {
                return fail(spec, e);
            }
            PrintWriter out = spec.commandLine().getOut();
            ServiceConfig s = r.service();
            out.println("Imported service '" + s.name() + "' with the address " + r.address() + " ("
                    + ServiceCommand.describePorts(s.ports()) + ").");
            if (r.previousKeys() != null) {
                out.println("The keys it replaced were moved to " + r.previousKeys() + ".");
            }
            r.notes().forEach(n -> out.println("Note: " + n));
            return 0;
        }
    }

    @Command(name = "verify", description = "Check a backup: print its onion address; exit non-zero when the keys and"
            + " the address disagree, or the file is damaged.")
    static final class Verify implements Callable<Integer> {
        @ParentCommand BackupCommand parent;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "FILE") Path file;
        @Option(names = "--passphrase-file", paramLabel = "F", description = "Read the passphrase from the first line of F")
        Path passphraseFile;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try {
                BackupFile backup = BackupFile.open(file);
                try (ServiceKeys keys = readKeys(backup, passphraseFile)) {
                    out.println(keys.address());
                    String what = backup.header().map(h -> backup.kind().description() + " of '" + h.service()
                            + "', made " + h.created()).orElse(backup.kind().description());
                    out.println("OK: the secret key, public key and hostname agree (" + what + ").");
                    keys.settings().ifPresentOrElse(
                            s -> out.println("Settings: service '" + s.name() + "', " + (s.enabled() ? "enabled" : "disabled")
                                    + ", " + ServiceCommand.describePorts(s.ports())),
                            () -> out.println("Settings: none (a plain tor folder: importing it needs --port)"));
                    if (!keys.authorizedClientNames().isEmpty()) {
                        out.println("Authorized clients: " + String.join(", ", keys.authorizedClientNames()));
                    }
                    keys.notes().forEach(n -> out.println("Note: " + n));
                }
            } catch (IOException e) {
                return fail(spec, e);
            }
            return 0;
        }
    }

    private static String describe(BackupHeader h) {
        return "backup of '" + h.service() + "' (" + h.address() + ")";
    }

    /** The backup's keys, read with its passphrase (if it needs one), which is wiped as soon as they are read. */
    private static ServiceKeys readKeys(BackupFile backup, Path passphraseFile) throws IOException {
        char[] passphrase = passphraseFor(backup, passphraseFile);
        try {
            return backup.read(passphrase);
        } finally {
            wipe(passphrase);
        }
    }

    /** What an encrypted backup needs: the passphrase file's first line, or asked once; null for a plain archive. */
    private static char[] passphraseFor(BackupFile backup, Path passphraseFile) {
        if (!backup.needsPassphrase()) {
            return null;
        }
        return passphraseFile != null ? readPassphraseFile(passphraseFile) : askOnce(backup.header().orElseThrow());
    }

    private static int fail(CommandSpec spec, IOException e) {
        spec.commandLine().getErr().println("Error: " + e.getMessage());
        return OnionPanelCli.EXIT_FAILURE;
    }

    /** The first line of the file, without its line ending. */
    static char[] readPassphraseFile(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ValidationException("Cannot read the passphrase file " + file + ": " + e.getMessage());
        }
        try {
            int end = 0;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            if (end > 0 && bytes[end - 1] == '\r') {
                end--;
            }
            if (end == 0) {
                throw new ValidationException("The passphrase file " + file + " is empty (the passphrase is its first line)");
            }
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, end));
            char[] out = new char[chars.remaining()];
            chars.get(out);
            if (chars.hasArray()) {
                Arrays.fill(chars.array(), '\0');
            }
            return out;
        } catch (CharacterCodingException e) {
            throw new ValidationException("The passphrase file " + file + " is not UTF-8 text");
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static char[] askOnce(BackupHeader header) {
        Console console = System.console();
        if (console == null) {
            throw new ValidationException("The " + describe(header) + " is encrypted and there is no console to ask for its"
                    + " passphrase: give --passphrase-file F (the passphrase is its first line)");
        }
        char[] p = console.readPassword("Passphrase for the %s: ", describe(header));
        if (p == null || p.length == 0) {
            wipe(p);
            throw new ValidationException("No passphrase given");
        }
        return p;
    }

    private static char[] askTwice(String prompt) {
        Console console = System.console();
        if (console == null) {
            throw new ValidationException("There is no console to ask for a passphrase: give --passphrase-file F (the"
                    + " passphrase is its first line), or --unencrypted for a plain tar.gz");
        }
        char[] first = console.readPassword("%s", prompt);
        if (first == null || first.length == 0) {
            wipe(first);
            throw new ValidationException("No passphrase given");
        }
        char[] second = console.readPassword("Repeat the passphrase: ");
        try {
            if (second == null || !Arrays.equals(first, second)) {
                wipe(first);
                throw new ValidationException("The passphrases do not match");
            }
            return first;
        } finally {
            wipe(second);
        }
    }

    private static void wipe(char[] chars) {
        if (chars != null) {
            Arrays.fill(chars, '\0');
        }
    }
}
