package io.onionpanel.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.onionpanel.engine.Engine;
import io.onionpanel.engine.EngineException;
import io.onionpanel.monitor.Monitor;
import io.onionpanel.monitor.TimeRange;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The control API's methods (version 1). Each is what the window or the CLI already offers. Services, clients,
 * settings and backups are {@link PanelMethods}'; of the others only {@code series} and {@code remoteAccess} take
 * parameters. Who may call which is said by {@link MethodKind}.
 */
final class ControlMethods {
    /** Enough for a chart 4000 pixels wide; more would only cost the engine memory. */
    static final int MAX_POINTS = 4000;
    private static final Set<String> SERIES_PARAMS = Set.of("key", "range", "maxPoints");

    private final Engine engine;
    private final Monitor monitor;
    private final Runnable stopRequested;
    private final Runnable remoteChanged;
    /** Services, clients, settings and backups of the engine's data folder. */
    private final PanelMethods panel;

    ControlMethods(Engine engine, Monitor monitor, Runnable stopRequested) {
        this(engine, monitor, stopRequested, () -> { });
    }

    ControlMethods(Engine engine, Monitor monitor, Runnable stopRequested, Runnable remoteChanged) {
        this.panel = new PanelMethods(new io.onionpanel.actions.LocalPanelActions(engine.dataDir()),
                io.onionpanel.actions.LocalPanelActions.forOtherUsers(engine.dataDir()), engine::applySettingsNow);
        this.engine = engine;
        this.monitor = monitor;
        this.stopRequested = stopRequested;
        this.remoteChanged = remoteChanged;
    }

    /** {@code owner}: the caller is the engine's own user (the data folder's socket), not a group member or a desktop. */
    Object call(String method, JsonNode params, boolean owner) {
        if (PanelMethods.handles(method)) {
            return panel.call(method, params, owner);
        }
        if (method.equals("series")) {
            return series(params);
        }
        if (method.equals("remoteAccess")) {
            // Local only (not in RemoteMethods): the desktop's CLI or window hands its own engine's tor a remote's key.
            return RemoteClientAuth.add(engine, params);
        }
        if (!params.isMissingNode() && !params.isNull() && !(params.isObject() && params.isEmpty())) {
            throw new ControlException(ControlProtocol.INVALID_PARAMS, "'" + method + "' takes no parameters");
        }
        return switch (method) {
            case "hello" -> hello();
            case "status" -> status();
            case "health" -> monitor.health();
            case "log" -> monitor.recentLog(200);
            case "circuits" -> monitor.circuits();
            case "socks" -> Map.of("socks", engine.socksAddress().map(a -> a.getHostString() + ":" + a.getPort()).orElse(""));
            case "newCircuits" -> Map.of("answer", newCircuits());
            case "remoteChanged" -> {
                // Local only: the server's CLI changed remote.json (pair, revoke, enable, disable).
                remoteChanged.run();
                yield Map.of("reloaded", true);
            }
            case "applySettings" -> {
                engine.applySettingsNow();
                yield Map.of("applied", true);
            }
            case "startTor" -> {
                startTor();
                yield Map.of("started", true);
            }
            case "stopTor" -> {
                engine.stop();
                yield Map.of("stopped", true);
            }
            case "restartTor" -> {
                engine.restartTor();
                yield Map.of("restarting", true);
            }
            // Stopping closes this very connection: the answer goes out first (see ControlSession).
            case "stop" -> new AfterAnswer(Map.of("stopping", true), stopRequested);
            default -> throw new ControlException(ControlProtocol.METHOD_NOT_FOUND, "No method '" + method + "' in version "
                    + ControlProtocol.VERSION + " of the control API");
        };
    }

    /** A result whose action runs once the answer has been written to the client. */
    record AfterAnswer(Object result, Runnable then) {
    }

    private void startTor() {
        try {
            engine.startOrRecover();
        } catch (EngineException e) {
            // The reason is also in the tor status event every subscriber gets.
            throw new ControlException(ControlProtocol.INTERNAL_ERROR, e.getMessage());
        }
    }

    private String newCircuits() {
        try {
            return monitor.requestNewCircuits().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ControlException(ControlProtocol.INTERNAL_ERROR, "Interrupted");
        } catch (Exception e) {
            throw new ControlException(ControlProtocol.INTERNAL_ERROR, "tor did not answer: " + e.getMessage());
        }
    }

    private Object series(JsonNode params) {
        if (!params.isObject()) {
            throw new ControlException(ControlProtocol.INVALID_PARAMS, "'series' takes {key, range, maxPoints}");
        }
        params.fieldNames().forEachRemaining(name -> {
            if (!SERIES_PARAMS.contains(name)) {
                throw new ControlException(ControlProtocol.INVALID_PARAMS, "'series' has no parameter '" + name + "'");
            }
        });
        JsonNode key = params.path("key");
        if (!key.isTextual() || key.asText().isEmpty() || key.asText().length() > 200) {
            throw new ControlException(ControlProtocol.INVALID_PARAMS, "'key' must be a series name");
        }
        TimeRange range;
        try {
            range = TimeRange.valueOf(params.path("range").asText());
        } catch (IllegalArgumentException e) {
            throw new ControlException(ControlProtocol.INVALID_PARAMS, "'range' must be one of "
                    + java.util.Arrays.toString(TimeRange.values()));
        }
        JsonNode max = params.path("maxPoints");
        if (!max.isIntegralNumber() || max.asInt() < 1 || max.asInt() > MAX_POINTS) {
            throw new ControlException(ControlProtocol.INVALID_PARAMS, "'maxPoints' must be 1 to " + MAX_POINTS);
        }
        return monitor.series(key.asText(), range, max.asInt());
    }

    Map<String, Object> hello() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("protocol", ControlProtocol.NAME);
        m.put("version", ControlProtocol.VERSION);
        m.put("pid", ProcessHandle.current().pid());
        m.put("dataDir", engine.dataDir().toString());
        return m;
    }

    Map<String, Object> status() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tor", engine.torStatus());
        m.put("services", engine.services());
        return m;
    }
}
