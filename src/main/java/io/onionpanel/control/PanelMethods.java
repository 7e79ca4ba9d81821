package io.onionpanel.control;

import io.onionpanel.actions.DefenseChanges;
import io.onionpanel.actions.PanelActions;
import io.onionpanel.common.ValidationException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * The control methods that change the engine's own data folder: services, clients, settings, backups, load
 * balancing, done by {@link PanelActions} (the same code as the CLI on its own folder). Parameters are checked by {@link MethodParams}
 * first; the actions' own validation (names, ports, keys, defences) then refuses with -32602 too, and changes
 * nothing. A change is applied at once, not at the engine's next look at settings.json.
 */
final class PanelMethods {
    /** A service's port mappings: far more than anyone maps, few enough to keep torrc readable. */
    static final int MAX_PORTS = 64;
    /**
     * A backup crosses the socket on one line (at most {@link ControlProtocol#MAX_LINE}) as base64: 40 KiB of
     * backup is 54.7 KiB of text. One service's encrypted backup measures 1.2 KiB (1.7 KiB with 10 clients: 2.6 KiB of answer).
     */
    static final int MAX_BACKUP_BYTES = 40 * 1024;
    private static final Set<String> DEFENSES = Set.of("maxStreams", "closeCircuit", "introDos", "introRate", "introBurst",
            "introPoints", "pow", "powRate", "powBurst");

    private final PanelActions forOwner;
    private final PanelActions forOthers;
    private final Runnable applyNow;

    /**
     * {@code forOwner} for the engine's own user (the data folder's socket), {@code forOthers} for the group's
     * members and paired desktops (no unix: targets, see LocalPanelActions#forOtherUsers).
     */
    PanelMethods(PanelActions forOwner, PanelActions forOthers, Runnable applyNow) {
        this.forOwner = forOwner;
        this.forOthers = forOthers;
        this.applyNow = applyNow;
    }

    static boolean handles(String method) {
        return method.startsWith("services.") || method.startsWith("clients.") || method.startsWith("settings.")
                || method.startsWith("backup.") || method.startsWith("balance.");
    }

    Object call(String method, JsonNode params, boolean owner) {
        Object result;
        try {
            result = dispatch(owner ? forOwner : forOthers, method, params);
        } catch (ValidationException e) {
            throw MethodParams.refused(e.getMessage());
        }
        if (MethodKind.OF.get(method) != MethodKind.READ && !method.equals("backup.export")) {
            applyNow.run();
        }
        return result;
    }

    private static Object dispatch(PanelActions actions, String method, JsonNode params) {
        switch (method) {
            case "services.list" -> {
                MethodParams.of(method, params, Set.of());
                return actions.services();
            }
            case "services.add" -> {
                MethodParams p = MethodParams.of(method, params, Set.of("name", "ports", "defenses"));
                return actions.addService(p.requiredText("name"), requiredPorts(p), defenses(p));
            }
            case "services.edit" -> {
                MethodParams p = MethodParams.of(method, params, Set.of("name", "ports", "enabled", "defenses"));
                return actions.editService(p.requiredText("name"), p.texts("ports", MAX_PORTS), p.bool("enabled"), defenses(p));
            }
            case "services.rename" -> {
                MethodParams p = MethodParams.of(method, params, Set.of("name", "newName"));
                actions.renameService(p.requiredText("name"), p.requiredText("newName"));
                return Map.of("renamed", true);
            }
            case "services.remove" -> {
                MethodParams p = MethodParams.of(method, params, Set.of("name"));
                return actions.removeService(p.requiredText("name"));
            }
            case "clients.list" -> {
                MethodParams p = MethodParams.of(method, params, Set.of("service"));
                return actions.clients(p.requiredText("service"));
            }
            case "clients.add" -> {
                MethodParams p = MethodParams.of(method, params, Set.of("service", "client", "publicKey", "note"));
                return actions.addClient(p.requiredText("service"), p.requiredText("client"), p.requiredText("publicKey"),
                        p.text("note"));
            }
            case "clients.remove" -> {
                MethodParams p = MethodParams.of(method, params, Set.of("service", "client"));
                return actions.removeClient(p.requiredText("service"), p.requiredText("client"));
            }
            case "settings.get" -> {
                MethodParams.of(method, params, Set.of());
                return actions.settings();
            }
            case "settings.put" -> {
                MethodParams p = MethodParams.of(method, params, Set.of("fixedSocksPort", "expectRevision"));
                return actions.putSettings(p.integer("fixedSocksPort", 0, 65535), p.text("expectRevision"));
            }
            case "backup.export" -> {
                MethodParams p = MethodParams.of(method, params, Set.of("service", "passphrase"));
                String service = p.requiredText("service");
                char[] passphrase = p.secret("passphrase");
                try {
                    return actions.exportBackup(service, passphrase);
                } finally {
                    Arrays.fill(passphrase, '\0');
                }
            }
            case "backup.restore" -> {
                MethodParams p = MethodParams.of(method, params, Set.of("backup", "passphrase", "name", "ports", "replace"));
                byte[] backup = p.bytes("backup", MAX_BACKUP_BYTES);
                char[] passphrase = p.has("passphrase") ? p.secret("passphrase") : null;
                try {
                    return actions.restoreBackup(backup, passphrase, p.text("name"), p.texts("ports", MAX_PORTS),
                            Boolean.TRUE.equals(p.bool("replace")));
                } finally {
                    Arrays.fill(backup, (byte) 0);
                    if (passphrase != null) {
                        Arrays.fill(passphrase, '\0');
                    }
                }
            }
            case "balance.status" -> {
                MethodParams.of(method, params, Set.of());
                return actions.balance();
            }
            case "balance.joinCode" -> {
                MethodParams p = MethodParams.of(method, params, Set.of("service"));
                return actions.balanceJoinCode(p.requiredText("service"));
            }
            case "balance.makeFrontend" -> {
                MethodParams p = MethodParams.of(method, params, Set.of("service", "ports"));
                return actions.makeFrontend(p.requiredText("service"), p.texts("ports", MAX_PORTS));
            }
            case "balance.addBackend" -> {
                MethodParams p = MethodParams.of(method, params, Set.of("service", "address"));
                return actions.addBackend(p.requiredText("service"), p.requiredText("address"));
            }
            case "balance.removeBackend" -> {
                MethodParams p = MethodParams.of(method, params, Set.of("service", "address"));
                return actions.removeBackend(p.requiredText("service"), p.requiredText("address"));
            }
            default -> throw new ControlException(ControlProtocol.METHOD_NOT_FOUND, "No method '" + method + "' in version "
                    + ControlProtocol.VERSION + " of the control API");
        }
    }

    private static java.util.List<String> requiredPorts(MethodParams p) {
        java.util.List<String> ports = p.texts("ports", MAX_PORTS);
        if (ports == null || ports.isEmpty()) {
            throw MethodParams.refused("'services.add' needs 'ports', e.g. [\"80=127.0.0.1:8000\"]");
        }
        return ports;
    }

    private static DefenseChanges defenses(MethodParams p) {
        MethodParams d = p.object("defenses", DEFENSES);
        return new DefenseChanges(d.text("maxStreams"), d.bool("closeCircuit"), d.bool("introDos"), d.text("introRate"),
                d.text("introBurst"), d.text("introPoints"), d.bool("pow"), d.text("powRate"), d.text("powBurst"));
    }
}
