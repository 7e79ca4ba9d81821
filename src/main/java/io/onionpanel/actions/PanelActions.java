package io.onionpanel.actions;

import io.onionpanel.onion.ServiceInfo;
import io.onionpanel.settings.AuthorizedClient;
import io.onionpanel.settings.ClientAuth;
import io.onionpanel.settings.ServiceConfig;
import java.util.List;

/**
 * What an operator does to a panel's services, clients, settings and backups, whichever engine holds them: this
 * data folder's ({@link LocalPanelActions}) or another one's through its control socket (the control package's
 * RemotePanelActions: the system service's group socket, a paired server). Bad input is refused with a
 * {@link io.onionpanel.common.ValidationException} (or a BackupException) and changes nothing. No result carries a
 * private key; a backup's keys leave only encrypted.
 */
public interface PanelActions {
    List<ServiceInfo> services();

    /** {@code ports} in the CLI's form ({@code 80=127.0.0.1:8000}); the defences over those a new service gets. */
    AddedService addService(String name, List<String> ports, DefenseChanges defenses);

    /** {@code ports} null to keep them, {@code enabled} null to keep it; at least one change. */
    ServiceConfig editService(String name, List<String> ports, Boolean enabled, DefenseChanges defenses);

    void renameService(String from, String to);

    RemovedService removeService(String name);

    ClientList clients(String service);

    /** Authorises a client by its x25519 public key (the private key stays with whoever made it). */
    AddedClient addClient(String service, String client, String publicKey, String note);

    RemovedClient removeClient(String service, String client);

    /**
     * Authorises a client with a key pair made here: only its public key goes to the engine, and the credential (with
     * the private key) is returned to the caller alone, so nothing of it is kept where the service runs.
     */
    default GeneratedClient addGeneratedClient(String service, String client, String note) {
        if (clients(service).onion() == null) {
            throw new io.onionpanel.common.ValidationException("Service '" + service + "' has no onion address yet, and a"
                    + " client's credential names it: start the service once, or add the client with its own public key");
        }
        io.onionpanel.auth.ClientKeyPair pair = io.onionpanel.auth.ClientKeys.generate();
        AddedClient added = addClient(service, client, pair.publicKey(), note);
        return new GeneratedClient(added, new io.onionpanel.auth.ClientCredential(added.client().name(), added.onion(),
                pair.privateKey()));
    }

    PanelSettings settings();

    /** Changes the settings; refused when {@code expectRevision} is given and the settings changed since. */
    PanelSettings putSettings(int fixedSocksPort, String expectRevision);

    /** An encrypted backup of one service (the passphrase is used, not kept; the caller wipes it). */
    ExportedBackup exportBackup(String service, char[] passphrase);

    /** Restores a backup's bytes (the panel's encrypted format, or a tar.gz / tar / zip of a tor folder). */
    RestoredBackup restoreBackup(byte[] backup, char[] passphrase, String name, List<String> ports, boolean replace);

    /** The frontend with its backends (as the running panel last saw them) and this panel's backend instances. */
    io.onionpanel.balance.BalanceOverview balance();

    /** The code a backend machine joins {@code frontend} with: its public address only, nothing secret. */
    BalanceJoinCode balanceJoinCode(String frontend);

    /**
     * Makes {@code name} the load-balanced frontend: an existing service keeps its address (tor stops publishing it
     * itself; Onionbalance publishes it once it has a backend); a new name needs {@code ports} (the CLI's form) and
     * gets new keys. One frontend per panel.
     */
    MadeFrontend makeFrontend(String name, List<String> ports);

    /** Adds a backend's instance address (a v3 onion address, as 'backend join' shows it) to the frontend. */
    BalanceChange addBackend(String frontend, String address);

    BalanceChange removeBackend(String frontend, String address);

    /**
     * @param code        what the backend machine pastes into {@code backend join}
     * @param virtualPort the frontend's port, which the backend serves (0 when it has none)
     */
    record BalanceJoinCode(String service, String frontend, String code, int virtualPort) {
    }

    /**
     * @param address the frontend's address (null while an existing service has no keys yet)
     * @param created a new service was made for it
     */
    record MadeFrontend(ServiceConfig service, String address, boolean created) {
    }

    /** @param backends the frontend's backends after the change, in order */
    record BalanceChange(String service, String backend, List<String> backends) {
    }

    /** @param powUnavailable why proof-of-work is off by default (the tor has no pow module); null otherwise */
    record AddedService(ServiceConfig service, String address, String powUnavailable) {
    }

    /** @param keptIn where the keys were moved on the engine's machine; null when it had none */
    record RemovedService(String name, String keptIn) {
    }

    record ClientList(String service, String onion, ClientAuth auth, List<String> keptKeys) {
    }

    record AddedClient(String service, String onion, AuthorizedClient client, boolean turnedOn, boolean authEnabled) {
    }

    /** {@code credential} holds the private key: the caller hands it to the client once and keeps it nowhere else. */
    record GeneratedClient(AddedClient added, io.onionpanel.auth.ClientCredential credential) {
        @Override
        public String toString() {
            return "GeneratedClient[" + added + "]";
        }
    }

    record RemovedClient(String service, String client, boolean authEnabled, int remaining, boolean forgotKey) {
        public boolean offline() {
            return authEnabled && remaining == 0;
        }
    }

    /**
     * @param revision   changes whenever settings.json does: give it back as expectRevision to refuse lost updates
     * @param connection how the panel's tor reaches the network, in words that hold no secret ("direct", "built-in
     *                   obfs4 bridges", "2 custom bridge(s) through a SOCKS5 proxy at host:port"); null from an engine
     *                   that does not say
     * @param pow        whether the tor these settings launch can run proof-of-work (its {@code --list-modules}), and
     *                   if not why; null from an engine that does not say
     */
    record PanelSettings(String revision, int fixedSocksPort, String connection, io.onionpanel.defense.PowSupport pow) {
    }

    /** @param kdf how the passphrase was stretched, in words (e.g. "scrypt N=2^17, r=8, p=1") */
    record ExportedBackup(String service, String address, byte[] backup, String kdf, List<String> authorizedClients,
                          List<String> warnings) {
        @Override
        public String toString() {
            return "ExportedBackup[" + service + ", " + address + ", " + backup.length + " bytes]";
        }

        /** Writes the backup on this machine (0600, atomically; a folder or an existing file refused), then wipes it. */
        public java.nio.file.Path saveTo(java.nio.file.Path file) throws java.io.IOException {
            java.nio.file.Path target = file.toAbsolutePath().normalize();
            try {
                io.onionpanel.backup.Backups.checkTarget(file);
                io.onionpanel.common.AtomicFiles.writePrivate(target, backup);
            } finally {
                java.util.Arrays.fill(backup, (byte) 0);
            }
            return target;
        }
    }

    /** @param previousKeys where a replaced service's keys were moved on the engine's machine; null when none */
    record RestoredBackup(ServiceConfig service, String address, String previousKeys, List<String> notes) {
    }
}
