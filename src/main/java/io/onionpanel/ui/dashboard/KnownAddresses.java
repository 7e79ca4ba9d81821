package io.onionpanel.ui.dashboard;

import io.onionpanel.onion.OnionAddress;
import io.onionpanel.onion.ServiceFolders;
import io.onionpanel.ui.common.Tasks;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The addresses in the services' hostname files, read off the FX thread. The engine reports an address only
 * while tor runs; a service restored from a backup (or run before) has its address on disk all the same.
 */
final class KnownAddresses {
    private final ServiceFolders folders;
    private final Runnable onChange;
    private Map<String, String> byName = Map.of();

    KnownAddresses(ServiceFolders folders, Runnable onChange) {
        this.folders = folders;
        this.onChange = onChange;
    }

    /** Reads the hostname files of these services; {@code onChange} runs (FX thread) when an address changed. */
    void reload(List<String> names) {
        Tasks.run(() -> {
            Map<String, String> read = new HashMap<>();
            for (String name : names) {
                OnionAddress.readHostname(folders.dir(name)).ifPresent(onion -> read.put(name, onion));
            }
            return read;
        }, read -> {
            if (!read.equals(byName)) {
                byName = read;
                onChange.run();
            }
        }, failure -> { });
    }

    String get(String name) {
        return byName.get(name);
    }
}
