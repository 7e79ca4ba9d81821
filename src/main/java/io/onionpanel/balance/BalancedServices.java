package io.onionpanel.balance;

import io.onionpanel.common.ValidationException;
import io.onionpanel.onion.NewServiceKeys;
import io.onionpanel.onion.OnionAddress;
import io.onionpanel.onion.OnionServices;
import io.onionpanel.onion.ServiceFolders;
import io.onionpanel.onion.ServiceValidation;
import io.onionpanel.settings.Balance;
import io.onionpanel.settings.DosDefenses;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.settings.Settings;
import io.onionpanel.settings.SettingsStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The settings changes of a load-balanced service, shared by the CLI and the window: each checked against
 * {@link BalanceRules} and written in one update, or refused with the reason and nothing changed.
 */
public final class BalancedServices {
    private final SettingsStore store;
    private final ServiceFolders folders;
    private final OnionServices services;

    public BalancedServices(Path dataDir) {
        this.store = new SettingsStore(dataDir);
        this.folders = new ServiceFolders(dataDir);
        this.services = new OnionServices(store, folders);
    }

    /**
     * Makes {@code name} the frontend: an existing service keeps its keys, so its address (the one clients know)
     * becomes the load-balanced one; otherwise a new service with new keys and these ports. One frontend per panel:
     * Onionbalance 0.2.2 signs with tor's key format through a process-wide hook that serves one service.
     */
    public ServiceConfig makeFrontend(String name, List<PortMapping> portsForNew) {
        ServiceValidation.requireName(name);
        Settings settings = store.load();
        settings.services().stream().filter(s -> s.balance().frontendRole() && !s.name().equalsIgnoreCase(name)).findFirst()
                .ifPresent(other -> {
                    throw new ValidationException("'" + other.name() + "' is already this panel's frontend: one frontend per"
                            + " panel (Onionbalance 0.2.2 publishes one service with tor's key format)");
                });
        if (settings.service(name).isEmpty()) {
            if (portsForNew == null || portsForNew.isEmpty()) {
                throw new ValidationException("Service '" + name + "' does not exist: give its ports for a new frontend,"
                        + " e.g. --port 80=127.0.0.1:8000 (the virtual port clients use; the backends serve it)");
            }
            services.add(name, portsForNew, DosDefenses.NONE);
        }
        return change(name, s -> {
            if (s.balance().backendRole()) {
                throw new ValidationException("Service '" + name + "' is a backend of " + s.balance().frontend()
                        + "; a service is either a frontend or a backend");
            }
            return s.balance().frontendRole() ? s : s.withBalance(Balance.frontend(List.of()));
        });
    }

    public ServiceConfig addBackend(String frontendName, String backendAddress) {
        String address = BalanceRules.requireAddress("Backend address", backendAddress);
        String own = folders.address(frontendName).orElse("");
        if (address.equals(own)) {
            throw new ValidationException("That is the frontend's own address: add the address the backend machine shows"
                    + " after 'backend join'");
        }
        return change(frontendName, s -> {
            requireFrontend(s);
            if (s.balance().backends().contains(address)) {
                throw new ValidationException("Backend " + address + " is already listed for '" + s.name() + "'");
            }
            return s.withBalance(s.balance().withBackend(address));
        });
    }

    public ServiceConfig removeBackend(String frontendName, String backendAddress) {
        String address = BalanceRules.requireAddress("Backend address", backendAddress);
        return change(frontendName, s -> {
            requireFrontend(s);
            if (!s.balance().backends().contains(address)) {
                throw new ValidationException("Backend " + address + " is not listed for '" + s.name() + "'");
            }
            return s.withBalance(s.balance().withoutBackend(address));
        });
    }

    /** The code a backend machine pastes into {@code backend join}. */
    public JoinCode joinCode(String frontendName) {
        ServiceConfig s = store.load().service(frontendName).orElseThrow(() -> unknown(frontendName));
        requireFrontend(s);
        String address = folders.address(s.name()).orElseThrow(() -> new ValidationException("Service '" + s.name()
                + "' has no keys yet"));
        return new JoinCode(address);
    }

    /**
     * On a backend machine: a new service serving {@code ports} as an instance of the code's frontend, with its own
     * keys made now so its address can be added on the frontend at once. Returns the instance's address.
     */
    public String join(JoinCode code, String name, List<PortMapping> ports) {
        ServiceValidation.requireName(name);
        ServiceConfig candidate = ServiceValidation.requireValid(new ServiceConfig(name, true, ports))
                .withBalance(Balance.backendOf(code.frontend()));
        BalanceRules.requireSupported(candidate);
        store.update(settings -> {
            if (settings.service(name).isPresent()) {
                throw new ValidationException("Service '" + name + "' already exists: choose another name with --name");
            }
            List<ServiceConfig> next = new ArrayList<>(settings.services());
            next.add(candidate);
            return settings.withServices(next);
        });
        try {
            Path dir = folders.prepare(name);
            ObConfigFile.write(dir, code.frontend());
            return NewServiceKeys.createIfMissing(dir).or(() -> folders.address(name))
                    .orElseThrow(() -> new IOException("no address"));
        } catch (IOException e) {
            throw new ValidationException("Cannot write the keys of '" + name + "': " + e.getMessage());
        }
    }

    /** The frontend's service, if this panel has one. */
    public Optional<ServiceConfig> frontend() {
        return store.load().services().stream().filter(s -> s.balance().frontendRole()).findFirst();
    }

    /** The backend services of this panel. */
    public List<ServiceConfig> backends() {
        return store.load().services().stream().filter(s -> s.balance().backendRole()).toList();
    }

    public Optional<String> address(String name) {
        return folders.address(name).map(OnionAddress::bare).map(a -> a + ".onion");
    }

    private ServiceConfig change(String name, UnaryOperator<ServiceConfig> edit) {
        ServiceConfig[] result = new ServiceConfig[1];
        store.update(settings -> {
            ServiceConfig current = settings.service(name).orElseThrow(() -> unknown(name));
            ServiceConfig next = BalanceRules.requireSupported(edit.apply(current));
            result[0] = next;
            List<ServiceConfig> list = new ArrayList<>();
            for (ServiceConfig s : settings.services()) {
                list.add(s.name().equals(current.name()) ? next : s);
            }
            return settings.withServices(list);
        });
        return result[0];
    }

    private static void requireFrontend(ServiceConfig s) {
        if (!s.balance().frontendRole()) {
            throw new ValidationException("Service '" + s.name() + "' is not a load-balanced frontend (make it one with:"
                    + " balance frontend " + s.name() + ")");
        }
    }

    private static ValidationException unknown(String name) {
        return new ValidationException("No service named '" + name + "'");
    }
}
