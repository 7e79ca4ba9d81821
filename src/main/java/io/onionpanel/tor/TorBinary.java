package io.onionpanel.tor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tor executable and what it can do, asked of the binary itself ({@code --version},
 * {@code --list-modules}) rather than assumed: an old client-only build has no relay or pow module, a system tor may have
 * relay and proof-of-work support.
 */
public record TorBinary(Path path, TorOrigin origin, String version, Map<String, Boolean> modules) {
    private static final Pattern VERSION = Pattern.compile("Tor version (\\S+?)\\.?(\\s|$)");
    private static final Pattern MODULE = Pattern.compile("^\\s*([a-z0-9_-]+):\\s*(yes|no)\\s*$");

    /** A tor from before origins were told apart: the bundled one, or one the operator chose. */
    public TorBinary(Path path, boolean bundled, String version, Map<String, Boolean> modules) {
        this(path, bundled ? TorOrigin.BUNDLED : TorOrigin.CHOSEN, version, modules);
    }

    public boolean bundled() {
        return origin == TorOrigin.BUNDLED;
    }

    /** Empty when tor printed a version this panel cannot read: treated as unsupported, never as new. */
    public java.util.Optional<TorVersion> parsedVersion() {
        return TorVersion.parse(version);
    }

    public TorBinary withOrigin(TorOrigin value) {
        return new TorBinary(path, value, version, modules);
    }

    public boolean supports(String module) {
        return modules.getOrDefault(module, false);
    }

    public boolean supportsRelay() {
        return supports("relay");
    }

    public boolean supportsPow() {
        return supports("pow");
    }

    public String describe() {
        return origin.label() + " tor " + version + " (" + path + "; relay: "
                + (supportsRelay() ? "yes" : "no") + ", pow: " + (supportsPow() ? "yes" : "no") + ")";
    }

    /** Runs the binary to learn its version and modules; fails with a clear message if it is not a usable tor. */
    public static TorBinary probe(Path path, boolean bundled) throws TorException {
        return probe(path, bundled ? TorOrigin.BUNDLED : TorOrigin.CHOSEN);
    }

    /** The same, for a tor of the given origin (cached answers: {@link ProbeCache}, through {@link TorLocator}). */
    public static TorBinary probe(Path path, TorOrigin origin) throws TorException {
        if (!Files.isRegularFile(path)) {
            throw new TorException("No tor binary at " + path);
        }
        if (!Files.isExecutable(path)) {
            throw new TorException("The tor binary at " + path + " is not executable");
        }
        return ask(path, origin);
    }

    private static TorBinary ask(Path path, TorOrigin origin) throws TorException {
        // Both questions at once: each is a process start, on the way to tor's first launch in a data folder.
        Process versionQuestion = start(path, "--version");
        Process modulesQuestion;
        try {
            modulesQuestion = start(path, "--list-modules");
        } catch (TorException e) {
            versionQuestion.destroyForcibly();
            throw e;
        }
        String versionOutput;
        try {
            versionOutput = answer(path, "--version", versionQuestion);
        } catch (TorException e) {
            modulesQuestion.destroyForcibly();
            throw e;
        }
        Matcher m = VERSION.matcher(versionOutput);
        if (!m.find()) {
            modulesQuestion.destroyForcibly();
            throw new TorException(path + " does not look like tor: '--version' printed "
                    + versionOutput.lines().findFirst().orElse("nothing"));
        }
        Map<String, Boolean> modules = new LinkedHashMap<>();
        String modulesOutput;
        try {
            modulesOutput = answer(path, "--list-modules", modulesQuestion);
        } catch (TorException e) {
            modulesOutput = ""; // tor before 0.4.5 has no --list-modules: it can do neither relay nor pow here
        }
        modulesOutput.lines().forEach(line -> {
            Matcher mm = MODULE.matcher(line);
            if (mm.matches()) {
                modules.put(mm.group(1), mm.group(2).equals("yes"));
            }
        });
        return new TorBinary(path, origin, m.group(1), Map.copyOf(modules));
    }

    private static Process start(Path path, String arg) throws TorException {
        try {
            Process p = new ProcessBuilder(path.toString(), arg).redirectErrorStream(true).start();
            p.getOutputStream().close();
            return p;
        } catch (IOException e) {
            throw new TorException("Cannot run " + path + ": " + e.getMessage(), e);
        }
    }

    private static String answer(Path path, String arg, Process p) throws TorException {
        try {
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new TorException(path + " " + arg + " did not finish");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new TorException(path + " " + arg + " failed (exit " + p.exitValue() + "): " + text.strip());
            }
            return text;
        } catch (IOException e) {
            throw new TorException("Cannot read what " + path + " " + arg + " printed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new TorException("Interrupted while asking " + path + " for " + arg, e);
        }
    }
}
