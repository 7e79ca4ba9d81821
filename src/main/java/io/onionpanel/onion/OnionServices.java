package io.onionpanel.onion;

import io.onionpanel.common.ValidationException;
import io.onionpanel.settings.DosDefenses;
import io.onionpanel.settings.DosLimits;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.settings.Settings;
import io.onionpanel.settings.SettingsStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Creates, edits and removes onion services in the settings. A running engine picks the change up from
 * the settings file; nothing here talks to tor. Every operation validates first and writes nothing when
 * the input is refused.
 */
public final class OnionServices {
    private final SettingsStore store;
    private final ServiceFolders folders;

    public OnionServices(Path dataDir) {
        this(new SettingsStore(dataDir), new ServiceFolders(dataDir));
    }

    public OnionServices(SettingsStore store, ServiceFolders folders) {
        this.store = store;
        this.folders = folders;
    }

    public ServiceFolders folders() {
        return folders;
    }

    /**
     * Adds a service and makes its keys, so that its address is known at once (to configure the API behind it, or
     * a client's credential) instead of at its first run. If the keys cannot be written now, the engine makes
     * them when it first runs the service and says why it could not.
     */
    public ServiceConfig add(String name, List<PortMapping> ports) {
        return add(name, ports, DosDefenses.NONE);
    }

    /**
     * {@link #add(String, List)} with its DoS defences in the same write, so that a new service never runs, even
     * briefly, without the defences it was created with.
     */
    public ServiceConfig add(String name, List<PortMapping> ports, DosDefenses defenses) {
        ServiceConfig service = ServiceValidation.requireValid(new ServiceConfig(name, true, ports))
                .withDefenses(DosLimits.requireValid(defenses));
        if (store.load().service(name).isPresent()) {
            throw new ValidationException("Service '" + name + "' already exists");
        }
        // The keys before the settings: a running engine that sees the new service at once (its watcher) must find
        // them, not have tor make others while the address is being read.
        try {
            NewServiceKeys.createIfMissing(folders.prepare(name));
        } catch (IOException | RuntimeException e) {
            // Left to the engine's first run, which reports it.
        }
        store.update(settings -> {
            if (settings.service(name).isPresent()) {
                throw new ValidationException("Service '" + name + "' already exists");
            }
            List<ServiceConfig> next = new ArrayList<>(settings.services());
            next.add(service);
            return settings.withServices(next);
        });
        return service;
    }

    /** Replaces the mappings when {@code ports} is present, and sets enabled when {@code enabled} is present. */
    public ServiceConfig edit(String name, Optional<List<PortMapping>> ports, Optional<Boolean> enabled) {
        ServiceValidation.requireName(name);
        return changeService(name, current -> {
            ServiceConfig next = current;
            if (ports.isPresent()) {
                next = next.withPorts(ports.get());
            }
            if (enabled.isPresent()) {
                next = next.withEnabled(enabled.get());
            }
            return ServiceValidation.requireValid(next);
        });
    }

    /** Replaces the DoS defences of a service after checking them against tor's limits. */
    public ServiceConfig setDefenses(String name, DosDefenses defenses) {
        ServiceValidation.requireName(name);
        DosLimits.requireValid(defenses);
        return changeService(name, current -> current.withDefenses(defenses));
    }

    /** Replaces one service, under the store's lock, with what {@code change} makes of it; returns the new one. */
    private ServiceConfig changeService(String name, UnaryOperator<ServiceConfig> change) {
        ServiceConfig[] result = new ServiceConfig[1];
        store.update(settings -> {
            ServiceConfig current = settings.service(name).orElseThrow(() -> unknown(name));
            result[0] = change.apply(current);
            return replace(settings, current.name(), result[0]);
        });
        return result[0];
    }

    /**
     * Renames a service and moves its key folder with it; the onion address stays the same, and so does its
     * probe path (the monitor moves its history when it sees the address under the new name).
     */
    public ServiceConfig rename(String from, String to) {
        ServiceValidation.requireName(from);
        ServiceValidation.requireName(to);
        ServiceConfig[] result = new ServiceConfig[1];
        store.update(settings -> {
            ServiceConfig current = settings.service(from).orElseThrow(() -> unknown(from));
            if (!from.equalsIgnoreCase(to) && settings.service(to).isPresent()) {
                throw new ValidationException("Service '" + to + "' already exists");
            }
            if (Files.exists(folders.dir(to)) && !from.equalsIgnoreCase(to)) {
                throw new ValidationException("A key folder named '" + to + "' already exists; choose another name");
            }
            if (Files.exists(folders.clientKeysDir(to)) && !from.equalsIgnoreCase(to)) {
                throw new ValidationException("A folder of kept client keys named '" + to + "' already exists in "
                        + folders.clientKeysDir(to).getParent() + "; choose another name");
            }
            result[0] = current.withName(to);
            try {
                // Inside the settings lock, so no other writer sees the settings and folders disagree.
                folders.rename(current.name(), to);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot move the key folder of '" + from + "': " + e.getMessage(), e);
            }
            return replace(settings, current.name(), result[0])
                    .withMonitor(settings.monitor().withServiceRenamed(current.name(), to));
        });
        return result[0];
    }

    /**
     * Removes the service from the settings first, then moves its keys to the removed/ folder: if the move
     * fails the keys stay where they were, never lost.
     */
    public Optional<Path> remove(String name) {
        ServiceValidation.requireName(name);
        String[] actual = new String[1];
        store.update(settings -> {
            ServiceConfig current = settings.service(name).orElseThrow(() -> unknown(name));
            actual[0] = current.name();
            List<ServiceConfig> next = new ArrayList<>(settings.services());
            next.removeIf(s -> s.name().equals(current.name()));
            return settings.withServices(next);
        });
        try {
            return folders.archive(actual[0]);
        } catch (IOException e) {
            throw new UncheckedIOException("The service was removed, but its keys could not be moved to the removed"
                    + " folder and are still in " + folders.dir(actual[0]) + ": " + e.getMessage(), e);
        }
    }

    public List<ServiceInfo> list() {
        return describe(store.load());
    }

    public List<ServiceInfo> describe(Settings settings) {
        return settings.services().stream()
                .map(s -> new ServiceInfo(s.name(), s.enabled(), s.ports(),
                        folders.address(s.name()).orElse(null), s.defenses().pow(), s.defenses()))
                .toList();
    }

    private static Settings replace(Settings settings, String name, ServiceConfig replacement) {
        List<ServiceConfig> next = new ArrayList<>(settings.services());
        next.replaceAll(s -> s.name().equals(name) ? replacement : s);
        return settings.withServices(next);
    }

    private static ValidationException unknown(String name) {
        return new ValidationException("There is no service named '" + name + "'");
    }
}
