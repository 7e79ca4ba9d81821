package io.onionpanel.ui.model;

import io.onionpanel.control.AttachedPanelEngine;
import io.onionpanel.control.PanelEngine;
import io.onionpanel.ui.common.Messages;
import io.onionpanel.ui.common.Notifier;
import io.onionpanel.ui.common.Tasks;
import java.nio.file.Path;
import java.time.Duration;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * A remote panel paired with this desktop as the window shows it: its name, the state of its connection, and once
 * connected the {@link PanelModel} of its engine (status, services, health, charts, circuits, log, tor buttons).
 * Connecting runs in the background; the state changes on the FX thread.
 */
public final class RemotePanel {
    /** Where the connection stands. */
    public enum State { CONNECTING, CONNECTED, RECONNECTING, FAILED }

    /** The state and, when it failed, why (never any part of the pairing code: the connector's messages hold none). */
    public record Connection(State state, String reason) {
        /** One word or two, for a list. */
        public String brief() {
            return switch (state) {
                case CONNECTING -> "Connecting…";
                case CONNECTED -> "Connected";
                case RECONNECTING -> "Reconnecting…";
                case FAILED -> "Failed";
            };
        }

        /** With the reason, when it failed. */
        public String inWords() {
            return state == State.FAILED ? "Failed: " + reason : brief();
        }
    }

    /** Opens the remote engine; blocks (tor may take a minute to reach an onion). */
    @FunctionalInterface
    public interface Connector {
        PanelEngine connect(String name) throws Exception;
    }

    private final String name;
    private final Path dataDir;
    private final Connector connector;
    private final ReadOnlyObjectWrapper<Connection> connection = new ReadOnlyObjectWrapper<>(new Connection(State.CONNECTING, null));
    private final ReadOnlyObjectWrapper<PanelModel> model = new ReadOnlyObjectWrapper<>();
    private boolean connecting; // FX thread only
    private boolean closed; // FX thread only

    public RemotePanel(String name, Path dataDir, Connector connector) {
        this.name = name;
        this.dataDir = dataDir;
        this.connector = connector;
    }

    /**
     * The desktop's way: through this desktop's own engine's tor, started first as the window starts it when it is
     * not running (then it is the window's, as if "Start tor" had been pressed).
     */
    public static Connector throughDesktop(PanelModel desktop, Duration timeout) {
        return name -> {
            desktop.ensureEngineRunning();
            return AttachedPanelEngine.attachRemote(desktop.dataDir(), name, timeout);
        };
    }

    /** Connects unless connected or on its way; on the FX thread. A failed attempt is tried again by calling this. */
    public void connect() {
        if (connecting || model.get() != null || closed) {
            return;
        }
        connecting = true;
        connection.set(new Connection(State.CONNECTING, null));
        Tasks.run(() -> connector.connect(name), engine -> {
            connecting = false;
            if (closed) {
                Tasks.run(engine::close, () -> { }, failure -> { });
                return;
            }
            PanelModel m = PanelModel.ofRemote(dataDir, name, new Notifier(), engine);
            // The engine reconnects by itself after a drop and says so in tor's state, as for a local engine.
            m.torStatusProperty().addListener((obs, old, now) -> connection.set(
                    new Connection(AttachedPanelEngine.RECONNECTING.equals(now.detail()) ? State.RECONNECTING : State.CONNECTED, null)));
            model.set(m);
            connection.set(new Connection(State.CONNECTED, null));
        }, failure -> {
            connecting = false;
            String why = Messages.of(failure);
            connection.set(new Connection(State.FAILED, Character.toUpperCase(why.charAt(0)) + why.substring(1)));
        });
    }

    /** Lets go of the remote engine (the remote panel keeps serving); on the FX thread. */
    public void close() {
        closed = true;
        PanelModel m = model.get();
        if (m != null) {
            Tasks.run(() -> m.shutdown(false), () -> { }, failure -> { });
        }
    }

    public String name() {
        return name;
    }

    public ReadOnlyObjectProperty<Connection> connectionProperty() {
        return connection.getReadOnlyProperty();
    }

    /** The remote engine's model once connected; null before. */
    public ReadOnlyObjectProperty<PanelModel> modelProperty() {
        return model.getReadOnlyProperty();
    }
}
