package io.onionpanel.routstr;

import io.onionpanel.common.AtomicFiles;
import io.onionpanel.common.ValidationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sets keys in a dotenv file (Routstr's {@code .env}) and touches nothing else: every other line, comment,
 * blank line and the order stay as they were; a changed key keeps its {@code export } prefix, its quoting style
 * and any trailing comment; the file's line endings (LF or CRLF) are kept. A key set more than once is changed
 * on every line, so the last one (the one dotenv readers use) has the new value. Missing keys are appended.
 */
public final class EnvFile {
    /** {@code [export ]KEY = value [# comment]}, value possibly quoted. */
    private static final Pattern ASSIGNMENT = Pattern.compile(
            "^(\\s*(?:export\\s+)?)([A-Za-z_][A-Za-z0-9_]*)(\\s*=\\s*)(.*)$");
    private static final Pattern QUOTED = Pattern.compile("^([\"'])(.*?)\\1(\\s+#.*|\\s*)$");
    private static final Pattern UNQUOTED_COMMENT = Pattern.compile("^(.*?)(\\s+#.*)$");

    /** What an edit did, for the operator. */
    public record Change(String key, String oldValue, String newValue) {
        public boolean changed() {
            return !newValue.equals(oldValue);
        }
    }

    public record Result(Path file, boolean created, Path backup, List<Change> changes) {
    }

    private EnvFile() {
    }

    /**
     * Sets {@code values} in {@code file} atomically; the previous content is kept as {@code <file>.bak}. A
     * missing file is created (its folder must exist).
     */
    public static Result set(Path file, Map<String, String> values) throws IOException {
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (!e.getKey().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new ValidationException("Not a .env key: " + e.getKey());
            }
            if (e.getValue().chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '"' || c == '\'' || c == '\\'
                    || c == '#' || c == ' ')) {
                throw new ValidationException("Value of " + e.getKey() + " must not contain spaces, quotes, # or control"
                        + " characters");
            }
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new ValidationException("Folder " + parent + " does not exist; choose Routstr's .env in its folder");
        }
        if (Files.isDirectory(file)) {
            throw new ValidationException(file + " is a folder, not a .env file");
        }
        boolean exists = Files.exists(file);
        String original = exists ? Files.readString(file, StandardCharsets.UTF_8) : "";
        Edit edit = apply(original, values);
        Path backup = null;
        if (exists) {
            backup = file.resolveSibling(file.getFileName() + ".bak");
            Files.copy(file, backup, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        }
        // .env files hold Routstr's secrets (admin password, nsec): never widen their permissions.
        AtomicFiles.writePrivate(file, edit.text().getBytes(StandardCharsets.UTF_8));
        return new Result(file, !exists, backup, edit.changes());
    }

    /** Reads the value dotenv would use for {@code key} (the last assignment), unquoted. */
    public static java.util.Optional<String> get(Path file, String key) throws IOException {
        if (!Files.exists(file)) {
            return java.util.Optional.empty();
        }
        String found = null;
        for (String line : Files.readString(file, StandardCharsets.UTF_8).split("\r\n|\n|\r", -1)) {
            Matcher m = ASSIGNMENT.matcher(line);
            if (m.matches() && m.group(2).equals(key)) {
                found = valueOf(m.group(4));
            }
        }
        return java.util.Optional.ofNullable(found);
    }

    record Edit(String text, List<Change> changes) {
    }

    static Edit apply(String original, Map<String, String> values) {
        String newline = original.contains("\r\n") ? "\r\n" : "\n";
        StringBuilder out = new StringBuilder();
        Map<String, String> old = new LinkedHashMap<>();
        // Each line keeps its own ending, so a file with CRLF (or mixed) endings comes back byte for byte.
        Matcher line = Pattern.compile("([^\r\n]*)(\r\n|\n|\r|$)").matcher(original);
        int pos = 0;
        while (pos < original.length() && line.find(pos)) {
            String content = line.group(1);
            String ending = line.group(2);
            Matcher m = ASSIGNMENT.matcher(content);
            if (m.matches() && values.containsKey(m.group(2))) {
                String key = m.group(2);
                old.put(key, valueOf(m.group(4)));
                content = m.group(1) + key + m.group(3) + replaceValue(m.group(4), values.get(key));
            }
            out.append(content).append(ending);
            pos = line.end();
        }
        List<Change> changes = new ArrayList<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (!old.containsKey(e.getKey())) {
                if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
                    out.append(newline);
                }
                out.append(e.getKey()).append('=').append(e.getValue()).append(newline);
            }
            changes.add(new Change(e.getKey(), old.get(e.getKey()), e.getValue()));
        }
        return new Edit(out.toString(), changes);
    }

    /** The new value in the old one's clothes: same quotes, same trailing comment. */
    private static String replaceValue(String oldRaw, String value) {
        Matcher q = QUOTED.matcher(oldRaw);
        if (q.matches()) {
            return q.group(1) + value + q.group(1) + q.group(3);
        }
        Matcher c = UNQUOTED_COMMENT.matcher(oldRaw);
        if (c.matches()) {
            return value + c.group(2);
        }
        // Trailing spaces are not part of an unquoted value in dotenv; keep them anyway (a minimal diff).
        int end = oldRaw.length();
        while (end > 0 && Character.isWhitespace(oldRaw.charAt(end - 1))) {
            end--;
        }
        return value + oldRaw.substring(end);
    }

    private static String valueOf(String raw) {
        Matcher q = QUOTED.matcher(raw);
        if (q.matches()) {
            return q.group(2);
        }
        Matcher c = UNQUOTED_COMMENT.matcher(raw);
        return (c.matches() ? c.group(1) : raw).strip();
    }
}
