package io.onionpanel.attach;

import io.onionpanel.settings.AttachSettings;
import io.onionpanel.tor.ControlWords;
import io.onionpanel.tor.TorBinary;
import io.onionpanel.tor.TorControl;
import io.onionpanel.tor.TorEvent;
import io.onionpanel.tor.TorEventParser;
import io.onionpanel.tor.TorException;
import io.onionpanel.tor.TorHandle;
import io.onionpanel.tor.TorProcess;
import io.onionpanel.tor.Torrc;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tor the panel attached to instead of launching one. The panel's services run on it as ADD_ONION services
 * owned by this control connection (no Flags=Detach): they disappear if the panel goes away, and when that tor
 * restarts the connection drops, the engine reconnects with backoff and adds them again with the same keys.
 * The tor itself is never stopped or reconfigured.
 */
public final class AttachedTor implements TorHandle {
    private static final Logger LOG = LoggerFactory.getLogger(AttachedTor.class);
    private final ControlEndpoint endpoint;
    private final TorControl control;
    private final CompletableFuture<Void> closed;
    private final String version;
    private final Consumer<String> notices;
    private final AddOnionPow pow;
    private final PublishedPow publishedPow;
    /** Per service folder: the shape it was added with and its ServiceID. */
    private final Map<Path, Added> added = new LinkedHashMap<>();
    private volatile boolean stopping;

    private record Added(String shape, String serviceId) {
    }

    private interface IoRead {
        int read() throws IOException;
    }

    private AttachedTor(ControlEndpoint endpoint, TorControl control, CompletableFuture<Void> closed, String version,
                        Consumer<String> notices, PublishedPow publishedPow) {
        this.endpoint = endpoint;
        this.control = control;
        this.closed = closed;
        this.version = version;
        this.notices = notices;
        this.pow = AddOnionPow.forVersion(version);
        this.publishedPow = publishedPow;
    }

    /**
     * Connects, authenticates and subscribes to the engine's events.
     *
     * @param notices receives things the operator should know (defences ADD_ONION cannot carry)
     */
    public static AttachedTor connect(AttachSettings settings, Consumer<TorEvent> events, Consumer<String> notices)
            throws TorException {
        ControlEndpoint endpoint = ControlEndpoint.parse(settings.control()).requireAllowed(settings.allowRemote());
        if (!endpoint.isLoopback()) {
            LOG.warn("Attached to a control port on another machine ({}): the control traffic is not encrypted", endpoint);
        }
        ControlEndpoint.Transport t;
        try {
            t = endpoint.open();
        } catch (IOException e) {
            throw new TorException("Cannot connect to tor's control port at " + endpoint + ": " + e.getMessage(), e);
        }
        CompletableFuture<Void> closed = new CompletableFuture<>();
        // jtorctl reports a clean EOF but not a reset connection: watch the stream itself.
        java.io.InputStream watched = new java.io.FilterInputStream(t.in()) {
            @Override
            public int read() throws IOException {
                return seen(() -> super.read());
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return seen(() -> super.read(b, off, len));
            }

            private int seen(IoRead r) throws IOException {
                try {
                    int n = r.read();
                    if (n < 0) {
                        closed.complete(null);
                    }
                    return n;
                } catch (IOException e) {
                    closed.complete(null);
                    throw e;
                }
            }
        };
        PublishedPow publishedPow = new PublishedPow(endpoint.toString(), notices);
        TorControl control = TorControl.overStreams(watched, t.out(), t.closer(), t.open(), event -> {
            events.accept(event);
            publishedPow.onEvent(event);
        }, () -> closed.complete(null));
        publishedPow.use(control);
        try {
            ControlAuthenticator.authenticate(control, settings);
            control.setEvents(TorProcess.EVENTS);
            String version = control.getInfo("version");
            return new AttachedTor(endpoint, control, closed, version, notices, publishedPow);
        } catch (IOException | TorException | RuntimeException e) {
            closeQuietly(control);
            if (e instanceof TorException te) {
                throw te;
            }
            throw new TorException("Attaching to tor at " + endpoint + " failed: " + e.getMessage(), e);
        }
    }

    /** What the engine shows as "the tor in use"; modules are unknown from the control port. */
    public TorBinary describe() {
        String v = version.split(" ")[0];
        return new TorBinary(Path.of("attached"), false, v, Map.of());
    }

    public ControlEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public long pid() {
        try {
            return endpoint.isLoopback() ? Long.parseLong(control.getInfo("process/pid").strip()) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    @Override
    public CompletableFuture<?> onExit() {
        return closed;
    }

    @Override
    public TorControl control() {
        return control;
    }

    @Override
    public String controlEndpoint() {
        return endpoint.toString();
    }

    @Override
    public InetSocketAddress socksAddress() throws IOException {
        String first = ControlWords.unquote(control.getInfo("net/listeners/socks").split(" ")[0]);
        int colon = first.lastIndexOf(':');
        if (colon < 0) {
            throw new IOException("the attached tor has no SOCKS listener");
        }
        return InetSocketAddress.createUnresolved(first.substring(0, colon), Integer.parseInt(first.substring(colon + 1)));
    }

    @Override
    public TorEvent.Bootstrap bootstrapPhase() throws IOException {
        return TorEventParser.parseBootstrapPhase(control.getInfo("status/bootstrap-phase"));
    }

    /**
     * Adds what is new, removes what is gone, and re-creates a service whose ports, clients or defences changed
     * (ADD_ONION services cannot be changed in place). Stops at the first refusal, leaving the rest as they were.
     */
    @Override
    public synchronized void applyServices(List<Torrc.Service> services) throws IOException {
        Map<Path, Torrc.Service> wanted = new LinkedHashMap<>();
        Map<Path, String> shapes = new HashMap<>();
        for (Torrc.Service s : services) {
            wanted.put(s.dir(), s);
            shapes.put(s.dir(), EphemeralService.shape(s));
        }
        for (Map.Entry<Path, Added> e : new ArrayList<>(added.entrySet())) {
            Torrc.Service w = wanted.get(e.getKey());
            if (w == null || !shapes.get(e.getKey()).equals(e.getValue().shape()) || keyChanged(e.getKey(), e.getValue())) {
                control.command("DEL_ONION " + e.getValue().serviceId());
                publishedPow.forget(e.getValue().serviceId());
                added.remove(e.getKey());
            }
        }
        for (Torrc.Service s : services) {
            if (added.containsKey(s.dir())) {
                continue;
            }
            String key = EphemeralService.keyArgument(s.dir());
            List<String> reply;
            try {
                reply = control.command(EphemeralService.command(s, key, pow));
            } catch (IOException | RuntimeException e) {
                // The message is tor's; the command (with the key) is never part of it.
                throw new IOException("tor refused ADD_ONION for " + s.dir().getFileName() + ": " + e.getMessage());
            }
            String serviceId = null;
            for (String line : reply) {
                if (line.startsWith("ServiceID=")) {
                    serviceId = line.substring("ServiceID=".length()).strip();
                } else if (line.startsWith("PrivateKey=")) {
                    EphemeralService.storeNewKey(s.dir(), line.substring("PrivateKey=".length()).strip());
                }
            }
            if (serviceId == null) {
                throw new IOException("tor's ADD_ONION reply has no ServiceID");
            }
            added.put(s.dir(), new Added(shapes.get(s.dir()), serviceId));
            String name = s.dir().getFileName().toString();
            if (!pow.arguments(s.defenses()).isEmpty() && !EphemeralService.hasClients(s.dir())) {
                publishedPow.watch(serviceId, name);
            }
            EphemeralService.lostDefensesNotice(name, EphemeralService.notApplicable(s.defenses(), pow), pow)
                    .ifPresent(notices);
        }
    }

    private static boolean keyChanged(Path dir, Added a) {
        Optional<String> now = io.onionpanel.onion.OnionAddress.readHostname(dir);
        return now.isPresent() && !now.get().startsWith(a.serviceId());
    }

    @Override
    public String exitDescription() {
        return "lost the control connection to the attached tor at " + endpoint + " (it stopped or restarted)";
    }

    /** Removes our services and disconnects; the attached tor keeps running. */
    @Override
    public synchronized void stop(Duration grace) {
        stopping = true;
        for (Added a : added.values()) {
            try {
                control.command("DEL_ONION " + a.serviceId());
            } catch (IOException | RuntimeException e) {
                break; // the connection is gone: tor dropped the services with it
            }
        }
        added.clear();
        closeQuietly(control);
    }

    boolean isStopping() {
        return stopping;
    }

    private static void closeQuietly(TorControl c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // Closing a connection that broke already.
        }
    }
}
