package io.onionpanel.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts {@code onion-panel daemon} for a data folder in a process of its own, so that the services outlive the
 * window. The same program as the window: the installed launcher, or this JVM's java with its class path. The
 * engine gets a session of its own ({@code setsid}): a Ctrl+C meant for the window's terminal does not reach it.
 * Its output (it logs mostly into the panel's log) goes to {@code engine.log} in the data folder.
 */
public final class EngineProcess {
    public static final String LOG_FILE = "engine.log";
    private static final long LOG_KEPT = 1024 * 1024;
    private final List<String> program;

    private EngineProcess(List<String> program) {
        this.program = List.copyOf(program);
    }

    /** The program this process was started as: its installed launcher, or java with this class path. */
    public static EngineProcess ofThisProgram() {
        return new EngineProcess(io.onionpanel.autostart.EngineCommand.ofThisProcess().launcher());
    }

    /** For tests and other launchers: {@code program} is everything before {@code --data-dir}. */
    public static EngineProcess of(List<String> program) {
        return new EngineProcess(program);
    }

    public List<String> command(Path dataDir) {
        List<String> c = new ArrayList<>();
        Path setsid = Path.of("/usr/bin/setsid");
        if (Files.isExecutable(setsid)) {
            c.add(setsid.toString());
        }
        c.addAll(program);
        c.addAll(List.of("--data-dir", dataDir.toString(), "daemon"));
        return c;
    }

    /** Starts the engine and returns at once; it opens its control socket a moment later. */
    public Process spawn(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        Path log = dataDir.resolve(LOG_FILE);
        if (Files.exists(log) && Files.size(log) > LOG_KEPT) {
            Files.move(log, dataDir.resolve(LOG_FILE + ".1"), StandardCopyOption.REPLACE_EXISTING);
        }
        ProcessBuilder builder = new ProcessBuilder(command(dataDir)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process p = builder.start();
        p.getOutputStream().close(); // it reads nothing: its input is at end of file at once
        return p;
    }

    /** The last lines the engine wrote, for the reason it ended. */
    public static String tail(Path dataDir, int lines) {
        try {
            List<String> all = Files.readAllLines(dataDir.resolve(LOG_FILE));
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "";
        }
    }
}
