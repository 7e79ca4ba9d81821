package io.onionpanel.actions;

import io.onionpanel.auth.ClientAuthorization;
import io.onionpanel.backup.BackupFile;
import io.onionpanel.backup.Backups;
import io.onionpanel.backup.ServiceKeys;
import io.onionpanel.balance.BalanceOverview;
import io.onionpanel.balance.BalanceRules;
import io.onionpanel.balance.BalancedServices;
import io.onionpanel.balance.JoinCode;
import io.onionpanel.common.ValidationException;
import io.onionpanel.defense.NewServiceDefenses;
import io.onionpanel.defense.PowSupport;
import io.onionpanel.onion.OnionServices;
import io.onionpanel.onion.ServiceInfo;
import io.onionpanel.onion.ServiceValidation;
import io.onionpanel.settings.DosDefenses;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.settings.Settings;
import io.onionpanel.settings.SettingsStore;
import io.onionpanel.tor.FixedSocksPort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The actions done on one data folder's files: what the CLI does on its own folder, and what an engine does on its
 * folder when a control client asks. A running engine applies the change at its next look at settings.json (the
 * caller tells it at once: the CLI through applySettings, the engine itself directly).
 */
public final class LocalPanelActions implements PanelActions {
    private final Path dataDir;
    private final boolean unixTargets;

    /** The actions of the folder's own user (its CLI, its data folder's socket): every kind of target. */
    public LocalPanelActions(Path dataDir) {
        this(dataDir, true);
    }

    private LocalPanelActions(Path dataDir, boolean unixTargets) {
        this.dataDir = dataDir;
        this.unixTargets = unixTargets;
    }

    /**
     * The actions asked by someone who is not the folder's user (a member of the system service's group, a paired
     * desktop): targets are host:port only. tor connects to a unix: target as the engine's user, so such a caller
     * could otherwise publish a socket only that user may open (the data folder's own control socket, which takes
     * every method) and reach it through the onion; a path checked now could also become a link to one later.
     */
    public static LocalPanelActions forOtherUsers(Path dataDir) {
        return new LocalPanelActions(dataDir, false);
    }

    private List<PortMapping> allowed(List<PortMapping> ports) {
        if (!unixTargets && ports.stream().flatMap(p -> p.targets().stream()).anyMatch(t -> t.startsWith("unix:"))) {
            throw new ValidationException("A unix: target is taken only from the engine's own user (its console or"
                    + " its data folder's socket); through the group socket or remote access give host:port");
        }
        return ports;
    }

    private SettingsStore store() {
        return new SettingsStore(dataDir);
    }

    private OnionServices onionServices() {
        return new OnionServices(dataDir);
    }

    public ClientAuthorization clientAuthorization() {
        return new ClientAuthorization(dataDir);
    }

    @Override
    public List<ServiceInfo> services() {
        return onionServices().list();
    }

    @Override
    public AddedService addService(String name, List<String> ports, DefenseChanges defenses) {
        List<PortMapping> parsed = allowed(parsePorts(ports));
        // Turning pow off needs no tor: otherwise ask the tor the settings would use (for the default and the check).
        PowSupport support = Boolean.FALSE.equals(defenses.pow()) ? null
                : PowSupport.forSettings(dataDir, store().load().tor());
        DosDefenses d = defenses.applyTo(support == null ? DosDefenses.NONE : NewServiceDefenses.of(support));
        if (d.pow()) {
            support.require(d);
        }
        OnionServices services = onionServices();
        ServiceConfig s = services.add(name, parsed, d);
        String powUnavailable = d.pow() || support == null || support.available() ? null : support.reason();
        return new AddedService(s, services.folders().address(s.name()).orElse(null), powUnavailable);
    }

    @Override
    public ServiceConfig editService(String name, List<String> ports, Boolean enabled, DefenseChanges defenses) {
        Optional<List<PortMapping>> newPorts = ports == null ? Optional.empty() : Optional.of(allowed(parsePorts(ports)));
        if (newPorts.isEmpty() && enabled == null && !defenses.any()) {
            throw new ValidationException("Nothing to change: give --port, --enable, --disable or a defence option");
        }
        ServiceValidation.requireName(name);
        ServiceConfig current = store().load().service(name)
                .orElseThrow(() -> new ValidationException("There is no service named '" + name + "'"));
        DosDefenses d = defenses.applyTo(current.defenses());
        if (defenses.turnsPowOn(current.defenses())) {
            // Onionbalance's descriptors carry no PoW: a frontend or backend is refused before any change.
            BalanceRules.requireSupported(current.withDefenses(d));
            PowSupport.forSettings(dataDir, store().load().tor()).require(d);
        }
        OnionServices services = onionServices();
        ServiceConfig s = newPorts.isEmpty() && enabled == null ? current
                : services.edit(name, newPorts, Optional.ofNullable(enabled));
        if (!d.equals(s.defenses())) {
            s = services.setDefenses(s.name(), d);
        }
        return s;
    }

    @Override
    public void renameService(String from, String to) {
        onionServices().rename(from, to);
    }

    @Override
    public RemovedService removeService(String name) {
        return new RemovedService(name, onionServices().remove(name).map(Path::toString).orElse(null));
    }

    @Override
    public ClientList clients(String service) {
        ClientAuthorization.Listing l = clientAuthorization().list(service);
        return new ClientList(l.service(), l.onion(), l.auth(), l.keptKeys().stream().sorted().toList());
    }

    @Override
    public AddedClient addClient(String service, String client, String publicKey, String note) {
        if (publicKey == null) {
            throw new ValidationException("A client is added by its public key here; its private key stays with it");
        }
        return added(clientAuthorization().add(service, client, publicKey, note, false));
    }

    /** The result without its credential (which stays with whoever generated the pair). */
    public static AddedClient added(ClientAuthorization.AddResult r) {
        return new AddedClient(r.service(), r.onion(), r.client(), r.turnedOn(), r.authEnabled());
    }

    @Override
    public RemovedClient removeClient(String service, String client) {
        ClientAuthorization.RemoveResult r = clientAuthorization().remove(service, client);
        return new RemovedClient(r.service(), r.client(), r.authEnabled(), r.remaining(), r.forgotKey());
    }

    @Override
    public BalanceOverview balance() {
        return BalanceOverview.read(dataDir);
    }

    @Override
    public BalanceJoinCode balanceJoinCode(String frontend) {
        ServiceValidation.requireName(frontend);
        BalancedServices balanced = new BalancedServices(dataDir);
        JoinCode code = balanced.joinCode(frontend);
        ServiceConfig s = store().load().service(frontend).orElseThrow();
        return new BalanceJoinCode(s.name(), code.frontend(), code.text(),
                s.ports().isEmpty() ? 0 : s.ports().get(0).virtualPort());
    }

    @Override
    public MadeFrontend makeFrontend(String name, List<String> ports) {
        ServiceValidation.requireName(name);
        List<PortMapping> parsed = ports == null || ports.isEmpty() ? null : allowed(parsePorts(ports));
        boolean existed = store().load().service(name).isPresent();
        BalancedServices balanced = new BalancedServices(dataDir);
        ServiceConfig s = balanced.makeFrontend(name, existed ? null : parsed);
        return new MadeFrontend(s, balanced.address(s.name()).orElse(null), !existed);
    }

    @Override
    public BalanceChange addBackend(String frontend, String address) {
        ServiceValidation.requireName(frontend);
        ServiceConfig s = new BalancedServices(dataDir).addBackend(frontend, address);
        return new BalanceChange(s.name(), BalanceRules.requireAddress("Backend address", address), s.balance().backends());
    }

    @Override
    public BalanceChange removeBackend(String frontend, String address) {
        ServiceValidation.requireName(frontend);
        ServiceConfig s = new BalancedServices(dataDir).removeBackend(frontend, address);
        return new BalanceChange(s.name(), BalanceRules.requireAddress("Backend address", address), s.balance().backends());
    }

    @Override
    public PanelSettings settings() {
        SettingsStore store = store();
        Settings s = store.load();
        return panelSettings(store, s);
    }

    @Override
    public PanelSettings putSettings(int fixedSocksPort, String expectRevision) {
        if (fixedSocksPort != 0) {
            FixedSocksPort.parse(Integer.toString(fixedSocksPort)); // the range check, with its message
        }
        SettingsStore store = store();
        int current = store.load().tor().fixedSocksPort();
        int port = FixedSocksPort.requireFree(fixedSocksPort, current);
        Settings saved = store.update(s -> {
            if (expectRevision != null && !expectRevision.equals(revision(store, s))) {
                throw new ValidationException("The settings changed since they were read: read them again and retry");
            }
            return s.withTor(s.tor().withFixedSocksPort(port));
        });
        return panelSettings(store, saved);
    }

    private PanelSettings panelSettings(SettingsStore store, Settings s) {
        return new PanelSettings(revision(store, s), s.tor().fixedSocksPort(), s.tor().connection().describe(),
                PowSupport.forSettings(dataDir, s.tor()));
    }

    /** A short digest of the settings as saved: equal revisions, equal settings. */
    static String revision(SettingsStore store, Settings settings) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(store.serialize(settings));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public ExportedBackup exportBackup(String service, char[] passphrase) {
        if (passphrase == null) {
            throw new ValidationException("A backup that leaves the engine is encrypted: give a passphrase");
        }
        Backups backups = new Backups(dataDir);
        try {
            Backups.Exported made = backups.exportBytes(service, passphrase);
            List<String> warnings = new java.util.ArrayList<>(made.warnings());
            backups.recordTime(made, warnings);
            return new ExportedBackup(made.service(), made.address(), made.bytes(), made.kdf().toString(), made.authorizedClients(),
                    List.copyOf(warnings));
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    @Override
    public RestoredBackup restoreBackup(byte[] backup, char[] passphrase, String name, List<String> ports, boolean replace) {
        List<PortMapping> mappings = ports == null ? List.of() : allowed(parsePorts(ports));
        try (ServiceKeys keys = BackupFile.of(backup, "the backup").read(passphrase)) {
            if (mappings.isEmpty()) {
                keys.settings().ifPresent(s -> allowed(s.ports())); // the backup's own mappings would be used
            }
            Backups.ImportResult r = new Backups(dataDir).importKeys(keys, new Backups.ImportOptions(name, mappings, replace));
            return new RestoredBackup(r.service(), r.address(), r.previousKeys().map(Path::toString).orElse(null), r.notes());
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** Port mappings in the CLI's form, validated and merged (the same VIRT twice = load balancing). */
    public static List<PortMapping> parsePorts(List<String> specs) {
        return ServiceValidation.mergeMappings(specs.stream().map(ServiceValidation::parseMapping).toList());
    }
}
