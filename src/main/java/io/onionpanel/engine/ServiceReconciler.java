package io.onionpanel.engine;

import io.onionpanel.common.AtomicFiles;
import io.onionpanel.onion.OnionAddress;
import io.onionpanel.onion.ServiceFolders;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.settings.Settings;
import io.onionpanel.settings.SettingsWatcher;
import io.onionpanel.tor.TorHandle;
import io.onionpanel.tor.TorPaths;
import io.onionpanel.tor.Torrc;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps tor's services in line with the settings: what tor runs (and with which clients and keys), the enabled
 * services held back and the ones tor refused, and the services' statuses that follow from that. Engine thread.
 */
final class ServiceReconciler {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    private final SettingsWatcher settingsWatcher;
    private final ServiceFolders folders;
    private final TorPaths paths;
    private final StatusBoard board;
    private final TorLogTail tail;
    private final ServiceStatuses statuses;
    private final ClientChangeTracker clientChanges;
    private final EarlyUpload earlyUpload;
    /** The torrc lines the operator added (settings, then this run's), for the torrc written after each change. */
    private final Function<Settings, List<String>> operatorLines;

    private List<Torrc.Service> appliedServices = List.of();
    /** Folders of Onionbalance frontends: not given to tor, published through it by the Onionbalance child. */
    private List<Path> balancedFrontends = List.of();
    /**
     * The launched tor gets its services only once it has bootstrapped. tor runs its onion-service timer once a
     * second from the moment it first has a service: with the services in the torrc that is tor's launch, so the
     * first tick after bootstrap comes up to a second late, and the descriptor goes up a tick after the intro
     * circuits. Added at bootstrap, tor builds the intro circuits at once and publishes ~1 s sooner.
     */
    private boolean awaitBootstrap;
    /** Per service folder: the authorized clients tor loaded for it (client name → .auth line). */
    private Map<Path, Map<String, String>> appliedClients = Map.of();
    /** Per service folder: the address tor loaded from it, to notice keys replaced on disk (backup import). */
    private Map<Path, String> appliedKeys = Map.of();
    /** Enabled services kept out of tor, with the reason (client authorisation on without clients). */
    private Map<String, String> heldBack = Map.of();
    /** Folders of wanted services tor refused and does not run, with its reason; tried again at the next change. */
    private Map<Path, ServiceApplication.Refusal> refusedByTor = Map.of();
    private Map<String, String> clientFileWarnings = Map.of();

    ServiceReconciler(SettingsWatcher settingsWatcher, ServiceFolders folders, TorPaths paths, StatusBoard board, TorLogTail tail,
                      PublicationWatch publication, ClientChangeTracker clientChanges, EarlyUpload earlyUpload,
                      Function<Settings, List<String>> operatorLines) {
        this.settingsWatcher = settingsWatcher;
        this.folders = folders;
        this.paths = paths;
        this.board = board;
        this.tail = tail;
        this.statuses = new ServiceStatuses(folders, board, publication, clientChanges);
        this.clientChanges = clientChanges;
        this.earlyUpload = earlyUpload;
        this.operatorLines = operatorLines;
    }

    /**
     * A new tor: it runs these services already (a single onion, an attached tor), or none until its bootstrap
     * ({@code deferred}); nothing it refused yet.
     */
    void launched(Wanted wanted, boolean deferred, byte[] bytes) {
        awaitBootstrap = deferred;
        refusedByTor = Map.of();
        appliedServices = deferred ? List.of() : wanted.services();
        appliedClients = deferred ? Map.of() : wanted.clients();
        appliedKeys = keysOf(appliedServices);
        balancedFrontends = wanted.balancedFrontends();
        holdBack(wanted, bytes);
    }

    /** Whether the services wait for tor's bootstrap; the first call after it says so once and stops waiting. */
    boolean takeBootstrapTurn() {
        boolean waiting = awaitBootstrap;
        awaitBootstrap = false;
        return waiting;
    }

    /** A running service's folder holds new keys (an import): tor must re-create it though the settings are the same. */
    boolean keysReplaced() {
        return !servicesWithNewKeys(appliedServices).isEmpty();
    }

    /**
     * Reports services that newly became held back, and new mismatches between a service's client list and its
     * authorized_clients folder (once each); remembers the held-back ones for the statuses.
     */
    private void holdBack(Wanted wanted, byte[] settingsBytes) {
        for (Map.Entry<String, String> e : wanted.heldBack().entrySet()) {
            if (!e.getValue().equals(heldBack.get(e.getKey()))) {
                board.error(e.getValue());
            }
        }
        heldBack = Map.copyOf(wanted.heldBack());
        // A client change writes its .auth file just before the settings: if the settings moved on since they
        // were read, the folder may be a step ahead, and the next poll looks again.
        if (settingsWatcher.current().holds(settingsBytes)) {
            for (Map.Entry<String, String> e : wanted.clientFileWarnings().entrySet()) {
                if (!e.getValue().equals(clientFileWarnings.get(e.getKey()))) {
                    board.error(e.getValue());
                }
            }
            clientFileWarnings = Map.copyOf(wanted.clientFileWarnings());
        }
    }

    /** The address each service folder holds now (empty before tor first wrote its keys). */
    private static Map<Path, String> keysOf(List<Torrc.Service> services) {
        Map<Path, String> keys = new HashMap<>();
        for (Torrc.Service s : services) {
            keys.put(s.dir(), OnionAddress.readHostname(s.dir()).orElse(""));
        }
        return Map.copyOf(keys);
    }

    /**
     * Running services whose folder now holds other keys than tor loaded (an import replaced them): tor keeps
     * the old keys in memory until the service is re-created.
     */
    private List<Torrc.Service> servicesWithNewKeys(List<Torrc.Service> candidates) {
        Set<Path> running = dirs(appliedServices);
        return candidates.stream()
                .filter(s -> running.contains(s.dir()))
                .filter(s -> {
                    String loaded = appliedKeys.getOrDefault(s.dir(), "");
                    String now = OnionAddress.readHostname(s.dir()).orElse("");
                    return !loaded.isEmpty() && !now.isEmpty() && !loaded.equals(now);
                })
                .toList();
    }

    /** Services tor runs now and keeps running whose set of authorized clients changed. */
    private List<Torrc.Service> servicesWithNewClients(Wanted wanted) {
        Set<Path> running = dirs(appliedServices);
        return wanted.services().stream()
                .filter(s -> running.contains(s.dir()))
                .filter(s -> !wanted.clients().get(s.dir()).equals(appliedClients.getOrDefault(s.dir(), Map.of())))
                .toList();
    }

    /**
     * Makes tor run what the settings want, service by service where tor refuses some (see {@link ServiceApplication}),
     * re-creating services whose clients or keys changed; then updates the statuses.
     */
    void apply(TorHandle tor, Settings settings, Wanted wanted, byte[] bytes) {
        wanted.createMissingKeys(folders, board);
        balancedFrontends = wanted.balancedFrontends();
        if (awaitBootstrap) {
            // tor gets whatever the settings say then (see awaitBootstrap).
            holdBack(wanted, bytes);
            refreshStatuses(settings, true);
            return;
        }
        List<Torrc.Service> newClients = new ArrayList<>(servicesWithNewClients(wanted));
        List<Torrc.Service> newKeys = new ArrayList<>(servicesWithNewKeys(wanted.services()));
        List<Torrc.Service> recreate = new ArrayList<>(newClients);
        newKeys.stream().filter(k -> !recreate.contains(k)).forEach(recreate::add);
        if (!wanted.services().equals(appliedServices) || !recreate.isEmpty()) {
            Map<Path, Map<String, String>> clientsBefore = appliedClients;
            Set<Path> ranBefore = dirs(appliedServices);
            ServiceApplication.Outcome outcome;
            Map<Path, Integer> circuitsBefore = new HashMap<>();
            recreate.forEach(s -> circuitsBefore.put(s.dir(), clientChanges.rendezvousCircuits(s.dir()).size()));
            try {
                if (!recreate.isEmpty()) {
                    // A client change re-creates the service: tor forgets its intro points and descriptor and
                    // closes its circuits; added back with the same keys it re-reads authorized_clients.
                    List<Torrc.Service> without = new ArrayList<>(wanted.services());
                    without.removeAll(recreate);
                    tor.applyServices(without);
                    appliedServices = List.copyOf(without);
                }
                outcome = ServiceApplication.apply(tor, appliedServices, wanted.services(), tail);
                Map<Path, Map<String, String>> loadedClients = new HashMap<>();
                for (Torrc.Service s : outcome.running()) {
                    loadedClients.put(s.dir(), wanted.services().contains(s) ? wanted.clients().get(s.dir())
                            : appliedClients.getOrDefault(s.dir(), Map.of()));
                }
                appliedServices = outcome.running();
                appliedClients = Map.copyOf(loadedClients);
                appliedKeys = keysOf(outcome.running());
                // Keep the torrc in step so a restart after a crash brings up the same services.
                AtomicFiles.writePrivate(paths.torrc(), Torrc.render(paths, operatorLines.apply(settings), outcome.running(),
                        settings.tor().fixedSocksPort(), settings.tor().singleOnion()).getBytes(StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException e) {
                String offline = appliedServices.size() < wanted.services().size() && !recreate.isEmpty()
                        ? " Services taken out to apply a client change are offline until the next change or restart."
                        : appliedServices.isEmpty() ? " No service runs until the settings change."
                        : " The running services are unchanged.";
                // ServiceApplication takes what tor refuses service by service: this is a broken connection.
                board.error("Could not give tor the new service configuration: " + e.getMessage() + "." + offline);
                return;
            }
            reportRefusals(outcome);
            followStarts(tor, outcome.running(), ranBefore, recreate);
            newKeys.retainAll(outcome.running());
            newClients.retainAll(outcome.running());
            for (Torrc.Service s : newKeys) {
                String name = s.dir().getFileName().toString();
                board.notice("Service '" + name + "' now runs with the keys found in its folder: "
                        + appliedKeys.getOrDefault(s.dir(), "(no address yet)"));
            }
            for (Torrc.Service s : newClients) {
                clientChanges.track(serviceName(settings, s.dir()), s.dir(), clientsBefore.getOrDefault(s.dir(), Map.of()),
                        wanted.clients().get(s.dir()), circuitsBefore.getOrDefault(s.dir(), 0));
            }
        } else {
            refusedByTor = Map.of(); // tor runs every wanted service
        }
        holdBack(wanted, bytes);
        refreshStatuses(settings, true);
    }

    /**
     * Tells {@link EarlyUpload} which services tor builds intro circuits for now: the ones it did not run before this
     * change and the re-created ones.
     */
    private void followStarts(TorHandle tor, List<Torrc.Service> running, Set<Path> ranBefore, List<Torrc.Service> recreated) {
        if (tor instanceof io.onionpanel.attach.AttachedTor) {
            earlyUpload.clear(); // ADD_ONION: no reload to run tor's events early
            return;
        }
        if (dirs(running).containsAll(ranBefore)) {
            earlyUpload.applied();
        }
        Set<String> addresses = new HashSet<>();
        for (Torrc.Service s : running) {
            Optional<String> onion = OnionAddress.readHostname(s.dir()).map(OnionAddress::bare);
            onion.ifPresent(addresses::add);
            if (onion.isPresent() && (!ranBefore.contains(s.dir()) || recreated.contains(s))) {
                earlyUpload.starting(onion.get(), s.defenses().introductionPoints());
            }
        }
        earlyUpload.retain(addresses);
    }

    /**
     * Gives tor the services it runs again, unchanged: tor then runs its onion-service events at once (see
     * {@link EarlyUpload}). A failure changes nothing: tor uploads at its next run anyway.
     */
    void reapply(TorHandle tor) {
        if (tor == null || appliedServices.isEmpty()) {
            return;
        }
        try {
            tor.applyServices(appliedServices);
        } catch (IOException | RuntimeException e) {
            LOG.debug("Giving tor its services again for an early upload failed: {}", e.toString());
        }
    }

    private static Set<Path> dirs(List<Torrc.Service> services) {
        Set<Path> out = new HashSet<>();
        services.forEach(s -> out.add(s.dir()));
        return out;
    }

    /** The name the settings give the service in this folder. */
    private String serviceName(Settings settings, Path dir) {
        return settings.services().stream().filter(c -> folders.dir(c.name()).equals(dir))
                .map(ServiceConfig::name).findFirst().orElse(dir.getFileName().toString());
    }

    /** Brings the per-service statuses in line with the settings and what tor has reported. */
    void refreshStatuses(Settings settings, boolean torUp) {
        statuses.refresh(settings, torUp, heldBack, refusedByTor);
    }

    /**
     * Says what tor refused: a new service stays offline (said again only when its configuration changes), a
     * changed one runs as before (said at each try). The others run either way.
     */
    private void reportRefusals(ServiceApplication.Outcome outcome) {
        Set<Path> running = dirs(outcome.running());
        Map<Path, ServiceApplication.Refusal> offline = new HashMap<>();
        outcome.refused().forEach((dir, refusal) -> {
            String name = dir.getFileName().toString();
            String reason = refusal.reason();
            if (running.contains(dir)) {
                board.error("tor refused the change to service '" + name + "': " + reason + ". It runs as before.");
            } else {
                ServiceApplication.Refusal before = refusedByTor.get(dir);
                offline.put(dir, before != null && before.service().equals(refusal.service()) ? before : refusal);
                if (before == null || !before.service().equals(refusal.service())) {
                    board.error("tor refused service '" + name + "': " + reason + ". It stays offline until its settings"
                            + " change; the other services run.");
                }
            }
        });
        refusedByTor = Map.copyOf(offline);
    }

    /** tor bootstrapped: the services it was given publish now; the others could not be given (the error said why). */
    void bootstrapped(int publishTimeout) {
        Set<Path> given = dirs(appliedServices);
        given.addAll(balancedFrontends);
        statuses.bootstrapped(publishTimeout, given);
    }
}
