package io.onionpanel.cli;

import io.onionpanel.common.AppVersion;
import io.onionpanel.common.DataFolder;
import io.onionpanel.common.ValidationException;
import io.onionpanel.settings.SettingsException;
import io.onionpanel.settings.SettingsStore;
import io.onionpanel.tor.BundledTor;
import io.onionpanel.tor.TorBinary;
import io.onionpanel.tor.TorException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The headless command line: the same engine as the window, for servers and scripts. */
@Command(name = "onion-panel", mixinStandardHelpOptions = false, sortOptions = false,
        description = {"Puts a local HTTP API on a v3 onion address and keeps it healthy.", "Without a command it opens the window."},
        subcommands = {ServiceCommand.class, RunCommand.class, TorCommand.class, BackupCommand.class, ClientCommand.class,
                ProbeCommand.class, SettingsCommand.class, RoutstrCommand.class, CommandLine.HelpCommand.class})
public final class OnionPanelCli implements Callable<Integer> {
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_BAD_INPUT = 2;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data folder (default: ${DEFAULT-VALUE})")
    Path dataDir = DataFolder.defaultLocation();

    @Option(names = {"-V", "--version"}, description = "Print the version and the tor it would use")
    boolean version;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help")
    boolean help;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new OnionPanelCli());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            if (e instanceof ValidationException) {
                err.println("Error: " + e.getMessage());
                return EXIT_BAD_INPUT;
            }
            if (e instanceof SettingsException || e instanceof java.io.UncheckedIOException) {
                err.println("Error: " + e.getMessage());
                return EXIT_FAILURE;
            }
            throw e;
        });
        return cl;
    }

    public Path dataDir() {
        return dataDir.toAbsolutePath().normalize();
    }

    public SettingsStore settingsStore() {
        return new SettingsStore(dataDir());
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (version) {
            out.println("onion-panel " + AppVersion.get());
            out.println("tor: " + describeTor());
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

    private String describeTor() {
        try {
            String configured = new SettingsStore(dataDir()).load().tor().binary();
            if (configured != null) {
                return TorBinary.probe(Path.of(configured), false).describe();
            }
            if (!BundledTor.isAvailable()) {
                return "none bundled for this platform; choose one with run --tor PATH";
            }
            return TorBinary.probe(BundledTor.extract(dataDir()), true).describe();
        } catch (TorException | SettingsException e) {
            return "unavailable: " + e.getMessage();
        }
    }
}
