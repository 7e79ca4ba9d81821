package io.onionpanel.attach;

import io.onionpanel.common.DaemonThreads;
import io.onionpanel.onion.OnionDescriptor;
import io.onionpanel.tor.TorControl;
import io.onionpanel.tor.TorEvent;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the attached tor really runs the proof-of-work it accepted. tor 0.4.9.2+ takes the PoW arguments of
 * ADD_ONION even when built without the pow module (the module shows only in {@code tor --list-modules}; no
 * GETINFO tells, and tor's ADD_ONION path skips the torrc check that refuses PoW without the module): such a tor
 * then publishes descriptors without a {@code pow-params} line. So the published descriptor is the one reliable
 * witness: after the first upload of a PoW service, the panel reads it back ({@code GETINFO hs/service/desc/id})
 * and opens it with the address alone. The module belongs to the tor, so once per connection is enough. A service
 * with client authorisation is not used for this: its inner layer is encrypted for its clients only.
 */
final class PublishedPow {
    private static final Logger LOG = LoggerFactory.getLogger(PublishedPow.class);
    private final Consumer<String> notices;
    private final String endpoint;
    /** ServiceID → service name, for services added with PoW whose descriptor has not been read yet. */
    private final Map<String, String> candidates = new ConcurrentHashMap<>();
    private final AtomicBoolean checked = new AtomicBoolean();
    private volatile TorControl control;

    PublishedPow(String endpoint, Consumer<String> notices) {
        this.endpoint = endpoint;
        this.notices = notices;
    }

    void use(TorControl control) {
        this.control = control;
    }

    void watch(String serviceId, String name) {
        if (!checked.get()) {
            candidates.put(serviceId, name);
        }
    }

    void forget(String serviceId) {
        candidates.remove(serviceId);
    }

    /**
     * Called on the control connection's reader thread, so the GETINFO runs on a thread of its own: a command sent
     * from the reader would wait for a reply only that thread can read.
     */
    void onEvent(TorEvent event) {
        if (!(event instanceof TorEvent.HsDesc d) || !d.action().equals("UPLOADED")) {
            return;
        }
        String name = candidates.get(d.address());
        if (name == null || !checked.compareAndSet(false, true)) {
            return;
        }
        candidates.clear();
        DaemonThreads.start("attach-pow-check", () -> check(d.address(), name));
    }

    private void check(String serviceId, String name) {
        TorControl c = control;
        try {
            // Said either way, once per connection: the operator cannot see this anywhere else.
            notices.accept(verdict(c.getInfo("hs/service/desc/id/" + serviceId), serviceId, name));
        } catch (IOException | RuntimeException e) {
            // The connection went away, or the descriptor could not be opened: nothing known, nothing claimed.
            LOG.info("Could not read '{}''s descriptor back from the attached tor: {}", name, e.getMessage());
        }
    }

    /** What the published descriptor says about proof-of-work on this tor, for the operator. */
    String verdict(String descriptor, String serviceId, String name) {
        if (!OnionDescriptor.open(descriptor, serviceId).lines("pow-params").isEmpty()) {
            return "Proof-of-work runs on the attached tor at " + endpoint + ": '" + name + "''s published descriptor"
                    + " carries pow-params.";
        }
        return "Proof-of-work is not running on the attached tor at " + endpoint + ": it accepted proof-of-work for '"
                + name + "' but publishes its descriptor without pow-params, as a tor built without the pow module does"
                + " ('tor --list-modules' says 'pow: no'; the module needs a build with --enable-gpl, e.g. Debian's"
                + " tor). Attach to a tor that has it, or use the panel's own tor. The services run without proof-of-work.";
    }
}
