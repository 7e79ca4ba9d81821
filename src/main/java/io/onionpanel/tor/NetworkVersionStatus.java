package io.onionpanel.tor;

import io.onionpanel.common.AtomicFiles;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * What the Tor network thinks of the running tor's version, as tor itself computes it from the consensus's
 * recommended versions ({@code GETINFO status/version/current}): {@code recommended}, {@code new},
 * {@code new in series}, {@code unrecommended}, {@code obsolete}, {@code none recommended} or {@code unknown}.
 * Kept in the data folder so that commands run while no tor is up can still say what the network said last.
 *
 * @param version     the tor version it is about
 * @param status      tor's word
 * @param recommended the consensus's recommended client versions, comma-separated (may be empty)
 * @param checked     when tor was asked
 */
public record NetworkVersionStatus(String version, String status, String recommended, Instant checked) {
    public static final String RECOMMENDED = "recommended";
    public static final String OBSOLETE = "obsolete";

    /** Asks the running tor; {@code version} is the binary's own (GETINFO version adds build details). */
    public static NetworkVersionStatus ask(TorControl control, String version) throws IOException {
        String status = control.getInfo("status/version/current").strip();
        String recommended = control.getInfo("status/version/recommended").strip();
        return new NetworkVersionStatus(version, status, recommended, Instant.now());
    }

    /** The network accepts and recommends this version (or a newer one than it lists). */
    public boolean good() {
        return status.equals(RECOMMENDED) || status.equals("new") || status.equals("new in series");
    }

    /** The network no longer accepts this version. */
    public boolean obsolete() {
        return status.equals(OBSOLETE) || status.equals("old");
    }

    /** tor has no consensus yet, or the network recommends nothing: nothing to judge by. */
    public boolean unknown() {
        return status.equals("unknown") || status.equals("none recommended") || status.isEmpty();
    }

    /** For the operator, e.g. "the network recommends it" or "obsolete: the network no longer accepts it". */
    public String inWords() {
        return switch (status) {
            case RECOMMENDED -> "recommended by the network";
            case "new" -> "newer than the network recommends (a development or fresh release)";
            case "new in series" -> "new in its series (newer than the recommended releases of " + seriesOf(version) + ")";
            case "unrecommended" -> "not recommended by the network: upgrade tor" + recommendedList();
            case OBSOLETE, "old" -> "obsolete: the network no longer accepts it; upgrade tor" + recommendedList();
            case "none recommended" -> "unknown: the network recommends no versions";
            default -> "unknown: tor has no consensus yet";
        };
    }

    /** The consensus lists every recommended release; the operator needs the range, not all eight. */
    private String recommendedList() {
        java.util.List<String> versions = java.util.Arrays.stream(recommended.split(","))
                .map(String::strip).filter(v -> !v.isEmpty()).toList();
        if (versions.isEmpty()) {
            return "";
        }
        java.util.List<TorVersion> parsed = versions.stream().map(TorVersion::parse).flatMap(java.util.Optional::stream)
                .sorted().toList();
        if (versions.size() <= 3 || parsed.size() != versions.size()) {
            return " (recommended: " + String.join(", ", versions) + ")";
        }
        return " (recommended: " + parsed.get(0) + " … " + parsed.get(parsed.size() - 1) + ")";
    }

    private static String seriesOf(String version) {
        return TorVersion.parse(version).map(TorVersion::series).orElse(version);
    }

    public static Path file(Path dataDir) {
        return TorPaths.in(dataDir).root().resolve("network-version.properties");
    }

    public void save(Path dataDir) throws IOException {
        Properties p = new Properties();
        p.setProperty("version", version);
        p.setProperty("status", status);
        p.setProperty("recommended", recommended);
        p.setProperty("checked", checked.toString());
        StringWriter text = new StringWriter();
        p.store(text, "What the Tor network said of this tor version, as tor reported it");
        AtomicFiles.write(file(dataDir), text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The last answer saved in this data folder, if any. */
    public static Optional<NetworkVersionStatus> load(Path dataDir) {
        try {
            Path f = file(dataDir);
            if (!Files.isRegularFile(f)) {
                return Optional.empty();
            }
            Properties p = new Properties();
            p.load(new StringReader(Files.readString(f, StandardCharsets.UTF_8)));
            String version = p.getProperty("version");
            String status = p.getProperty("status");
            String checked = p.getProperty("checked");
            if (version == null || status == null || checked == null) {
                return Optional.empty();
            }
            return Optional.of(new NetworkVersionStatus(version, status, p.getProperty("recommended", ""),
                    Instant.parse(checked)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable: as if never asked
        }
    }
}
