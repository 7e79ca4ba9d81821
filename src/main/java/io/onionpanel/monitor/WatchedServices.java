package io.onionpanel.monitor;

import io.onionpanel.engine.ServiceStatus;
import io.onionpanel.onion.OnionAddress;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The services the monitor watches, by name, in the order the engine first reported them; each service's
 * state follows it through renames. Monitor thread.
 */
final class WatchedServices {
    private final Map<String, WatchedService> watched = new LinkedHashMap<>();
    /** Removed services' totals (probe figures, uploads), kept should the name come back or turn out renamed. */
    private final Map<String, WatchedService> retired = new HashMap<>();
    private final SeriesStore series;
    private final MonitorLog log;
    private final Listeners listeners;

    WatchedServices(SeriesStore series, MonitorLog log, Listeners listeners) {
        this.series = series;
        this.log = log;
        this.listeners = listeners;
    }

    Collection<WatchedService> all() {
        return watched.values();
    }

    /** The watched service of that name, or null. */
    WatchedService get(String name) {
        return watched.get(name);
    }

    /** A service status from the engine. */
    void apply(ServiceStatus s, Instant now) {
        WatchedService current = watched.get(s.name());
        ServiceStatus before = current == null ? null : current.status;
        if (s.state() != ServiceStatus.State.REMOVED && s.onion() != null) {
            String address = OnionAddress.bare(s.onion());
            String formerName = series.serviceName(address);
            WatchedService holder = formerName == null ? null : watched.get(formerName);
            // Unless the former name already belongs to another address (renamed, and a new service took the name).
            boolean nameTaken = holder != null && holder.status.onion() != null && !OnionAddress.bare(holder.status.onion()).equals(address);
            if (formerName != null && !formerName.equals(s.name()) && !nameTaken) {
                ServiceStatus former = renamed(formerName, s.name(), address);
                if (before == null && former != null) {
                    before = former;
                }
            }
            series.nameService(address, s.name());
        }
        if (s.state() == ServiceStatus.State.REMOVED) {
            WatchedService gone = watched.remove(s.name());
            if (gone != null) {
                gone.retire();
                forgetHealth(s.name(), gone);
                retired.put(s.name(), gone);
            }
        } else {
            WatchedService w = watched.get(s.name());
            if (w == null) {
                w = retired.containsKey(s.name()) ? retired.remove(s.name()) : new WatchedService();
                watched.put(s.name(), w);
            }
            w.update(s, before, now);
        }
    }

    /** Tells the listeners a service's card leaves the view, once. */
    void forgetHealth(String name, WatchedService w) {
        if (w.health != null) {
            w.health = null;
            listeners.fire(l -> l.serviceGone(name));
        }
    }

    /** An HS_DESC UPLOADED for this address: it counts for every watched service there. */
    void uploaded(String address) {
        for (WatchedService w : watched.values()) {
            if (w.status.onion() != null && OnionAddress.bare(w.status.onion()).equals(address)) {
                w.descriptorUploads.incrementAndGet();
            }
        }
    }

    /**
     * The service at {@code address} is now called {@code to} (OnionServices.rename, from the editor or the CLI,
     * perhaps while the panel was closed): its series, probe figures and health move with it. Returns the status
     * it had under its former name, if the engine had not reported its removal yet.
     */
    private ServiceStatus renamed(String from, String to, String address) {
        series.renameService(from, to);
        WatchedService current = watched.get(from);
        WatchedService moving;
        ServiceStatus former = null;
        if (current == null) {
            moving = retired.containsKey(from) ? retired.remove(from) : new WatchedService();
        } else {
            moving = current;
            forgetHealth(from, current);
            if (current.status.onion() != null && OnionAddress.bare(current.status.onion()).equals(address)) {
                watched.remove(from);
                former = current.status;
            } else {
                // A service without an address yet holds the old name: it stays, with nothing of the renamed one's.
                WatchedService stays = new WatchedService();
                stays.status = current.status;
                watched.put(from, stays);
            }
        }
        retired.remove(to);
        WatchedService replaced = watched.get(to);
        // What the listeners were told under the new name, and what the engine said of it, stay with the new name.
        moving.health = replaced == null ? null : replaced.health;
        moving.status = replaced == null ? former : replaced.status;
        watched.put(to, moving);
        log.panel("NOTICE", "Service '" + from + "' is now called '" + to + "': its monitoring history moves with it");
        return former;
    }
}
