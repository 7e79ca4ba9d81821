package io.onionpanel.routstr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onionpanel.common.ValidationException;
import io.onionpanel.onion.OnionAddress;
import io.onionpanel.routstr.RoutstrApiException.Kind;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Puts a service's onion URL on a Routstr node by the path that works for it. A node that has booted once keeps
 * its settings in its database and ignores {@code ONION_URL} in {@code .env} from then on (Routstr issue #217), so
 * with an admin password the change goes through its admin API; the {@code .env} is written only when the node
 * has never started (it does not answer), has no admin API (before 0.2.0), or no password was given. Which path
 * was taken, and why, is part of the outcome.
 */
public final class RoutstrConfigure {
    public static final String ONION_URL = "onion_url";
    public static final String TOR_PROXY_URL = "tor_proxy_url";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    public enum Route { ADMIN_API, ENV_FILE }

    /**
     * @param password the admin password, or null for the .env path; used for one login and dropped
     * @param envFile  Routstr's .env, or null when only the admin API may be used
     */
    public record Target(String routstrUrl, String onionAddress, int virtualPort, int fixedSocksPort, String password,
                         Path envFile) {
        @Override
        public String toString() {
            // Records print their parts; this one must never print the password.
            return "Target[" + routstrUrl + ", " + onionAddress + ":" + virtualPort + "]";
        }
    }

    /** What was done: the path, why that one, and each setting with its value before and after. */
    public record Outcome(Route route, String why, String version, List<EnvFile.Change> changes, EnvFile.Result env,
                          String expectedUrl) {
    }

    private RoutstrConfigure() {
    }

    /** The settings the panel owns on the node: the onion URL, and the proxy only when a fixed SOCKS port is set. */
    public static Map<String, String> desired(String onionAddress, int virtualPort, int fixedSocksPort) {
        if (onionAddress == null || !OnionAddress.isValid(onionAddress)) {
            throw new ValidationException("The service has no onion address yet: start it once to make its keys");
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put(ONION_URL, RoutstrUrls.onionUrl(onionAddress, virtualPort));
        if (fixedSocksPort > 0) {
            values.put(TOR_PROXY_URL, "socks5://127.0.0.1:" + fixedSocksPort);
        }
        return values;
    }

    /** Each desired setting against the node's current one. */
    public static List<EnvFile.Change> diff(ObjectNode current, Map<String, String> desired) {
        List<EnvFile.Change> changes = new ArrayList<>();
        desired.forEach((k, v) -> {
            JsonNode now = current.get(k);
            changes.add(new EnvFile.Change(k, now == null || now.isNull() ? null : now.asText(), v));
        });
        return changes;
    }

    public static Outcome apply(Target t, Consumer<String> progress) throws IOException {
        Map<String, String> desired = desired(t.onionAddress(), t.virtualPort(), t.fixedSocksPort());
        if (t.password() == null) {
            return viaEnv(t, "no admin password was given; .env is read only by a Routstr node that has never started"
                    + " (after its first boot its database wins)", null);
        }
        try (RoutstrNode node = new RoutstrNode(t.routstrUrl(), TIMEOUT)) {
            RoutstrNode.Info info;
            try {
                info = node.info();
            } catch (RoutstrApiException e) {
                if (e.kind() == Kind.NOT_REACHABLE && t.envFile() != null) {
                    return viaEnv(t, e.getMessage() + "; a node that has never started takes ONION_URL from .env on its"
                            + " first boot", null);
                }
                throw e;
            }
            if (!RoutstrNode.hasPasswordLogin(info.version())) {
                return fallback(t, info.version(), new RoutstrApiException(Kind.NO_ADMIN_API, "Routstr " + info.version()
                        + " has no admin password login (it came with 0.2.0)"));
            }
            progress.accept("Routstr " + info.version() + " answers at " + node.baseUrl() + "; logging in to its admin API …");
            String token;
            try {
                token = node.login(t.password());
            } catch (RoutstrApiException e) {
                if (e.kind() == Kind.NO_ADMIN_API) {
                    return fallback(t, info.version(), e);
                }
                throw e;
            }
            try {
                return viaApi(node, token, info.version(), desired);
            } catch (RoutstrApiException e) {
                if (e.kind() == Kind.NO_ADMIN_API) {
                    return fallback(t, info.version(), e);
                }
                throw e;
            } finally {
                node.logout(token);
            }
        }
    }

    private static Outcome viaApi(RoutstrNode node, String token, String version, Map<String, String> desired) {
        ObjectNode current = node.settings(token);
        List<EnvFile.Change> changes = diff(current, desired);
        Map<String, String> patch = new LinkedHashMap<>();
        changes.stream().filter(EnvFile.Change::changed).forEach(c -> patch.put(c.key(), c.newValue()));
        if (!patch.isEmpty()) {
            ObjectNode after = node.patch(token, patch);
            for (Map.Entry<String, String> e : patch.entrySet()) {
                JsonNode now = after.get(e.getKey());
                if (now == null || !e.getValue().equals(now.asText())) {
                    throw new RoutstrApiException(Kind.UNEXPECTED_ANSWER, "Routstr accepted the change but its"
                            + " settings still say " + e.getKey() + "=" + (now == null ? "nothing" : now.asText()));
                }
            }
        }
        return new Outcome(Route.ADMIN_API, "Routstr " + version + " answers and has an admin API: a node"
                + " that has booted keeps its settings in its database, where .env no longer reaches",
                version, changes, null, desired.get(ONION_URL));
    }

    private static Outcome fallback(Target t, String version, RoutstrApiException why) throws IOException {
        if (t.envFile() == null) {
            throw new RoutstrApiException(why.kind(), why.getMessage() + ". Pass --env with Routstr's .env to write"
                    + " ONION_URL there instead (it takes effect if the node's database has no onion URL yet).");
        }
        return viaEnv(t, why.getMessage() + "; falling back to .env", version);
    }

    private static Outcome viaEnv(Target t, String why, String version) throws IOException {
        if (t.envFile() == null) {
            throw new ValidationException("Give Routstr's admin password (for a running node) or its .env (for a node"
                    + " that has never started)");
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put(RoutstrSetup.ONION_URL, RoutstrUrls.onionUrl(t.onionAddress(), t.virtualPort()));
        // The .env path keeps its old rule: TOR_PROXY_URL must name a port that survives a tor restart.
        env.putAll(Map.of(RoutstrSetup.TOR_PROXY_URL, RoutstrSetup.values(t.onionAddress(), t.virtualPort(), t.fixedSocksPort())
                .get(RoutstrSetup.TOR_PROXY_URL)));
        EnvFile.Result r = EnvFile.set(t.envFile(), env);
        return new Outcome(Route.ENV_FILE, why, version, r.changes(), r, env.get(RoutstrSetup.ONION_URL));
    }
}
