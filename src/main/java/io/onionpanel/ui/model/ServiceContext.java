package io.onionpanel.ui.model;

import io.onionpanel.engine.ServiceStatus;
import io.onionpanel.engine.TorStatus;
import io.onionpanel.onion.OnionAddress;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.settings.ServiceConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the tester and share views need to know about one service and the panel's tor. Read when needed (an
 * address or port may change while the window is open); {@link #of} reads the window's model.
 *
 * <p>In ui.model, not in a view package: the share and tester views both take it (no share ↔ tester cycle).
 */
public interface ServiceContext {
    String service();

    /** The service's address, once tor created its keys. */
    Optional<String> onion();

    /** The engine's own (automatic) SOCKS port, while tor runs. */
    Optional<InetSocketAddress> socks();

    /** Null when tor is ready for requests, else why not, in words. */
    String torNotReady();

    /** The service's virtual ports (what clients put after the address), in the settings' order. */
    List<Integer> virtualPorts();

    /** True when only authorised clients (with their own key) can reach the service. */
    boolean clientAuth();

    /** The API behind that virtual port (host:port), checked directly when requests fail. */
    Optional<String> localTarget(int virtualPort);

    Path dataDir();

    /** The operator's fixed SOCKS port, 0 when none. */
    int fixedSocksPort();

    /** Saves a new fixed SOCKS port (0 = none); runs {@code onDone} or {@code onError} on the FX thread. */
    void saveFixedSocksPort(int port, Runnable onDone, Consumer<Throwable> onError);

    /** The services a tor restart takes offline for a while (a new fixed SOCKS port restarts tor). */
    default java.util.List<String> onlineServices() {
        return java.util.List.of();
    }

    static ServiceContext of(PanelModel model, String service) {
        return new ServiceContext() {
            @Override
            public String service() {
                return service;
            }

            @Override
            public Optional<String> onion() {
                ServiceStatus s = model.statuses().get(service);
                if (s != null && s.onion() != null) {
                    return Optional.of(s.onion());
                }
                return OnionAddress.readHostname(model.services().folders().dir(service));
            }

            @Override
            public Optional<InetSocketAddress> socks() {
                return model.engine().socksAddress();
            }

            @Override
            public String torNotReady() {
                TorStatus t = model.torStatusProperty().get();
                return switch (t.state()) {
                    case RUNNING -> null;
                    case BOOTSTRAPPING -> "tor is still bootstrapping (" + t.progress() + " %): wait until it is running";
                    case STARTING, RESTARTING -> "tor is starting: wait until it is running";
                    case FAILED -> "tor failed: " + t.detail();
                    case STOPPED -> "tor is stopped: start it on the Dashboard first";
                };
            }

            @Override
            public List<Integer> virtualPorts() {
                return model.settings().service(service)
                        .map(c -> c.ports().stream().map(PortMapping::virtualPort).toList()).orElse(List.of());
            }

            @Override
            public boolean clientAuth() {
                return model.settings().service(service).map(c -> c.clientAuth().enabled()).orElse(false);
            }

            @Override
            public Optional<String> localTarget(int virtualPort) {
                return model.settings().service(service).flatMap(c -> httpTarget(c, virtualPort));
            }

            @Override
            public Path dataDir() {
                return model.dataDir();
            }

            @Override
            public int fixedSocksPort() {
                return model.settings().tor().fixedSocksPort();
            }

            @Override
            public java.util.List<String> onlineServices() {
                return model.runningServices();
            }

            @Override
            public void saveFixedSocksPort(int port, Runnable onDone, Consumer<Throwable> onError) {
                // The model reports a failed save itself (notification and status line).
                if (port != fixedSocksPort() && model.isEngineRunning()) {
                    model.expectedOutages().allServices();
                }
                model.updateSettings(s -> s.withTor(s.tor().withFixedSocksPort(port)), onDone);
            }
        };
    }

    /**
     * A service of a panel this window reaches through its engine (a paired server, the system service), tested as a
     * visitor would: through this computer's own tor (its engine's SOCKS port, from this data folder's runtime.json).
     * Its local target is on that machine, so it is never checked from here; its runs are kept apart from this
     * computer's (a folder per panel), since a name may be taken on both.
     *
     * @param clientAuth whether the service takes only authorised clients, as its engine said
     */
    public static ServiceContext ofRemote(PanelModel remote, String service, boolean clientAuth) throws java.io.IOException {
        String panel = remote.managedPanelName().orElseThrow().replaceAll("[^A-Za-z0-9._-]", "_");
        Path runs = io.onionpanel.common.FilePermissions.createPrivateDirectories(
                remote.dataDir().resolve("remote-probes").resolve(panel));
        return new ServiceContext() {
            @Override
            public String service() {
                return service;
            }

            @Override
            public Optional<String> onion() {
                return Optional.ofNullable(remote.statuses().get(service)).map(ServiceStatus::onion);
            }

            @Override
            public Optional<InetSocketAddress> socks() {
                return io.onionpanel.engine.RuntimeInfo.read(remote.dataDir()).flatMap(io.onionpanel.engine.RuntimeInfo::socksAddress);
            }

            @Override
            public String torNotReady() {
                return socks().isPresent() ? null
                        : "this computer's tor is not running (the requests go through it): start it on This computer's Dashboard";
            }

            @Override
            public List<Integer> virtualPorts() {
                return Optional.ofNullable(remote.statuses().get(service))
                        .map(s -> s.ports().stream().map(PortMapping::virtualPort).toList()).orElse(List.of());
            }

            @Override
            public boolean clientAuth() {
                return clientAuth;
            }

            @Override
            public Optional<String> localTarget(int virtualPort) {
                return Optional.empty();
            }

            @Override
            public Path dataDir() {
                return runs;
            }

            @Override
            public int fixedSocksPort() {
                return 0;
            }

            @Override
            public void saveFixedSocksPort(int port, Runnable onDone, Consumer<Throwable> onError) {
                onError.accept(new io.onionpanel.common.ValidationException("The fixed SOCKS port of '"
                        + remote.managedPanelName().orElseThrow() + "' is set on its Settings page"));
            }
        };
    }

    private static Optional<String> httpTarget(ServiceConfig config, int virtualPort) {
        return config.ports().stream().filter(p -> p.virtualPort() == virtualPort).findFirst()
                .or(() -> config.ports().stream().findFirst())
                .flatMap(p -> p.targets().stream().findFirst())
                .filter(t -> !t.startsWith("unix:"));
    }
}
