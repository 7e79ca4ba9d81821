package io.onionpanel.cli;

import io.onionpanel.settings.TorSettings;
import io.onionpanel.tor.NetworkVersionStatus;
import io.onionpanel.tor.TorBinary;
import io.onionpanel.tor.TorException;
import io.onionpanel.tor.TorLocator;
import io.onionpanel.tor.TorSupport;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The tor a start would use, in lines for {@code --version} and {@code tor}: which one and what it can do,
 * whether the panel supports it, and what the Tor network said of its version when tor last asked.
 */
final class TorReport {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private TorReport() {
    }

    static List<String> lines(Path dataDir, TorSettings settings) {
        List<String> lines = new ArrayList<>();
        if (settings.attach() != null) {
            lines.add("tor: attached to the running tor at " + settings.attach().control() + " (the panel launches none)");
            return lines;
        }
        TorBinary tor;
        try {
            // Shown even when unsupported: this reports, the launch refuses.
            tor = TorLocator.forDataDir(dataDir).select(null, settings.binary(), true).tor();
        } catch (TorException e) {
            lines.add("tor: none usable: " + e.getMessage());
            return lines;
        }
        lines.add("tor: " + tor.describe());
        if (TorSupport.supported(tor)) {
            lines.add("tor support: supported (" + TorSupport.MINIMUM_SERIES + " or newer)");
        } else {
            lines.add("tor support: NOT supported" + (settings.allowUnsupported() ? ", allowed by the override (private"
                    + " test networks only)" : ", a start is refused") + ". " + TorSupport.why(tor));
        }
        lines.add("tor network status: " + NetworkVersionStatus.load(dataDir)
                .filter(s -> s.version().equals(tor.version()))
                .map(s -> s.status() + " — " + s.inWords() + " (tor said so at " + WHEN.format(s.checked()) + ")")
                .orElse("not known yet (tor tells once it has the network's consensus: start the panel)"));
        return lines;
    }
}
