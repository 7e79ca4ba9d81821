package io.onionpanel.cli;

import io.onionpanel.common.ValidationException;
import io.onionpanel.export.ServerExport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code service export NAME --out DIR}: torrc snippet, compose.yml and keys, to move the address to a server. */
@Command(name = "export", description = "Write what a server needs to run this service with the same address:"
        + " a torrc snippet, a compose.yml and the keys (a backup).")
final class ServiceExportCommand implements Runnable {
    @ParentCommand ServiceCommand parent;
    @Spec CommandSpec spec;
    @Parameters(paramLabel = "NAME") String name;
    @Option(names = "--out", paramLabel = "DIR", required = true, description = "A new or empty folder") Path out;
    @Option(names = "--server-dir", paramLabel = "PATH", description = "Parent of the service folder on the server"
            + " (default: " + ServerExport.DEFAULT_PARENT + ")") String serverDir;
    @Option(names = "--passphrase-file", paramLabel = "F",
            description = "Encrypt the keys with the passphrase on the first line of F (default: a plain tar.gz, 0600)")
    Path passphraseFile;

    @Override
    public void run() {
        parent.root.requireLocal("service export", "it writes the service's keys into a folder here; use backup export");
        char[] passphrase = passphraseFile == null ? null : readPassphrase(passphraseFile);
        ServerExport.Result r;
        try {
            r = new ServerExport(parent.root.dataDir()).export(name, out, serverDir, passphrase);
        } catch (IOException e) {
            throw new UncheckedIOException("Export failed: " + e.getMessage(), e);
        } finally {
            if (passphrase != null) {
                Arrays.fill(passphrase, '\0');
            }
        }
        PrintWriter o = spec.commandLine().getOut();
        o.println("Exported '" + r.service() + "' (" + r.address() + ") to " + r.torrc().getParent() + ":");
        o.println("  torrc        " + r.torrc().getFileName());
        o.println("  compose.yml  " + r.compose().getFileName());
        o.println("  keys         " + r.keys().getFileName() + (r.encrypted() ? " (encrypted)"
                : " (NOT encrypted: anyone with this file can take over the address)"));
        o.println("  README.txt   what goes where");
        r.warnings().forEach(w -> o.println("Note: " + w));
    }

    private static char[] readPassphrase(Path file) {
        try {
            String first = Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("");
            if (first.isEmpty()) {
                throw new ValidationException("The passphrase file " + file + " is empty");
            }
            return first.toCharArray();
        } catch (IOException e) {
            throw new ValidationException("Cannot read " + file + ": " + e.getMessage());
        }
    }
}
