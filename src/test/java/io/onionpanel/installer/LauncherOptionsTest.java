package io.onionpanel.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.onionpanel.autostart.EngineCommand;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Linux launcher (installer/linux/launcher.sh) gives the engine ({@code daemon}, as the system unit, the login
 * unit and the window start it) the engine's JVM options, archive and jar, the window its own archive, and every
 * other command the window's options and jar with the CLI's archive; the
 * engine's options file says what a development build passes to a plain java ({@link EngineCommand#ENGINE_JVM}).
 */
class LauncherOptionsTest {
    @TempDir
    Path app;

    @Test
    void theEngineOptionsFileIsEngineJvm() throws Exception {
        List<String> options = Files.readAllLines(Path.of("installer/engine-jvm.options")).stream()
                .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        assertEquals(EngineCommand.ENGINE_JVM, options);
    }

    @Test
    void daemonGetsTheEnginesOptionsAndArchiveTheWindowItsArchiveAndEverythingElseTheClis() throws Exception {
        Path launcher = app.resolve("bin/onion-panel");
        Files.createDirectories(launcher.getParent());
        Files.copy(Path.of("installer/linux/launcher.sh"), launcher);
        // A java that prints the options file, archive and class path it was given.
        Path java = app.resolve("lib/runtime/bin/java");
        Files.createDirectories(java.getParent());
        Files.writeString(java, "#!/bin/sh\necho \"$1 $2 $3 $4\"\n");
        for (Path p : List.of(launcher, java)) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        String lib = app.toRealPath() + "/bin/../lib/app/"; // the script's own path, symbolic links resolved
        String engine = "@" + lib + "onion-panel-engine.jvmargs -XX:SharedArchiveFile=" + lib + "onion-panel-engine.jsa"
                + " -cp " + lib + "onion-panel-engine.jar"; // the class path without the window's libraries
        // The window (no command, as Main tells them apart) maps its own archive; the CLI's holds the engine for run.
        String window = "@" + lib + "onion-panel.jvmargs -XX:SharedArchiveFile=" + lib + "onion-panel-window.jsa"
                + " -cp " + lib + "onion-panel.jar";
        String cli = "@" + lib + "onion-panel.jvmargs -XX:SharedArchiveFile=" + lib + "onion-panel.jsa"
                + " -cp " + lib + "onion-panel.jar";
        assertEquals(engine, run(launcher, "daemon"));
        assertEquals(engine, run(launcher, "--data-dir", "/var/lib/onion-panel", "daemon"));
        assertEquals(engine, run(launcher, "--data-dir=/var/lib/onion-panel", "daemon"));
        assertEquals(window, run(launcher));
        assertEquals(window, run(launcher, "--data-dir", "/home/u/panel"));
        assertEquals(cli, run(launcher, "run"));
        assertEquals(cli, run(launcher, "--data-dir", "/home/u/panel", "run"));
        assertEquals(cli, run(launcher, "--version"));
        assertEquals(cli, run(launcher, "--data-dir", "/x", "service", "add", "daemon", "--port", "80=127.0.0.1:8000"));
    }

    private static String run(Path launcher, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor(10, TimeUnit.SECONDS);
        return out;
    }
}
