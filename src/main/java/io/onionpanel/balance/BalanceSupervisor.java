package io.onionpanel.balance;

import io.onionpanel.common.AtomicFiles;
import io.onionpanel.common.DaemonThreads;
import io.onionpanel.common.FilePermissions;
import io.onionpanel.onion.OnionAddress;
import io.onionpanel.onion.OnionKeys;
import io.onionpanel.onion.ServiceFolders;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.settings.Settings;
import io.onionpanel.settings.SettingsStore;
import io.onionpanel.tor.TorControl;
import io.onionpanel.tor.TorPaths;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Onionbalance for this panel's frontend, as the engine runs tor: a config generated from the settings (0600 in
 * a 0700 folder), its own control connection to the panel's tor, restarted after 1, 2, 4 … up to 60 s when it exits
 * (the count starts again once a run lasted a minute), restarted when the backends or tor's control port change,
 * stopped with the panel. Its log lines go to the panel's log; its health to {@link BalanceWatch}. One thread.
 */
public final class BalanceSupervisor implements AutoCloseable {
    public static final String FOLDER = "onionbalance";
    private static final Logger LOG = LoggerFactory.getLogger(BalanceSupervisor.class);
    private static final int MAX_BACKOFF_SECONDS = 60;
    private static final long STABLE_MILLIS = 60_000;

    /** What Onionbalance runs with; a change restarts it. */
    record Plan(String service, String frontend, String configText, String control, boolean testnet, int port) {
    }

    private final Path dataDir;
    private final SettingsStore store;
    private final ServiceFolders folders;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.factory("onion-panel-onionbalance"));
    private final BalanceWatch watch;
    private OnionbalanceBinary binary;
    private String missingReason;
    private OnionbalanceChild child;
    private Plan running;
    private int attempt;
    /** How Onionbalance last ended, while it has not yet run for {@link #STABLE_MILLIS} since. */
    private String lastExit;
    private long notBeforeMillis;
    private String state = "stopped";
    private String detail;

    /**
     * @param control the panel's tor control connection while tor runs (for the health checks)
     * @param socks   the panel's tor SOCKS port while tor runs (to reach the backends)
     */
    public BalanceSupervisor(Path dataDir, Supplier<Optional<TorControl>> control, Supplier<Optional<InetSocketAddress>> socks) {
        this.dataDir = dataDir;
        this.store = new SettingsStore(dataDir);
        this.folders = new ServiceFolders(dataDir);
        this.watch = new BalanceWatch(dataDir, control, socks);
    }

    public void start() {
        thread.scheduleWithFixedDelay(this::tick, 0, 2, TimeUnit.SECONDS);
        thread.scheduleWithFixedDelay(this::checkHealth, 10, BalanceWatch.ROUND_SECONDS, TimeUnit.SECONDS);
    }

    /** The last health of the frontend, if this panel has one. */
    public Optional<BalanceHealth> health() {
        return watch.last();
    }

    private void checkHealth() {
        try {
            Plan p = running;
            watch.round(p == null ? null : p.service(), p == null ? null : p.frontend(), p == null ? 0 : p.port(),
                    statusSocket(), state, detail);
        } catch (RuntimeException e) {
            LOG.debug("Balance health round: {}", e.toString());
        }
    }

    private void tick() {
        try {
            Plan wanted = plan();
            if (child != null && !child.alive()) {
                int delay = Math.min(MAX_BACKOFF_SECONDS, 1 << Math.min(attempt++, 6));
                String what = child.exitDescription();
                lastExit = what;
                LOG.warn("{}; restarting it in {} s", what, delay);
                child = null;
                running = null;
                notBeforeMillis = System.currentTimeMillis() + delay * 1000L;
                setState("restarting", what + "; restarting in " + delay + " s");
            }
            if (child != null && child.uptimeMillis() > STABLE_MILLIS && attempt > 0) {
                attempt = 0;
                lastExit = null;
                setState("running", null);
            }
            if (child != null && !java.util.Objects.equals(wanted, running)) {
                LOG.info("Onionbalance: {}", wanted == null ? "stopping (no frontend with backends, or tor is not running)"
                        : "restarting with the new settings");
                child.stop();
                child = null;
                running = null;
            }
            if (child == null && wanted != null && System.currentTimeMillis() >= notBeforeMillis) {
                launch(wanted);
            }
            if (child == null && wanted == null && !"missing".equals(state)) {
                setState("stopped", null);
            }
        } catch (RuntimeException e) {
            LOG.warn("Onionbalance supervisor: {}", e.toString());
        }
    }

    private void launch(Plan plan) {
        if (binary == null) {
            StringBuilder why = new StringBuilder();
            binary = OnionbalanceBinary.find(why).orElse(null);
            if (binary == null) {
                if (!why.toString().equals(missingReason)) {
                    LOG.error("Cannot run the load-balanced service '{}': {}", plan.service(), why);
                    missingReason = why.toString();
                }
                setState("missing", why.toString());
                return;
            }
        }
        try {
            Path folder = FilePermissions.createPrivateDirectories(dataDir.resolve(FOLDER));
            Path config = folder.resolve("config.yaml");
            AtomicFiles.writePrivate(config, plan.configText().getBytes(StandardCharsets.UTF_8));
            Files.deleteIfExists(statusSocket());
            child = OnionbalanceChild.start(binary, config, plan.control(), plan.testnet());
            running = plan;
            LOG.info("Onionbalance {} started (pid {}) for '{}' ({}), its own control connection to tor at {}",
                    binary.version(), child.pid(), plan.service(), plan.frontend(), plan.control());
            // Until it has run for a minute, the last exit stays in the report: a crash loop is not "running".
            setState("running", lastExit == null ? null : "restarted " + attempt + " time(s) in a row; last: " + lastExit);
        } catch (IOException | RuntimeException e) {
            int delay = Math.min(MAX_BACKOFF_SECONDS, 1 << Math.min(attempt++, 6));
            notBeforeMillis = System.currentTimeMillis() + delay * 1000L;
            LOG.error("Cannot start Onionbalance: {}; trying again in {} s", e.getMessage(), delay);
            setState("restarting", "cannot start: " + e.getMessage());
        }
    }

    private void setState(String s, String d) {
        state = s;
        detail = d;
    }

    /** Onionbalance's wanted run: the (one) enabled frontend with backends, while tor's control port is known. */
    Plan plan() {
        Settings settings;
        try {
            settings = store.load();
        } catch (RuntimeException e) {
            return running; // unreadable settings: keep what runs (the engine reports the problem)
        }
        Optional<ServiceConfig> frontend = settings.services().stream()
                .filter(s -> s.enabled() && s.balance().frontendRole()).findFirst();
        if (frontend.isEmpty()) {
            return null;
        }
        ServiceConfig s = frontend.get();
        try {
            BalanceRules.requireSupported(s);
        } catch (RuntimeException refused) {
            return null; // the engine holds it back and says why
        }
        Path dir = folders.dir(s.name());
        Optional<String> address = OnionAddress.readHostname(dir);
        Optional<String> control = controlPort();
        if (s.balance().backends().isEmpty() || address.isEmpty() || control.isEmpty()) {
            return null;
        }
        String text = new OnionbalanceConfig(dir.resolve(OnionKeys.SECRET_KEY_FILE), s.balance().backends(),
                statusSocket()).render();
        int port = s.ports().isEmpty() ? 80 : s.ports().get(0).virtualPort();
        return new Plan(s.name(), address.get(), text, control.get(), testnet(), port);
    }

    private Path statusSocket() {
        return dataDir.resolve(FOLDER).resolve("status.sock");
    }

    /** tor's control port (ControlPortWriteToFile: "PORT=127.0.0.1:N"), present while the panel's tor runs. */
    private Optional<String> controlPort() {
        try {
            Path f = TorPaths.in(dataDir).controlPortFile();
            if (!Files.isRegularFile(f) || !watch.torRunning()) {
                return Optional.empty();
            }
            String text = Files.readString(f, StandardCharsets.US_ASCII).strip();
            return text.startsWith("PORT=") ? Optional.of(text.substring("PORT=".length())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The panel's tor is on a private test network: Onionbalance must compute its time periods as tor does there. */
    private boolean testnet() {
        try {
            return Files.readAllLines(TorPaths.in(dataDir).torrc()).stream()
                    .anyMatch(l -> l.strip().replaceAll("\\s+", " ").equalsIgnoreCase("TestingTorNetwork 1"));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            thread.submit(() -> {
                if (child != null) {
                    child.stop();
                    child = null;
                }
            }).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debug("Onionbalance stop: {}", e.toString());
        }
        thread.shutdownNow();
        watch.close();
    }
}
