package io.onionpanel.autostart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which launcher starts at login: the installed one when there is one, else this JVM with its class path. */
class EngineCommandTest {
    @Test
    void theLinuxPackagesScriptLauncherIsFoundFromItsBundledRuntime() {
        EngineCommand command = EngineCommand.detect(Optional.of("/opt/onion-panel/lib/runtime/bin/java"), null,
                "/opt/onion-panel/lib/runtime", "/opt/onion-panel/lib/app/onion-panel.jar",
                path -> path.equals(Path.of("/opt/onion-panel/bin/onion-panel")));
        assertEquals(List.of("/opt/onion-panel/bin/onion-panel", "--data-dir", "/home/u/x", "daemon"),
                command.daemon(Path.of("/home/u/x/")));
    }

    @Test
    void aNativeLauncherIsTheRunningProgram() {
        EngineCommand command = EngineCommand.detect(Optional.of("/Applications/Onion Panel.app/Contents/MacOS/Onion Panel"),
                null, "/Applications/Onion Panel.app/Contents/runtime/Contents/Home", "x.jar", path -> false);
        assertEquals(List.of("/Applications/Onion Panel.app/Contents/MacOS/Onion Panel"), command.launcher());
        assertEquals(List.of("/opt/x/onion-panel"),
                EngineCommand.detect(Optional.of("/usr/bin/java"), "/opt/x/onion-panel", "/usr/lib/jvm/17", "x.jar", p -> false).launcher());
    }

    @Test
    void otherwiseThisJvmWithAnAbsoluteClassPath() {
        String classPath = String.join(File.pathSeparator, "target/classes", "", "/m2/picocli.jar");
        EngineCommand command = EngineCommand.detect(Optional.of("/usr/lib/jvm/17/bin/java"), null, "/usr/lib/jvm/17",
                classPath, path -> true);
        String expected = String.join(File.pathSeparator, Path.of("target/classes").toAbsolutePath().toString(), "/m2/picocli.jar");
        List<String> wanted = new java.util.ArrayList<>(List.of("/usr/lib/jvm/17/bin/java"));
        wanted.addAll(EngineCommand.ENGINE_JVM); // the engine's small heap: a plain java brings no options of its own
        wanted.addAll(List.of("-cp", expected, "io.onionpanel.Main"));
        assertEquals(wanted, command.launcher());
        // Without the process's own command (some platforms do not tell): java.home's java.
        assertEquals("/usr/lib/jvm/17/bin/java",
                EngineCommand.detect(Optional.empty(), null, "/usr/lib/jvm/17", "a.jar", path -> false).launcher().get(0));
    }

    @Test
    void theEnginesJarAndClassDataArchiveBesideTheJarArePassedWhenTheBuildMadeThem(@org.junit.jupiter.api.io.TempDir Path dir)
            throws java.io.IOException {
        Path jar = java.nio.file.Files.createFile(dir.resolve("onion-panel.jar"));
        String classPath = String.join(File.pathSeparator, jar.toString(), dir.resolve("lib/picocli.jar").toString());
        List<String> without = EngineCommand.detect(Optional.of("/usr/bin/java"), null, "/usr/lib/jvm/17", classPath,
                path -> true).launcher();
        assertEquals(false, without.stream().anyMatch(o -> o.startsWith("-XX:SharedArchiveFile=")));
        assertEquals(classPath, without.get(without.indexOf("-cp") + 1)); // no engine jar: the window's class path
        // The archive is dumped with the engine's jar as the class path: without that jar it would not match.
        java.nio.file.Files.createFile(dir.resolve("onion-panel-engine.jsa"));
        assertEquals(without, EngineCommand.detect(Optional.of("/usr/bin/java"), null, "/usr/lib/jvm/17", classPath,
                path -> true).launcher());
        java.nio.file.Files.createFile(dir.resolve("onion-panel-engine.jar"));
        List<String> with = EngineCommand.detect(Optional.of("/usr/bin/java"), null, "/usr/lib/jvm/17", classPath,
                path -> true).launcher();
        String engineClassPath = String.join(File.pathSeparator, dir.resolve("onion-panel-engine.jar").toString(),
                dir.resolve("lib/picocli.jar").toString());
        List<String> wanted = new java.util.ArrayList<>(List.of("/usr/bin/java"));
        wanted.addAll(EngineCommand.ENGINE_JVM);
        wanted.add("-XX:SharedArchiveFile=" + dir.resolve("onion-panel-engine.jsa"));
        wanted.addAll(List.of("-cp", engineClassPath, "io.onionpanel.Main"));
        assertEquals(wanted, with);
    }
}
