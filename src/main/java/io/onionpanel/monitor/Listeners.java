package io.onionpanel.monitor;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The monitor's listeners. Told on the monitor's thread; one that fails does not keep the others from hearing. */
final class Listeners {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);
    private final List<MonitorListener> listeners = new CopyOnWriteArrayList<>();

    void add(MonitorListener listener) {
        listeners.add(listener);
    }

    void remove(MonitorListener listener) {
        listeners.remove(listener);
    }

    void fire(Consumer<MonitorListener> call) {
        for (MonitorListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                LOG.error("Monitor listener failed", e);
            }
        }
    }
}
