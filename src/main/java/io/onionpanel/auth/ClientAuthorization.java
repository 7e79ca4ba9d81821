package io.onionpanel.auth;

import io.onionpanel.common.FilePermissions;
import io.onionpanel.common.ValidationException;
import io.onionpanel.onion.NewServiceKeys;
import io.onionpanel.onion.ServiceFolders;
import io.onionpanel.onion.ServiceValidation;
import io.onionpanel.settings.AuthorizedClient;
import io.onionpanel.settings.ClientAuth;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.settings.Settings;
import io.onionpanel.settings.SettingsStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * v3 client authorisation of the panel's services: add (generated key pair, or the client's own public key),
 * remove (= revoke), turn on/off, list, and the private keys the operator chose to keep.
 *
 * <p>The settings hold the client list; each change also writes or deletes the service's
 * {@code authorized_clients/<name>.auth} file inside the same settings lock, before the new settings are
 * visible, so a running engine that sees the change also sees the files. The engine then re-creates the
 * service in tor (new introduction points, fresh descriptor) and closes its rendezvous circuits.
 *
 * <p>Kept private keys live in {@code <data>/client-keys/<service>/<client>.auth_private} (0700 folders, 0600
 * files), never in the service's key folder, which is meant to be copied to servers. Every operation validates
 * first and changes nothing when the input is refused.
 */
public final class ClientAuthorization {
    public static final String KEYS_DIR = ServiceFolders.CLIENT_KEYS_DIR;

    private final SettingsStore store;
    private final ServiceFolders folders;
    private final Path keysRoot;

    public ClientAuthorization(Path dataDir) {
        this(new SettingsStore(dataDir), new ServiceFolders(dataDir), dataDir.resolve(KEYS_DIR));
    }

    public ClientAuthorization(SettingsStore store, ServiceFolders folders, Path keysRoot) {
        this.store = store;
        this.folders = folders;
        this.keysRoot = keysRoot;
    }

    /** A service's client authorisation as configured, its address (null before tor first ran it) and kept keys. */
    public record Listing(String service, String onion, ClientAuth auth, Set<String> keptKeys) {
        public boolean hasKeptKey(String client) {
            return keptKeys.contains(client);
        }
    }

    /**
     * The outcome of {@link #add}. {@code credential} is present when the panel generated the key pair: the one
     * moment the operator can hand the private key to the client.
     */
    public record AddResult(String service, String onion, AuthorizedClient client, boolean turnedOn, boolean authEnabled,
                            Optional<ClientCredential> credential, Optional<Path> keptAt) {
        @Override
        public String toString() {
            return "AddResult[service=" + service + ", client=" + client.name() + ", turnedOn=" + turnedOn
                    + ", generated=" + credential.isPresent() + "]";
        }
    }

    /** The outcome of {@link #remove}: {@code offline} when that was the last client and authorisation is still on. */
    public record RemoveResult(String service, String client, boolean authEnabled, int remaining, boolean forgotKey) {
        public boolean offline() {
            return authEnabled && remaining == 0;
        }
    }

    public Listing list(String service) {
        Settings settings = store.load();
        ServiceConfig s = requireService(settings, service);
        Set<String> kept = new TreeSet<>();
        for (AuthorizedClient c : s.clientAuth().clients()) {
            if (keptCredential(settings, s.name(), c.name()).isPresent()) {
                kept.add(c.name());
            }
        }
        return new Listing(s.name(), address(s.name()).orElse(null), s.clientAuth(), Set.copyOf(kept));
    }

    /**
     * Adds a client. Without {@code publicKey} a key pair is generated: that needs the service's address, because
     * the client's credential names it, so a service without keys yet gets them here. Adding the first client
     * turns client authorisation on.
     */
    public AddResult add(String service, String client, String publicKey, String note, boolean keepPrivateKey) {
        ServiceValidation.requireName(service);
        ClientValidation.requireName(client);
        String cleanNote = ClientValidation.requireNote(note);
        String givenKey = publicKey == null ? null : ClientKeys.requirePublicKey(publicKey);
        if (givenKey != null && keepPrivateKey) {
            throw new ValidationException("There is no private key to keep: with a public key the private key stays"
                    + " with the client");
        }
        ServiceConfig existing = requireService(store.load(), service);
        existing.clientAuth().client(client).ifPresent(c -> {
            throw new ValidationException("Service '" + existing.name() + "' already has a client named '" + c.name() + "'");
        });
        String known = address(existing.name()).orElse(null);
        // A generated credential names the address: a service without keys yet gets them now, as at its first run.
        String onion = givenKey == null && known == null ? makeKeys(existing.name()) : known;
        ClientKeyPair generated = givenKey == null ? ClientKeys.generate() : null;
        String key = givenKey != null ? givenKey : generated.publicKey();
        AuthorizedClient entry = new AuthorizedClient(client, key, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                cleanNote);
        boolean[] turnedOn = new boolean[1];
        boolean[] enabled = new boolean[1];
        boolean[] wroteFile = new boolean[1];
        String[] serviceName = {existing.name()};
        try {
            store.update(settings -> {
                ServiceConfig s = requireService(settings, service);
                ClientAuth auth = s.clientAuth();
                auth.client(client).ifPresent(c -> {
                    throw new ValidationException("Service '" + s.name() + "' already has a client named '" + c.name() + "'");
                });
                for (AuthorizedClient c : auth.clients()) {
                    if (c.publicKey().equals(key)) {
                        throw new ValidationException("This public key already belongs to client '" + c.name() + "' of '"
                                + s.name() + "'");
                    }
                }
                ClientAuth next = auth.withClient(entry);
                if (auth.clients().isEmpty() && !auth.enabled()) {
                    next = next.withEnabled(true);
                    turnedOn[0] = true;
                }
                enabled[0] = next.enabled();
                serviceName[0] = s.name();
                if (next.enabled()) {
                    writeAuthFile(s.name(), entry);
                    wroteFile[0] = true;
                }
                return replace(settings, s.withClientAuth(next));
            });
        } catch (RuntimeException e) {
            if (wroteFile[0]) {
                // The settings were not saved: take the key file back so the folder matches them.
                try {
                    new AuthorizedClientsFolder(folders.dir(serviceName[0])).delete(client);
                } catch (IOException ignored) {
                    // A leftover file can only restrict access further, never open it.
                }
            }
            throw e;
        }
        Optional<ClientCredential> credential = Optional.ofNullable(generated)
                .map(g -> new ClientCredential(client, onion, g.privateKey()));
        Optional<Path> kept = Optional.empty();
        if (keepPrivateKey) {
            kept = Optional.of(keep(serviceName[0], credential.orElseThrow()));
        }
        return new AddResult(serviceName[0], onion, entry, turnedOn[0], enabled[0], credential, kept);
    }

    /** Removes (revokes) a client: its .auth file goes at once, and so does a private key the panel kept. */
    public RemoveResult remove(String service, String client) {
        ServiceValidation.requireName(service);
        ClientValidation.requireName(client);
        RemoveResult[] result = new RemoveResult[1];
        store.update(settings -> {
            ServiceConfig s = requireService(settings, service);
            AuthorizedClient c = s.clientAuth().client(client).orElseThrow(() -> new ValidationException(
                    "Service '" + s.name() + "' has no client named '" + client + "'"));
            ClientAuth next = s.clientAuth().withoutClient(c.name());
            try {
                new AuthorizedClientsFolder(folders.dir(s.name())).delete(c.name());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot delete the key file of client '" + c.name() + "'; nothing was"
                        + " changed: " + e.getMessage(), e);
            }
            result[0] = new RemoveResult(s.name(), c.name(), next.enabled(), next.clients().size(), false);
            return replace(settings, s.withClientAuth(next));
        });
        RemoveResult r = result[0];
        boolean forgot = forget(r.service(), r.client());
        return new RemoveResult(r.service(), r.client(), r.authEnabled(), r.remaining(), forgot);
    }

    /**
     * Turns client authorisation on or off; the clients' .auth files are written or deleted to match. On with no
     * clients is allowed, but the engine keeps such a service offline.
     */
    public ClientAuth setEnabled(String service, boolean on) {
        ServiceValidation.requireName(service);
        ClientAuth[] result = new ClientAuth[1];
        store.update(settings -> {
            ServiceConfig s = requireService(settings, service);
            ClientAuth next = s.clientAuth().withEnabled(on);
            try {
                new AuthorizedClientsFolder(folders.prepare(s.name())).apply(next);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot update the authorized_clients folder of '" + s.name() + "': "
                        + e.getMessage(), e);
            }
            result[0] = next;
            return replace(settings, s.withClientAuth(next));
        });
        return result[0];
    }

    /** Keeps a generated private key in the panel (for exporting it again later); returns the file. */
    public Path keep(String service, ClientCredential credential) {
        Path file = keptFile(service, credential.client());
        try {
            FilePermissions.createPrivateDirectories(keysRoot);
            FilePermissions.createPrivateDirectories(file.getParent());
            credential.writeFile(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the private key of client '" + credential.client() + "' in "
                    + file.getParent() + ": " + e.getMessage(), e);
        }
        return file;
    }

    /** Deletes a kept private key; true if there was one. */
    public boolean forget(String service, String client) {
        Path file = keptFile(service, client);
        try {
            boolean deleted = Files.deleteIfExists(file);
            if (Files.isDirectory(file.getParent())) {
                try (var rest = Files.list(file.getParent())) {
                    if (rest.findAny().isEmpty()) {
                        Files.delete(file.getParent());
                    }
                }
            }
            return deleted;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the kept private key " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * A private key the panel kept for this client, if it is still valid for the service: it must be for the
     * service's current address and match the client's public key in the settings.
     */
    public Optional<ClientCredential> keptCredential(String service, String client) {
        return keptCredential(store.load(), service, client);
    }

    private Optional<ClientCredential> keptCredential(Settings settings, String service, String client) {
        Path file = keptFile(service, client);
        String line;
        try {
            line = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the kept private key " + file + ": " + e.getMessage(), e);
        }
        ClientCredential credential;
        try {
            credential = ClientCredential.parse(client, line);
        } catch (ValidationException e) {
            return Optional.empty();
        }
        Optional<String> expected = settings.service(service)
                .flatMap(s -> s.clientAuth().client(client)).map(AuthorizedClient::publicKey);
        boolean sameAddress = address(service).map(a -> a.equals(credential.onionAddress())).orElse(false);
        if (expected.isEmpty() || !sameAddress || !expected.get().equals(credential.publicKey())) {
            return Optional.empty();
        }
        return Optional.of(credential);
    }

    public Path keptFile(String service, String client) {
        return keysRoot.resolve(ServiceValidation.requireName(service))
                .resolve(ClientValidation.requireName(client) + ".auth_private");
    }

    private void writeAuthFile(String service, AuthorizedClient client) {
        try {
            new AuthorizedClientsFolder(folders.prepare(service)).write(client);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the key file of client '" + client.name() + "'; nothing was"
                    + " changed: " + e.getMessage(), e);
        }
    }

    private String makeKeys(String service) {
        try {
            NewServiceKeys.createIfMissing(folders.prepare(service));
        } catch (IOException | RuntimeException e) {
            throw new ValidationException("Service '" + service + "' has no onion address yet, and a client's credential"
                    + " names it; its keys could not be made (" + e.getMessage() + "). Add the client with its own public"
                    + " key, which needs no address");
        }
        return address(service).orElseThrow(() -> new ValidationException("Service '" + service + "' has no onion"
                + " address: its folder holds a secret key but no hostname; start the service once so tor writes it"));
    }

    private Optional<String> address(String service) {
        return folders.address(service);
    }

    private static ServiceConfig requireService(Settings settings, String name) {
        return settings.service(name).orElseThrow(() -> new ValidationException("There is no service named '" + name + "'"));
    }

    private static Settings replace(Settings settings, ServiceConfig replacement) {
        List<ServiceConfig> next = new ArrayList<>(settings.services());
        next.replaceAll(s -> s.name().equals(replacement.name()) ? replacement : s);
        return settings.withServices(next);
    }
}
