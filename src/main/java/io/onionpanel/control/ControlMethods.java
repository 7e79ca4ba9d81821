package io.onionpanel.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.onionpanel.engine.Engine;
import io.onionpanel.monitor.Monitor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The control API's methods (version 1). Each is what the window already offers; none returns key material.
 * Parameters are refused when present: version 1 takes none.
 */
final class ControlMethods {
    private final Engine engine;
    private final Monitor monitor;
    private final Runnable stopRequested;

    ControlMethods(Engine engine, Monitor monitor, Runnable stopRequested) {
        this.engine = engine;
        this.monitor = monitor;
        this.stopRequested = stopRequested;
    }

    Object call(String method, JsonNode params) {
        if (!params.isMissingNode() && !params.isNull() && !(params.isObject() && params.isEmpty())) {
            throw new ControlException(ControlProtocol.INVALID_PARAMS, "'" + method + "' takes no parameters");
        }
        return switch (method) {
            case "hello" -> hello();
            case "status" -> status();
            case "health" -> monitor.health();
            case "log" -> monitor.recentLog(200);
            case "applySettings" -> {
                engine.applySettingsNow();
                yield Map.of("applied", true);
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
