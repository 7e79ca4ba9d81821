package io.onionpanel.connection;

import io.onionpanel.common.ValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Tor's default bridges, from the resource shipped with the panel or, when the operator put one there, from
 * {@code <data folder>/builtin-bridges.txt}: the set changes more often than the panel is released.
 *
 * @param date   the "# date: …" of the file, or "unknown"
 * @param source "shipped" or the file's path
 */
public record BuiltinBridges(String date, String source, List<BridgeLine> lines) {
    public static final String FILE_NAME = "builtin-bridges.txt";
    private static final String RESOURCE = "builtin-bridges.txt";

    /** The operator's file when there is one (it must be valid: a broken replacement is an error, not ignored). */
    public static BuiltinBridges load(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        if (Files.isRegularFile(file)) {
            try {
                return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
            } catch (IOException e) {
                throw new ValidationException("Cannot read " + file + ": " + e.getMessage());
            }
        }
        return shipped();
    }

    public static BuiltinBridges shipped() {
        try (InputStream in = BuiltinBridges.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the built-in bridge list is missing from this build");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "shipped");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the built-in bridge list", e);
        }
    }

    /** Lines of tor's bridge form; "# date: …" anywhere gives the date. */
    public static BuiltinBridges parse(String text, String source) {
        List<String> all = Arrays.asList(text.split("\\R"));
        String date = all.stream().map(String::strip).filter(l -> l.toLowerCase().startsWith("# date:"))
                .map(l -> l.substring(7).strip()).findFirst().orElse("unknown");
        List<BridgeLine> lines;
        try {
            lines = BridgeLine.parseAll(all);
        } catch (ValidationException e) {
            throw new ValidationException("Built-in bridge list (" + source + "): " + e.getMessage());
        }
        return new BuiltinBridges(date, source, lines);
    }

    /** The bridges of one transport. */
    public List<BridgeLine> of(Transport transport) {
        return lines.stream().filter(l -> l.transport() == transport).toList();
    }

    @Override
    public String toString() {
        return "built-in bridges of " + date + " (" + source + ", " + lines.size() + " lines)";
    }
}
