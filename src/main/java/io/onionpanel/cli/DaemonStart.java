package io.onionpanel.cli;

import io.onionpanel.tor.TorSupport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code [--data-dir DIR] daemon [options]} without picocli: the always-on engine runs for days, and picocli's model,
 * its type converters (which start the JDK's locale data and java.sql) and its ~170 classes would stay in its memory
 * the whole time for one parse at start (issue 17: the engine's resident memory, docs/benchmarks.md). Only a plain,
 * well-formed invocation is taken here, each option at most once, as {@code --opt value} or {@code --opt=value};
 * anything else (help, an unknown or repeated option, an empty value, the socket options of the root command) is left
 * to picocli, which gives its usual messages. The options are {@link DaemonCommand}'s, set on the same fields.
 */
public final class DaemonStart {
    private DaemonStart() {
    }

    /** The daemon these arguments start, or null when picocli should parse them. */
    public static DaemonCommand parse(String... args) {
        int i = 0;
        OnionPanelCli root = new OnionPanelCli();
        if (i < args.length && args[i].startsWith("--data-dir=")) {
            root.dataDir = pathOrNull(args[i].substring("--data-dir=".length()));
            i++;
        } else if (i + 1 < args.length && args[i].equals("--data-dir")) {
            root.dataDir = pathOrNull(args[i + 1]);
            i += 2;
        }
        if (root.dataDir == null || i >= args.length || !args[i].equals("daemon")) {
            return null;
        }
        DaemonCommand daemon = new DaemonCommand();
        daemon.root = root;
        Set<String> seen = new HashSet<>();
        for (i++; i < args.length; i++) {
            String arg = args[i];
            int eq = arg.indexOf('=');
            String name = eq > 0 ? arg.substring(0, eq) : arg;
            if (!seen.add(name)) {
                return null;
            }
            if (name.equals("--json") || name.equals(TorSupport.OVERRIDE_FLAG)) {
                if (eq > 0) {
                    return null;
                }
                if (name.equals("--json")) {
                    daemon.json = true;
                } else {
                    daemon.allowUnsupportedTor = true;
                }
                continue;
            }
            String value;
            if (eq > 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                return null;
            }
            if (value.isEmpty() || value.startsWith("-")) {
                return null;
            }
            switch (name) {
                case "--tor" -> daemon.tor = Path.of(value);
                case "--torrc-append" -> daemon.torrcAppend = Path.of(value);
                case "--metrics" -> daemon.metrics = value;
                case "--socket-group" -> daemon.socketGroup = value;
                case "--group-socket" -> daemon.groupSocketPath = Path.of(value);
                default -> {
                    return null;
                }
            }
        }
        return daemon;
    }

    /**
     * Runs a daemon from {@link #parse}; failures as picocli reports them: bad input and unreadable settings said
     * plainly (its execution handler), anything else with its stack trace and exit code 1.
     */
    public static int run(DaemonCommand daemon) {
        PrintWriter err = OnionPanelCli.errOf(null);
        try {
            return daemon.call();
        } catch (Exception e) {
            try {
                return OnionPanelCli.exitCodeFor(e, err);
            } catch (Exception unexpected) {
                unexpected.printStackTrace(err);
                err.flush();
                return OnionPanelCli.EXIT_FAILURE;
            }
        }
    }

    private static Path pathOrNull(String value) {
        return value.isEmpty() || value.startsWith("-") ? null : Path.of(value);
    }
}
