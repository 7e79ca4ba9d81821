package io.onionpanel.engine;

import io.onionpanel.auth.AuthorizedClientsFolder;
import io.onionpanel.balance.BalanceRules;
import io.onionpanel.balance.ObConfigFile;
import io.onionpanel.common.ValidationException;
import io.onionpanel.onion.NewServiceKeys;
import io.onionpanel.onion.ServiceFolders;
import io.onionpanel.onion.ServiceValidation;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.settings.Settings;
import io.onionpanel.tor.TorBinary;
import io.onionpanel.tor.Torrc;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What tor should run, read from the settings: the services, the authorized clients tor will load for each (read
 * from their authorized_clients folders), and the enabled services held back, with the reason.
 */
record Wanted(List<Torrc.Service> services, Map<Path, Map<String, String>> clients,
              Map<String, String> heldBack, Map<String, String> clientFileWarnings, List<Path> balancedFrontends) {

    /**
     * Validates the enabled services and creates their key folders (0700) before tor hears of them. A service
     * with client authorisation on but no .auth file is held back: tor would publish it to everyone.
     */
    static Wanted of(Settings settings, ServiceFolders folders, TorBinary binary) throws EngineException {
        List<Torrc.Service> wanted = new ArrayList<>();
        Map<Path, Map<String, String>> clients = new HashMap<>();
        Map<String, String> held = new LinkedHashMap<>();
        Map<String, String> warnings = new LinkedHashMap<>();
        List<Path> frontends = new ArrayList<>();
        try {
            ServiceValidation.requireUniqueNames(settings.services());
            for (ServiceConfig s : settings.services()) {
                if (s.enabled()) {
                    ServiceConfig valid = ServiceValidation.requireValid(s);
                    Optional<String> unbalanceable = unbalanceable(valid);
                    if (unbalanceable.isPresent()) {
                        held.put(valid.name(), unbalanceable.get());
                        continue;
                    }
                    if (valid.balance().backendRole() && EngineAttach.isAttached(binary)) {
                        held.put(valid.name(), backendOnAttachedTor(valid));
                        continue;
                    }
                    Path dir = folders.prepare(valid.name());
                    if (valid.balance().frontendRole()) {
                        // Onionbalance publishes it with its keys; tor publishing its own descriptor too would fight it.
                        frontends.add(dir);
                        continue;
                    }
                    writeObConfig(valid, dir);
                    Map<String, String> authorized = new AuthorizedClientsFolder(dir).read();
                    if (valid.clientAuth().enabled() && authorized.isEmpty()) {
                        held.put(valid.name(), heldBackReason(valid));
                        continue;
                    }
                    clientFileWarning(valid, authorized.keySet()).ifPresent(w -> warnings.put(valid.name(), w));
                    Optional<String> unsupported = EngineDefenses.unsupported(valid, binary);
                    if (unsupported.isPresent()) {
                        held.put(valid.name(), unsupported.get());
                        continue;
                    }
                    wanted.add(new Torrc.Service(dir, valid.ports(), valid.defenses(), valid.balance().backendRole()));
                    clients.put(dir, authorized);
                }
            }
        } catch (ValidationException e) {
            throw new EngineException("Settings: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new EngineException("Cannot create a service key folder: " + e.getMessage(), e);
        }
        return new Wanted(List.copyOf(wanted), Map.copyOf(clients), held, warnings, List.copyOf(frontends));
    }

    /** The reason Onionbalance cannot serve this service as configured (client authorisation, PoW), if any. */
    private static Optional<String> unbalanceable(ServiceConfig s) {
        try {
            BalanceRules.requireSupported(s);
            return Optional.empty();
        } catch (ValidationException e) {
            return Optional.of(e.getMessage() + " It is kept offline.");
        }
    }

    /**
     * ADD_ONION has no HiddenServiceOnionBalanceInstance: published on an attached tor, the backend would refuse every
     * introduction made through the frontend's descriptor, so clients of the frontend would fail without a word.
     */
    private static String backendOnAttachedTor(ServiceConfig s) {
        return "Service '" + s.name() + "' is an Onionbalance backend, which a tor the panel attached to cannot run"
                + " (ADD_ONION has no HiddenServiceOnionBalanceInstance, so it would refuse the frontend's clients)."
                + " Use the panel's own tor for it. It is kept offline.";
    }

    /** A backend's folder names its frontend before tor loads it (tor refuses the instance without it). */
    private static void writeObConfig(ServiceConfig s, Path dir) throws EngineException {
        try {
            if (s.balance().backendRole()) {
                ObConfigFile.write(dir, s.balance().frontend());
            } else {
                ObConfigFile.remove(dir);
            }
        } catch (IOException e) {
            throw new EngineException("Cannot write " + ObConfigFile.NAME + " for service '" + s.name() + "': " + e.getMessage(), e);
        }
    }

    /**
     * Makes keys for the enabled services that have none, so that their addresses are known before tor loads
     * them; held-back ones too (a client's credential names the address). If that fails, tor makes them when it
     * loads the service, as it would anyway.
     */
    void createMissingKeys(ServiceFolders folders, StatusBoard board) {
        List<Path> dirs = new ArrayList<>();
        services.forEach(s -> dirs.add(s.dir()));
        dirs.addAll(balancedFrontends);
        heldBack.keySet().forEach(name -> dirs.add(folders.dir(name)));
        for (Path dir : dirs) {
            try {
                NewServiceKeys.createIfMissing(dir);
            } catch (IOException | RuntimeException e) {
                board.error("Cannot write new keys into " + dir + " (" + e.getMessage() + "); tor will make them"
                        + " when it loads the service.");
            }
        }
    }

    /** When tor would admit other clients than the settings list (e.g. files from a restored tor folder). */
    private static Optional<String> clientFileWarning(ServiceConfig s, Set<String> files) {
        Set<String> listed = new TreeSet<>();
        if (s.clientAuth().enabled()) {
            s.clientAuth().clients().forEach(c -> listed.add(c.name()));
        }
        if (listed.equals(new TreeSet<>(files))) {
            return Optional.empty();
        }
        return Optional.of("Service '" + s.name() + "': its authorized_clients folder has .auth files for "
                + (files.isEmpty() ? "no client" : String.join(", ", new TreeSet<>(files))) + ", but the panel lists "
                + (listed.isEmpty() ? "none (client authorisation " + (s.clientAuth().enabled() ? "on" : "off") + ")"
                : String.join(", ", listed)) + ". tor admits exactly the clients with a file there.");
    }

    private static String heldBackReason(ServiceConfig s) {
        String why = s.clientAuth().clients().isEmpty()
                ? "client authorisation is on but no client is authorised"
                : "client authorisation is on, but its authorized_clients folder has no .auth file for its "
                + s.clientAuth().clients().size() + " client(s) (turn client authorisation off and on to rewrite them)";
        return "Service '" + s.name() + "' is kept offline: " + why + ", and tor would publish it to everyone."
                + " Add a client or turn client authorisation off.";
    }
}
