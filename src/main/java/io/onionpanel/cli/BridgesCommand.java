package io.onionpanel.cli;

import io.onionpanel.common.ValidationException;
import io.onionpanel.connection.BridgeLine;
import io.onionpanel.connection.BridgeQr;
import io.onionpanel.connection.BuiltinBridges;
import io.onionpanel.connection.ConnectionSettings;
import io.onionpanel.connection.Transport;
import io.onionpanel.engine.ConnectionSetup;
import io.onionpanel.common.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tor bridges}: how tor reaches a network that blocks it. Bridge lines are secrets, so they are read from a
 * file, standard input or a QR image, never from the command line (where other users see them in the process list),
 * and never printed back.
 */
@Command(name = "bridges", description = {"Show or choose bridges: off (direct), the built-in obfs4 or snowflake"
        + " bridges, or your own bridge lines (from a file, standard input or a QR image)."},
        subcommands = {BridgesCommand.Off.class, BridgesCommand.Builtin.class, BridgesCommand.Custom.class,
            BridgesCommand.TransportBinary.class, BridgesCommand.BuiltinFile.class})
public final class BridgesCommand implements Runnable {
    @ParentCommand TorCommand parent;
    @Spec CommandSpec spec;

    @Override
    public void run() {
        ConnectionSettings c = parent.root.settingsStore().load().tor().connection();
        PrintWriter out = spec.commandLine().getOut();
        out.println("connection: " + c.describe());
        BuiltinBridges builtin = BuiltinBridges.load(parent.root.dataDir());
        out.println("built-in bridges: " + builtin.of(Transport.OBFS4).size() + " obfs4, " + builtin.of(Transport.SNOWFLAKE).size()
                + " snowflake, dated " + builtin.date() + " (" + builtin.source() + ")");
        for (Transport t : List.of(Transport.OBFS4, Transport.SNOWFLAKE)) {
            try {
                out.println("transport " + ConnectionSetup.binaries(parent.root.dataDir()).find(t, c).describe());
            } catch (ValidationException e) {
                out.println("transport " + t.torName() + ": " + e.getMessage());
            }
        }
    }

    void update(UnaryOperator<ConnectionSettings> change, String done) {
        var store = parent.root.settingsStore();
        ConnectionSettings next = change.apply(store.load().tor().connection()).validated();
        store.update(s -> s.withTor(s.tor().withConnection(next)));
        spec.commandLine().getOut().println(done + " A running panel restarts tor to apply it.");
    }

    @Command(name = "off", description = "Connect directly (an upstream proxy, if set, stays).")
    static final class Off implements Runnable {
        @ParentCommand BridgesCommand parent;

        @Override
        public void run() {
            parent.update(ConnectionSettings::withoutBridges, "Bridges off: tor connects directly.");
        }
    }

    @Command(name = "builtin", description = "Use tor's built-in bridges of one transport.")
    static final class Builtin implements Runnable {
        @ParentCommand BridgesCommand parent;
        @Parameters(paramLabel = "obfs4|snowflake") String transport;

        @Override
        public void run() {
            parent.update(c -> c.withBuiltin(transport.toLowerCase()), "Using the built-in " + transport + " bridges.");
        }
    }

    @Command(name = "custom", description = {"Use your own bridge lines, one a line (\"obfs4 addr:port FINGERPRINT"
            + " cert=… iat-mode=0\", \"snowflake …\" or a plain \"addr:port FINGERPRINT\"), from a file, '-' for"
            + " standard input, or --qr IMAGE."})
    static final class Custom implements Runnable {
        @ParentCommand BridgesCommand parent;
        @Parameters(paramLabel = "FILE|-", arity = "0..1") String file;
        @Option(names = "--qr", paramLabel = "IMAGE", description = "Read the lines from a QR code image") Path qr;

        @Override
        public void run() {
            List<String> lines;
            if (qr != null) {
                lines = BridgeQr.read(qr);
            } else if (file == null) {
                throw new ValidationException("Give a file of bridge lines, '-' for standard input, or --qr IMAGE");
            } else {
                try {
                    lines = file.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()
                            : Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new ValidationException("Cannot read bridge lines from " + file + ": " + e.getMessage());
                }
            }
            List<BridgeLine> parsed = BridgeLine.parseAll(lines);
            List<String> kept = new ArrayList<>();
            lines.stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(kept::add);
            parent.update(c -> c.withBridges(kept), "Using " + parsed.size() + " custom bridge(s) ("
                    + String.join(", ", parsed.stream().map(BridgeLine::describe).distinct().toList()) + ").");
        }
    }

    @Command(name = "transport", description = "Choose the obfs4proxy or snowflake client binary, or 'auto': the"
            + " one shipped with the panel, else the system's (Debian: obfs4proxy, snowflake-client).")
    static final class TransportBinary implements Runnable {
        @ParentCommand BridgesCommand parent;
        @Parameters(index = "0", paramLabel = "obfs4|snowflake") String transport;
        @Parameters(index = "1", paramLabel = "PATH|auto") String path;

        @Override
        public void run() {
            Transport t = Transport.named(transport).filter(Transport::pluggable)
                    .orElseThrow(() -> new ValidationException("Transport must be obfs4 or snowflake"));
            String value = path.equals("auto") ? null : Path.of(path).toAbsolutePath().normalize().toString();
            ConnectionSettings probe = parent.parent.root.settingsStore().load().tor().connection().withTransportBinary(t, value);
            var found = ConnectionSetup.binaries(parent.parent.root.dataDir()).find(t, probe); // refuses a missing binary
            parent.update(c -> c.withTransportBinary(t, value), "Transport " + found.describe() + ".");
        }
    }

    @Command(name = "builtin-file", description = "Replace the built-in bridge list with a newer one (tor's default"
            + " set, one line a bridge, '# date: YYYY-MM-DD'), without a new release; 'shipped' goes back.")
    static final class BuiltinFile implements Runnable {
        @ParentCommand BridgesCommand parent;
        @Parameters(paramLabel = "FILE|shipped") String file;

        @Override
        public void run() {
            Path target = parent.parent.root.dataDir().resolve(BuiltinBridges.FILE_NAME);
            try {
                if (file.equals("shipped")) {
                    Files.deleteIfExists(target);
                    spec().getOut().println("Built-in bridges: the shipped list, " + BuiltinBridges.shipped().date() + ".");
                    return;
                }
                String text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
                BuiltinBridges list = BuiltinBridges.parse(text, file);
                AtomicFiles.writePrivate(target, text.getBytes(StandardCharsets.UTF_8));
                spec().getOut().println("Built-in bridges replaced: " + list.lines().size() + " lines, dated " + list.date()
                        + ". A running panel uses them at its next tor start.");
            } catch (IOException e) {
                throw new ValidationException("Cannot use " + file + ": " + e.getMessage());
            }
        }

        @Spec CommandSpec spec;

        private picocli.CommandLine spec() {
            return spec.commandLine();
        }
    }
}
