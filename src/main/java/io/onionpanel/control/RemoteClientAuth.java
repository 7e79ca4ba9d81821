package io.onionpanel.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.onionpanel.engine.Engine;
import io.onionpanel.tor.TorControl;
import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.bouncycastle.util.encoders.Base32;

/**
 * The desktop side's {@code remoteAccess} method: gives the local engine's tor a remote panel's client key
 * ({@code ONION_CLIENT_AUTH_ADD}, held in tor's memory only) and answers with the SOCKS address to connect through.
 * Asked before each connection: tor forgets such keys at any SETCONF or HUP, which the engine does at service
 * changes, and a key added again is simply replaced. Local socket only (see {@link RemoteMethods}).
 */
final class RemoteClientAuth {
    private static final Set<String> PARAMS = Set.of("onion", "clientKey");
    private static final Pattern ONION = Pattern.compile("[a-z2-7]{55}d");
    private static final Pattern KEY = Pattern.compile("[A-Z2-7]{52}");

    private RemoteClientAuth() {
    }

    static Map<String, Object> add(Engine engine, JsonNode params) {
        if (!params.isObject()) {
            throw new ControlException(ControlProtocol.INVALID_PARAMS, "'remoteAccess' takes {onion, clientKey}");
        }
        params.fieldNames().forEachRemaining(name -> {
            if (!PARAMS.contains(name)) {
                throw new ControlException(ControlProtocol.INVALID_PARAMS, "'remoteAccess' has no parameter '" + name + "'");
            }
        });
        String onion = params.path("onion").asText("");
        String key = params.path("clientKey").asText("");
        // Checked before anything reaches tor's control port: these patterns hold no space, quote or line break.
        if (!ONION.matcher(onion).matches() || !KEY.matcher(key).matches()) {
            throw new ControlException(ControlProtocol.INVALID_PARAMS, "'onion' must be a v3 address without .onion and"
                    + " 'clientKey' a base32 x25519 private key");
        }
        TorControl tor = engine.torLink().control().orElseThrow(() -> new ControlException(ControlProtocol.INTERNAL_ERROR,
                "tor is not running in this desktop's engine: start it (onion-panel tor start, or the window)"));
        String socks = engine.socksAddress().map(a -> a.getHostString() + ":" + a.getPort()).orElseThrow(() ->
                new ControlException(ControlProtocol.INTERNAL_ERROR, "this desktop's tor has no SOCKS port yet"));
        byte[] raw = Arrays.copyOf(Base32.decode(key + "===="), 32);
        try {
            tor.command("ONION_CLIENT_AUTH_ADD " + onion + " x25519:" + Base64.getEncoder().encodeToString(raw));
        } catch (IOException e) {
            throw new ControlException(ControlProtocol.INTERNAL_ERROR, "tor refused the remote's client key: " + e.getMessage());
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
        return Map.of("socks", socks);
    }
}
