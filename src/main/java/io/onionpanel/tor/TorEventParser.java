package io.onionpanel.tor;

import io.onionpanel.common.ConnectionSecrets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns raw control-port event lines (without the "650 " prefix) into {@link TorEvent}s. */
public final class TorEventParser {
    private TorEventParser() {
    }

    public static TorEvent parse(String line) {
        int space = line.indexOf(' ');
        String type = space < 0 ? line : line.substring(0, space);
        String rest = space < 0 ? "" : line.substring(space + 1);
        try {
            return switch (type) {
                case "STATUS_CLIENT" -> parseStatusClient(line, rest);
                case "HS_DESC" -> parseHsDesc(line, rest);
                // Redacted here, once, so no consumer (log view, "tor last said", notices) sees a bridge or proxy secret.
                case "NOTICE", "WARN", "ERR", "INFO", "DEBUG" -> new TorEvent.Log(type, ConnectionSecrets.redact(rest));
                case "CIRC" -> parseCircuit(line, rest);
                case "BW" -> parseBandwidth(line, rest);
                default -> new TorEvent.Other(type, line);
            };
        } catch (RuntimeException e) {
            // A tor version with a different field layout must not break the pipeline.
            return new TorEvent.Other(type, line);
        }
    }

    /** Parses "STATUS_CLIENT NOTICE BOOTSTRAP PROGRESS=…"; also serves GETINFO status/bootstrap-phase. */
    public static TorEvent parseStatusClient(String line, String rest) {
        List<String> words = ControlWords.split(rest);
        if (words.size() >= 2 && words.get(1).equals("BOOTSTRAP")) {
            return bootstrap(ControlWords.keywords(words.subList(2, words.size())));
        }
        return new TorEvent.Other("STATUS_CLIENT", line);
    }

    /** Parses the value of GETINFO status/bootstrap-phase, e.g. "NOTICE BOOTSTRAP PROGRESS=100 TAG=done …". */
    public static TorEvent.Bootstrap parseBootstrapPhase(String value) {
        List<String> words = ControlWords.split(value);
        int at = words.indexOf("BOOTSTRAP");
        return bootstrap(ControlWords.keywords(words.subList(at + 1, words.size())));
    }

    private static TorEvent.Bootstrap bootstrap(Map<String, String> kw) {
        return new TorEvent.Bootstrap(Integer.parseInt(kw.getOrDefault("PROGRESS", "0")), kw.getOrDefault("TAG", ""),
                kw.getOrDefault("SUMMARY", ""), kw.get("WARNING"));
    }

    private static TorEvent parseHsDesc(String line, String rest) {
        List<String> words = ControlWords.split(rest);
        Map<String, String> kw = ControlWords.keywords(words);
        String hsDir = words.size() > 3 ? words.get(3) : "";
        return new TorEvent.HsDesc(words.get(0), words.get(1), hsDir, kw.get("REASON"));
    }

    private static TorEvent parseCircuit(String line, String rest) {
        List<String> words = ControlWords.split(rest);
        String id = words.get(0);
        String status = words.get(1);
        String path = words.size() > 2 && !words.get(2).contains("=") ? words.get(2) : "";
        Map<String, String> fields = new LinkedHashMap<>(ControlWords.keywords(words.subList(2, words.size())));
        return new TorEvent.Circuit(id, status, path, fields);
    }

    private static TorEvent parseBandwidth(String line, String rest) {
        List<String> words = ControlWords.split(rest);
        return new TorEvent.Bandwidth(Long.parseLong(words.get(0)), Long.parseLong(words.get(1)));
    }
}
