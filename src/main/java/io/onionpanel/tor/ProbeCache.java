package io.onionpanel.tor;

import io.onionpanel.common.AtomicFiles;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Remembers what the bundled tor said of itself (version, modules) beside the extracted binary, keyed by
 * its size and modification time: the answers cannot change unless the file does, and asking costs two
 * process starts on every launch.
 */
final class ProbeCache {
    private ProbeCache() {
    }

    static Optional<TorBinary> read(Path binary) {
        try {
            Path file = cacheFile(binary);
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            Properties p = new Properties();
            p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
            if (!stamp(binary).equals(p.getProperty("stamp"))) {
                return Optional.empty();
            }
            Map<String, Boolean> modules = new LinkedHashMap<>();
            for (String name : p.stringPropertyNames()) {
                if (name.startsWith("module.")) {
                    modules.put(name.substring(7), Boolean.parseBoolean(p.getProperty(name)));
                }
            }
            String version = p.getProperty("version");
            return version == null ? Optional.empty() : Optional.of(new TorBinary(binary, true, version, Map.copyOf(modules)));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static void write(TorBinary tor) {
        try {
            Properties p = new Properties();
            p.setProperty("stamp", stamp(tor.path()));
            p.setProperty("version", tor.version());
            tor.modules().forEach((name, on) -> p.setProperty("module." + name, Boolean.toString(on)));
            StringWriter text = new StringWriter();
            p.store(text, "What the bundled tor reported of itself; recomputed when the binary changes");
            AtomicFiles.write(cacheFile(tor.path()), text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // Only a lost shortcut: the next launch asks tor again.
        }
    }

    private static Path cacheFile(Path binary) {
        return binary.resolveSibling(binary.getFileName() + ".probe");
    }

    private static String stamp(Path binary) throws IOException {
        return Files.size(binary) + ":" + Files.getLastModifiedTime(binary).toMillis();
    }
}
