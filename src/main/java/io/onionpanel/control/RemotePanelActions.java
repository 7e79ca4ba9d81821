package io.onionpanel.control;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.onionpanel.actions.DefenseChanges;
import io.onionpanel.actions.PanelActions;
import io.onionpanel.common.ValidationException;
import io.onionpanel.onion.ServiceInfo;
import io.onionpanel.settings.ServiceConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link PanelActions} done by another engine on its own data folder, through its control connection: the system
 * service's group socket, any {@code --engine-socket}, or a paired server's onion. Only data crosses: files named
 * on this side (a key to read, a backup to write) stay here. The engine's refusals of bad input come back as
 * {@link ValidationException} with its message, as they would locally; anything else as an {@link UncheckedIOException}.
 */
public final class RemotePanelActions implements PanelActions {
    /** A backup is encrypted with scrypt on the engine's machine: seconds, on a small server more. */
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    /** The connection each call goes through: one that reconnects (the window's remote panels) gives its current one. */
    private final java.util.function.Supplier<ControlConnection> connection;

    public RemotePanelActions(ControlConnection connection) {
        this(() -> connection);
    }

    /** Through whatever connection {@code connection} gives at each call (it throws an UncheckedIOException when none). */
    public RemotePanelActions(java.util.function.Supplier<ControlConnection> connection) {
        this.connection = connection;
    }

    @Override
    public List<ServiceInfo> services() {
        return read(call("services.list", Map.of()), new TypeReference<>() { });
    }

    @Override
    public AddedService addService(String name, List<String> ports, DefenseChanges defenses) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", name);
        p.put("ports", ports);
        p.put("defenses", defenses(defenses));
        return read(call("services.add", p), new TypeReference<>() { });
    }

    @Override
    public ServiceConfig editService(String name, List<String> ports, Boolean enabled, DefenseChanges defenses) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", name);
        if (ports != null) {
            p.put("ports", ports);
        }
        if (enabled != null) {
            p.put("enabled", enabled);
        }
        p.put("defenses", defenses(defenses));
        return read(call("services.edit", p), new TypeReference<>() { });
    }

    @Override
    public void renameService(String from, String to) {
        call("services.rename", Map.of("name", from, "newName", to));
    }

    @Override
    public RemovedService removeService(String name) {
        return read(call("services.remove", Map.of("name", name)), new TypeReference<>() { });
    }

    @Override
    public ClientList clients(String service) {
        return read(call("clients.list", Map.of("service", service)), new TypeReference<>() { });
    }

    @Override
    public AddedClient addClient(String service, String client, String publicKey, String note) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("service", service);
        p.put("client", client);
        p.put("publicKey", publicKey);
        if (note != null) {
            p.put("note", note);
        }
        return read(call("clients.add", p), new TypeReference<>() { });
    }

    @Override
    public RemovedClient removeClient(String service, String client) {
        return read(call("clients.remove", Map.of("service", service, "client", client)), new TypeReference<>() { });
    }

    @Override
    public io.onionpanel.balance.BalanceOverview balance() {
        return read(call("balance.status", Map.of()), new TypeReference<>() { });
    }

    @Override
    public BalanceJoinCode balanceJoinCode(String frontend) {
        return read(call("balance.joinCode", Map.of("service", frontend)), new TypeReference<>() { });
    }

    @Override
    public MadeFrontend makeFrontend(String name, List<String> ports) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("service", name);
        if (ports != null && !ports.isEmpty()) {
            p.put("ports", ports);
        }
        return read(call("balance.makeFrontend", p), new TypeReference<>() { });
    }

    @Override
    public BalanceChange addBackend(String frontend, String address) {
        return read(call("balance.addBackend", Map.of("service", frontend, "address", address)), new TypeReference<>() { });
    }

    @Override
    public BalanceChange removeBackend(String frontend, String address) {
        return read(call("balance.removeBackend", Map.of("service", frontend, "address", address)), new TypeReference<>() { });
    }

    @Override
    public PanelSettings settings() {
        return read(call("settings.get", Map.of()), new TypeReference<>() { });
    }

    @Override
    public PanelSettings putSettings(int fixedSocksPort, String expectRevision) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("fixedSocksPort", fixedSocksPort);
        if (expectRevision != null) {
            p.put("expectRevision", expectRevision);
        }
        return read(call("settings.put", p), new TypeReference<>() { });
    }

    @Override
    public ExportedBackup exportBackup(String service, char[] passphrase) {
        // A String is the only way into JSON; it lives as long as this request.
        return read(call("backup.export", Map.of("service", service, "passphrase", new String(passphrase))),
                new TypeReference<>() { });
    }

    @Override
    public RestoredBackup restoreBackup(byte[] backup, char[] passphrase, String name, List<String> ports, boolean replace) {
        if (backup.length > PanelMethods.MAX_BACKUP_BYTES) {
            throw new ValidationException("The backup is larger than " + (PanelMethods.MAX_BACKUP_BYTES >> 10) + " KiB:"
                    + " too large to send through the engine's socket (a key backup is a few KiB)");
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("backup", Base64.getEncoder().encodeToString(backup));
        if (passphrase != null) {
            p.put("passphrase", new String(passphrase));
        }
        if (name != null) {
            p.put("name", name);
        }
        if (ports != null && !ports.isEmpty()) {
            p.put("ports", ports);
        }
        p.put("replace", replace);
        return read(call("backup.restore", p), new TypeReference<>() { });
    }

    /** Only the options given: the engine leaves the others as they are. */
    private static Map<String, Object> defenses(DefenseChanges d) {
        Map<String, Object> m = ControlProtocol.JSON.convertValue(d, new TypeReference<>() { });
        m.values().removeIf(java.util.Objects::isNull);
        return m;
    }

    private JsonNode call(String method, Map<String, Object> params) {
        try {
            return connection.get().call(method, params, TIMEOUT);
        } catch (ControlException e) {
            if (e.code() == ControlProtocol.INVALID_PARAMS || e.code() == RemoteGate.NOT_ALLOWED) {
                throw new ValidationException(e.getMessage());
            }
            throw new UncheckedIOException(new IOException(e.getMessage(), e));
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    private static <T> T read(JsonNode result, TypeReference<T> type) {
        try {
            return ControlProtocol.JSON.treeToValue(result, type);
        } catch (IOException e) {
            throw new UncheckedIOException("The engine's answer was not understood: " + e.getMessage(), e);
        }
    }
}
