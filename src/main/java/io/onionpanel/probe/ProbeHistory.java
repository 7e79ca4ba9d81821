package io.onionpanel.probe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.onionpanel.common.AtomicFiles;
import io.onionpanel.common.json.JsonCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Past test runs per service in {@code <data>/probe-history.json}, newest first, at most {@link #MAX_RUNS} per
 * service. Written atomically; secret header values are masked before they get here (a {@link ProbeResult}
 * holds only the masked request), so no key is ever stored.
 */
public final class ProbeHistory {
    public static final String FILE_NAME = "probe-history.json";
    public static final int MAX_RUNS = 30;
    public static final int MAX_SERVICES = 100;
    private static final JsonCodec MAPPER = JsonCodec.STANDARD.failOnUnknownProperties(false);

    /** One remembered run: what was asked (masked) and what came out, without the per-attempt bodies. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Entry(String startedAt, String url, ProbeRequest request, int concurrency, boolean freshCircuits,
                        ProbeSummary summary, ProbeVerdict verdict, String verdictText) {
        public Entry {
            request = request.masked();
        }

        public static Entry of(ProbeResult r) {
            return new Entry(r.startedAt(), r.url(), r.request(), r.options().concurrency(), r.options().freshCircuits(),
                    r.summary(), r.verdict(), r.verdictText());
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record FileContent(Map<String, List<Entry>> services) {
        FileContent {
            services = services == null ? new LinkedHashMap<>() : new LinkedHashMap<>(services);
        }
    }

    private final Path file;

    public ProbeHistory(Path dataDir) {
        this.file = dataDir.resolve(FILE_NAME);
    }

    /** Runs of a service (or of an address the panel does not serve), newest first. */
    public synchronized List<Entry> list(String key) {
        return List.copyOf(read().services().getOrDefault(key, List.of()));
    }

    public synchronized void add(String key, ProbeResult result) throws IOException {
        FileContent content = read();
        List<Entry> runs = new ArrayList<>(content.services().getOrDefault(key, List.of()));
        runs.add(0, Entry.of(result));
        if (runs.size() > MAX_RUNS) {
            runs = new ArrayList<>(runs.subList(0, MAX_RUNS));
        }
        content.services().remove(key);
        content.services().put(key, runs);
        while (content.services().size() > MAX_SERVICES) {
            content.services().remove(content.services().keySet().iterator().next());
        }
        AtomicFiles.writePrivate(file, MAPPER.writePrettyBytes(content));
    }

    public synchronized void clear(String key) throws IOException {
        FileContent content = read();
        if (content.services().remove(key) != null) {
            AtomicFiles.writePrivate(file, MAPPER.writePrettyBytes(content));
        }
    }

    private FileContent read() {
        if (!Files.exists(file)) {
            return new FileContent(null);
        }
        try {
            return MAPPER.readValue(file, FileContent.class);
        } catch (IOException | RuntimeException e) {
            // A damaged history is not worth failing a test run over: start a new one (the old file is replaced on write).
            return new FileContent(null);
        }
    }
}
