package io.onionpanel.autostart;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The command that starts this installation's engine for a data folder: {@code <launcher> --data-dir <dir> daemon}
 * ({@code --data-dir} is the top-level option, before the command, as in the system unit and control.EngineProcess).
 * The launcher is the installed one when this process runs from an installation, so that an update of the package
 * is what starts at the next login; otherwise (a development build, the plain jar) this JVM with its class path.
 *
 * @param launcher the program and the arguments before the command, all absolute paths
 */
public record EngineCommand(List<String> launcher) {
    static final String MAIN_CLASS = "io.onionpanel.Main";
    /** The Linux packages' launcher, relative to the installation: bin/onion-panel beside lib/runtime. */
    private static final String LAUNCHER_NAME = "onion-panel";
    /**
     * JVM options when the engine runs on a plain java (a development build): it needs no UI-sized heap or compiler,
     * so a small serial heap and C1 only (README, "Always on": bench/run.sh engine-memory measures it, and
     * bench/run.sh engine-flags compares options side by side; docs/benchmarks.md). An installed launcher brings its
     * own options. A 1 MiB young generation (the engine allocates little; 2 MiB: +0.9 MB resident), C1 only after
     * 2,000 calls of a method instead of 200 (most of the engine's code runs at start and rarely again: −3 MB of
     * compiled code and compiler memory, 73.9 → 70.8 MB), glibc's free memory handed back every 5 s
     * (TrimNativeHeapInterval, a product flag of JDK 17.0.15; a JVM without it ignores it). Measured and not kept:
     * MALLOC_ARENA_MAX=1 or 2, smaller heap free ratios, -Xshare:off, ArchiveRelocationMode=0, aggressive metaspace
     * reclaim (each within ±0.3 MB); -Xint (−2.5 MB more, but every start and event interpreted).
     */
    public static final List<String> ENGINE_JVM = List.of("-XX:+UseSerialGC", "-Xms8m", "-Xmn1m", "-Xmx96m",
            "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=20", "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1",
            "-XX:Tier3InvocationThreshold=2000", "-XX:Tier3MinInvocationThreshold=1000",
            "-XX:Tier3CompileThreshold=20000", "-XX:+IgnoreUnrecognizedVMOptions", "-XX:TrimNativeHeapInterval=5000",
            "-XX:ReservedCodeCacheSize=8m", "-Xss512k", "-XX:-UsePerfData", "-Djava.awt.headless=true", "-Xlog:disable",
            "-Xlog:all=warning:stderr");
    /** The engine's class-data archive, which the build dumps beside the jar (pom.xml, engine-cds-dump). */
    static final String ENGINE_ARCHIVE = "onion-panel-engine.jsa";
    /**
     * The engine's jar, which the build writes beside onion-panel.jar (pom.xml, engine-jar): the same classes, but a
     * manifest class path without the window's libraries (JavaFX, ControlsFX, ZXing), which a daemon never loads.
     * Every jar on the class path is opened (service lookups scan them all) and its central directory kept in the
     * heap; the engine's archive is dumped with this class path (docs/benchmarks.md, issue 17).
     */
    static final String ENGINE_JAR = "onion-panel-engine.jar";
    private static final String APP_JAR = "onion-panel.jar";

    public EngineCommand {
        launcher = List.copyOf(launcher);
    }

    /** The command line that runs the engine headless on {@code dataDir}. */
    public List<String> daemon(Path dataDir) {
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of("--data-dir", dataDir.toAbsolutePath().normalize().toString(), "daemon"));
        return List.copyOf(command);
    }

    public static EngineCommand ofThisProcess() {
        return detect(ProcessHandle.current().info().command(), System.getProperty("jpackage.app-path"),
                System.getProperty("java.home"), System.getProperty("java.class.path"),
                path -> Files.isRegularFile(path) && Files.isExecutable(path));
    }

    /**
     * How the launcher is found, from what this process knows of itself:
     * <ol>
     *   <li>jpackage's native launchers (Windows, macOS) name themselves in {@code jpackage.app-path}, and the
     *       running program is then not a {@code java} binary: either is the launcher;</li>
     *   <li>the Linux packages' launcher is a shell script that execs the bundled runtime's {@code java}: a
     *       {@code java.home} of {@code <app>/lib/runtime} with an executable {@code <app>/bin/onion-panel} is that;</li>
     *   <li>else this JVM: {@code <java> -cp <class path, absolute> io.onionpanel.Main}.</li>
     * </ol>
     */
    static EngineCommand detect(Optional<String> processCommand, String appPath, String javaHome, String classPath,
                                Predicate<Path> isExecutable) {
        if (appPath != null && !appPath.isBlank()) {
            return new EngineCommand(List.of(Path.of(appPath).toAbsolutePath().toString()));
        }
        Optional<Path> program = processCommand.map(Path::of).map(p -> p.toAbsolutePath().normalize());
        if (program.isPresent() && !isJava(program.get())) {
            return new EngineCommand(List.of(program.get().toString()));
        }
        Path home = Path.of(javaHome).toAbsolutePath().normalize();
        if (home.getFileName() != null && home.getFileName().toString().equals("runtime") && home.getParent() != null
                && home.getParent().getFileName() != null && home.getParent().getFileName().toString().equals("lib")) {
            Path installed = home.getParent().getParent().resolve("bin").resolve(LAUNCHER_NAME);
            if (isExecutable.test(installed)) {
                return new EngineCommand(List.of(installed.toString()));
            }
        }
        Path java = program.orElse(home.resolve("bin").resolve("java"));
        String absoluteClassPath = String.join(File.pathSeparator, Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> !entry.isEmpty()).map(entry -> Path.of(entry).toAbsolutePath().normalize().toString())
                .toList());
        String engineClassPath = engineClassPath(absoluteClassPath);
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(jvmOptions(engineClassPath));
        command.addAll(List.of("-cp", engineClassPath, MAIN_CLASS));
        return new EngineCommand(command);
    }

    /**
     * The engine's class path from the window's: onion-panel.jar becomes the {@link #ENGINE_JAR} beside it when the
     * build made one; any other entry (a development class path of folders and repository jars) stays.
     */
    public static String engineClassPath(String absoluteClassPath) {
        return String.join(File.pathSeparator, Arrays.stream(absoluteClassPath.split(File.pathSeparator)).map(entry -> {
            Path jar = Path.of(entry);
            if (jar.getFileName() != null && jar.getFileName().toString().equals(APP_JAR) && jar.getParent() != null
                    && Files.isRegularFile(jar.getParent().resolve(ENGINE_JAR))) {
                return jar.getParent().resolve(ENGINE_JAR).toString();
            }
            return entry;
        }).toList());
    }

    /**
     * {@link #ENGINE_JVM}, plus the engine's class-data archive when the build left one beside the engine's jar on
     * this class path ({@link #engineClassPath}; the archive is dumped with that class path): it holds the classes a
     * daemon loads, so they are mapped from the file instead of parsed into metaspace (resident memory −4 MB, and a
     * faster start). An archive that does not match the JVM or the class path is
     * ignored by the JVM (a warning in engine.log).
     */
    public static List<String> jvmOptions(String absoluteClassPath) {
        List<String> options = new ArrayList<>(ENGINE_JVM);
        for (String entry : absoluteClassPath.split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            if (jar.getFileName() != null && jar.getFileName().toString().equals(ENGINE_JAR) && jar.getParent() != null
                    && Files.isRegularFile(jar.getParent().resolve(ENGINE_ARCHIVE))) {
                options.add("-XX:SharedArchiveFile=" + jar.getParent().resolve(ENGINE_ARCHIVE));
                break;
            }
        }
        return List.copyOf(options);
    }

    private static boolean isJava(Path program) {
        String name = program.getFileName().toString();
        return name.equals("java") || name.equals("java.exe") || name.equals("javaw.exe");
    }
}
