package io.onionpanel.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the real CLI in-process, on a data folder, and captures what it prints. */
public final class CliRunner {
    public record Result(int exit, String out, String err) {
    }

    public static Result run(Path dataDir, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--data-dir", dataDir.toString()));
        all.addAll(List.of(args));
        var cl = OnionPanelCli.commandLineFor(all.toArray(String[]::new));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(all.toArray(String[]::new));
        return new Result(exit, out.toString(), err.toString());
    }

    private CliRunner() {
    }
}
