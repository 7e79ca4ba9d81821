package io.onionpanel.cli;

import io.onionpanel.actions.LocalPanelActions;
import io.onionpanel.actions.PanelActions;
import io.onionpanel.common.AppVersion;
import io.onionpanel.common.DataFolder;
import io.onionpanel.common.ValidationException;
import io.onionpanel.control.ControlProtocol;
import io.onionpanel.control.GroupSocket;
import io.onionpanel.settings.SettingsException;
import io.onionpanel.settings.SettingsStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The headless command line: the same engine as the window, for servers and scripts. */
@Command(name = "onion-panel", mixinStandardHelpOptions = false, sortOptions = false,
        description = {"Puts a local HTTP API on a v3 onion address and keeps it healthy.", "Without a command it opens the window."})
public final class OnionPanelCli implements Callable<Integer> {
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_BAD_INPUT = 2;

    /**
     * The commands, in the order the help lists them. Registered in code rather than in {@code @Command}: picocli
     * builds the model of every registered command up front (~0.1 s in a cold JVM for all of them), and {@code run}
     * should reach tor's launch without building the others.
     */
    private static final Map<String, Supplier<Object>> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("service", ServiceCommand::new);
        COMMANDS.put("run", RunCommand::new);
        COMMANDS.put("daemon", DaemonCommand::new);
        COMMANDS.put("status", StatusCommand::new);
        COMMANDS.put("stop", StopCommand::new);
        COMMANDS.put("tor", TorCommand::new);
        COMMANDS.put("backup", BackupCommand::new);
        COMMANDS.put("client", ClientCommand::new);
        COMMANDS.put("probe", ProbeCommand::new);
        COMMANDS.put("settings", SettingsCommand::new);
        COMMANDS.put("routstr", RoutstrCommand::new);
        COMMANDS.put("autostart", AutostartCommand::new);
        COMMANDS.put("balance", BalanceCommand::new);
        COMMANDS.put("backend", BackendCommand::new);
        COMMANDS.put("remote", RemoteCommand::new);
        COMMANDS.put("help", CommandLine.HelpCommand::new);
    }

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data folder (default: ${DEFAULT-VALUE})")
    Path dataDir = DataFolder.defaultLocation();

    @Option(names = "--engine-socket", paramLabel = "SOCKET",
            description = "Talk to the engine on this control socket instead of the data folder's (e.g. the system"
                    + " service's, for members of its group)")
    void engineSocket(Path socket) {
        if (socket.toString().chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--engine-socket: the path has a control character");
        }
        ControlProtocol.useEngineSocket(socket);
    }

    @Option(names = "--attach-system", description = "Talk to the system service's engine: --engine-socket "
            + "/run/onion-panel/control.sock (for members of the onion-panel group)")
    void attachSystem(boolean yes) {
        if (yes) {
            ControlProtocol.useEngineSocket(GroupSocket.SYSTEM_SOCKET);
        }
    }

    @Option(names = "--remote", paramLabel = "NAME", description = "Drive the remote panel paired here as NAME (see"
            + " 'remote pair') instead of this data folder's engine, through this desktop's tor")
    String remote;

    @Option(names = {"-V", "--version"}, description = "Print the version and the tor it would use")
    boolean version;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help")
    boolean help;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static int execute(String... args) {
        String command = invokedCommand(args);
        boolean anotherEngine = choosesEngineSocket(args);
        if (command != null && anotherEngine && !THROUGH_THE_SOCKET.contains(command)) {
            // These read and write the data folder's files themselves: with another engine they would change this
            // user's folder and not that engine's. Said plainly instead of doing the wrong thing.
            System.err.println("Error: '" + command + "' works on the data folder's files, not through the engine's"
                    + " socket; with --engine-socket / --attach-system / --remote only " + String.join(", ",
                    THROUGH_THE_SOCKET.stream().sorted().toList()) + " (and the window) are available.");
            return EXIT_BAD_INPUT;
        }
        CommandLine commandLine = commandLineFor(args);
        int exit = commandLine.execute(args);
        String invoked = invokedCommand(args);
        if (exit == 0 && !anotherEngine && invoked != null && CHANGE_SETTINGS.contains(invoked)) {
            EngineNudge.applyNow(((OnionPanelCli) commandLine.getCommand()).dataDir);
        }
        return exit;
    }

    /**
     * Commands that work through the engine's control API (as {@link PanelActions}), so they work on another user's
     * engine or a paired server's. A few of their subcommands stay local ({@link #requireLocal}).
     */
    static final java.util.Set<String> THROUGH_THE_SOCKET = java.util.Set.of("status", "stop", "service", "client",
            "settings", "backup", "probe", "balance");

    /** Whether the global options before the command point the clients at another engine (a socket, a remote). */
    static boolean choosesEngineSocket(String... args) {
        for (String arg : args) {
            if (arg.equals("--engine-socket") || arg.startsWith("--engine-socket=") || arg.equals("--attach-system")
                    || arg.equals("--remote") || arg.startsWith("--remote=")) {
                return true;
            }
            if (COMMANDS.containsKey(arg)) {
                return false;
            }
        }
        return false;
    }

    /** Whether the actions go to another engine (--engine-socket, --attach-system, --remote), not this folder's files. */
    boolean throughEngine() {
        return remote != null || ControlProtocol.engineSocketChosen();
    }

    /** Refuses what only works on this data folder's own files when another engine was chosen. */
    void requireLocal(String what, String why) {
        if (throughEngine()) {
            throw new ValidationException("'" + what + "' is not available with --engine-socket / --attach-system /"
                    + " --remote: " + why);
        }
    }

    /**
     * Runs {@code work} with the panel actions of the chosen engine: through its control connection with
     * --engine-socket / --attach-system / --remote (an engine must answer), else on this data folder's files.
     */
    <T> T withActions(java.util.function.Function<PanelActions, T> work) {
        if (!throughEngine()) {
            return work.apply(new LocalPanelActions(dataDir()));
        }
        return withEngine(connection -> work.apply(new io.onionpanel.control.RemotePanelActions(connection)));
    }

    /** Runs {@code work} on a connection to the engine chosen with --engine-socket / --attach-system / --remote. */
    <T> T withEngine(java.util.function.Function<io.onionpanel.control.ControlConnection, T> work) {
        io.onionpanel.control.ControlConnection connection;
        try {
            connection = engineConnection(e -> { }).orElseThrow(() -> {
                String message = "No engine answers on " + ControlProtocol.socket(dataDir());
                return new java.io.UncheckedIOException(message, new java.io.IOException(message));
            });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e.getMessage(), e);
        }
        try (connection) {
            return work.apply(connection);
        }
    }

    /** Commands that may change settings.json: a running engine is told at once, not at its next look. */
    private static final java.util.Set<String> CHANGE_SETTINGS = java.util.Set.of("service", "client", "settings", "tor", "backup",
            "balance", "backend");

    /** The command line for these arguments: only the command they invoke, when that is certain. */
    public static CommandLine commandLineFor(String... args) {
        return commandLine(invokedCommand(args));
    }

    /** The whole command line, every command registered. */
    public static CommandLine commandLine() {
        return commandLine(null);
    }

    /**
     * The command these arguments invoke, when that is certain from the arguments alone; otherwise (help, the
     * version, no command, an unknown word, anything else before the command) {@code null}, and every command
     * is registered so that usage and error messages are complete.
     */
    public static String invokedCommand(String... args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--data-dir") || arg.equals("--engine-socket") || arg.equals("--remote")) {
                i++;
            } else if (arg.startsWith("--data-dir=") || arg.startsWith("--engine-socket=") || arg.startsWith("--remote=")
                    || arg.equals("--attach-system")) {
                continue;
            } else {
                return arg.equals("help") || !COMMANDS.containsKey(arg) ? null : arg;
            }
        }
        return null;
    }

    private static CommandLine commandLine(String only) {
        CommandLine cl = new CommandLine(new OnionPanelCli());
        COMMANDS.forEach((name, command) -> {
            if (only == null || only.equals(name)) {
                cl.addSubcommand(name, command.get());
            }
        });
        cl.getSubcommands().values().forEach(OnionPanelCli::addHelpOption);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> exitCodeFor(e, cmd.getErr()));
        return cl;
    }

    /** A command's failure as the user sees it: bad input and unreadable settings said plainly, anything else thrown. */
    static int exitCodeFor(Exception e, PrintWriter err) throws Exception {
        if (e instanceof ValidationException) {
            err.println("Error: " + e.getMessage());
            return EXIT_BAD_INPUT;
        }
        if (e instanceof SettingsException || e instanceof java.io.UncheckedIOException) {
            err.println("Error: " + e.getMessage());
            return EXIT_FAILURE;
        }
        throw e;
    }

    /**
     * A command's standard output: picocli's writer, or, for a daemon {@link DaemonStart} started without picocli
     * ({@code spec} null), the process's own, flushed at each line as picocli's is.
     */
    static PrintWriter outOf(CommandLine.Model.CommandSpec spec) {
        return spec != null ? spec.commandLine().getOut() : processWriter(System.out);
    }

    /** Standard error, likewise. */
    static PrintWriter errOf(CommandLine.Model.CommandSpec spec) {
        return spec != null ? spec.commandLine().getErr() : processWriter(System.err);
    }

    private static PrintWriter processWriter(java.io.PrintStream stream) {
        return new PrintWriter(new java.io.OutputStreamWriter(stream, java.nio.charset.Charset.defaultCharset()), true);
    }

    /** {@code onion-panel run --help} and the like: operators try that before {@code help run}. */
    private static void addHelpOption(CommandLine command) {
        if (!(command.getCommand() instanceof CommandLine.HelpCommand) && command.getCommandSpec().findOption("--help") == null) {
            command.getCommandSpec().addOption(CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true)
                    .description("Show this help").build());
        }
        command.getSubcommands().values().forEach(OnionPanelCli::addHelpOption);
    }

    public Path dataDir() {
        return dataDir.toAbsolutePath().normalize();
    }

    /** The remote panel named by {@code --remote}; empty for this data folder's own engine. */
    public Optional<String> remote() {
        return Optional.ofNullable(remote);
    }

    /**
     * The engine a command drives: the remote panel named by {@code --remote} (through this desktop's tor; an
     * IOException says why it is out of reach), else this data folder's engine when one runs (empty when none does).
     * Both are the same kind of connection and take the same methods (a remote refuses those not in its allow-list).
     */
    public Optional<io.onionpanel.control.ControlConnection> engineConnection(java.util.function.Consumer<com.fasterxml.jackson.databind.JsonNode> events)
            throws java.io.IOException {
        if (remote != null) {
            return Optional.of(io.onionpanel.control.RemotePanelConnector.connect(dataDir(), remote, events, () -> { }));
        }
        return io.onionpanel.control.ControlConnection.open(dataDir(), events, () -> { });
    }

    public SettingsStore settingsStore() {
        return new SettingsStore(dataDir());
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (version) {
            out.println("onion-panel " + AppVersion.get());
            try {
                TorReport.lines(dataDir(), settingsStore().load().tor()).forEach(out::println);
            } catch (SettingsException e) {
                out.println("tor: unknown (" + e.getMessage() + ")");
            }
            return 0;
        }
        // No command: open the window on this data folder (loaded by name: the CLI must not need JavaFX).
        try {
            Class.forName("io.onionpanel.ui.DesktopLauncher").getMethod("launch", Path.class).invoke(null, dataDir());
            return 0;
        } catch (ReflectiveOperationException | LinkageError e) {
            spec.commandLine().getErr().println("Error: cannot open the window (" + e + "). Use a command instead:");
            spec.commandLine().usage(spec.commandLine().getErr());
            return EXIT_FAILURE;
        }
    }
}
