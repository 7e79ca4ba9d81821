package io.onionpanel.ui.model;

import io.onionpanel.control.KnownRemotes;
import io.onionpanel.ui.common.Tasks;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The remote panels this desktop is paired with ({@link KnownRemotes}, the same files {@code onion-panel remote pair}
 * writes), each connecting as soon as it is known. Changed on the FX thread; the files are read and written in the
 * background.
 */
public final class RemotePanels {
    private final Path dataDir;
    private final RemotePanel.Connector connector;
    private final ObservableList<RemotePanel> panels = FXCollections.observableArrayList();

    public RemotePanels(Path dataDir, RemotePanel.Connector connector) {
        this.dataDir = dataDir;
        this.connector = connector;
    }

    /** Reads the paired remotes and connects to each; a file that cannot be read is reported, the others go on. */
    public void load(Consumer<Throwable> onFailure) {
        Tasks.run(() -> new KnownRemotes(dataDir).names(), names -> names.forEach(this::added), onFailure);
    }

    /** A remote just paired (or read at start): listed and connecting. Returns its panel. */
    public RemotePanel added(String name) {
        for (RemotePanel p : panels) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        RemotePanel panel = new RemotePanel(name, dataDir, connector);
        panels.add(panel);
        panel.connect();
        return panel;
    }

    /** Deletes the remote's pairing code on this desktop and lets go of its engine ({@code remote forget NAME}). */
    public void forget(RemotePanel panel, Runnable onDone, Consumer<Throwable> onFailure) {
        Tasks.run(() -> new KnownRemotes(dataDir).forget(panel.name()), gone -> {
            panels.remove(panel);
            panel.close();
            onDone.run();
        }, onFailure);
    }

    /** The window leaves: every remote connection is closed (the remote panels keep serving). */
    public void closeAll() {
        panels.forEach(RemotePanel::close);
    }

    public ObservableList<RemotePanel> panels() {
        return panels;
    }

    public Path dataDir() {
        return dataDir;
    }
}
