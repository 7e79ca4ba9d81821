package io.onionpanel.ui.editor;

import io.onionpanel.export.ServerExport;
import io.onionpanel.ui.common.Dialogs;
import io.onionpanel.ui.common.Tasks;
import io.onionpanel.ui.model.PanelModel;
import java.io.File;
import java.nio.file.Path;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;

/**
 * "Export for a server…": asks for a folder, warns that the keys go there unencrypted (the CLI can encrypt
 * them), and writes the torrc snippet, compose.yml, keys and README into a new sub-folder.
 */
final class ServerExportAction {
    private ServerExportAction() {
    }

    static void run(PanelModel model, String service, Window owner) {
        DirectoryChooser chooser = io.onionpanel.ui.common.LastFolder.directoryChooser(
                "Export '" + service + "' for a server: choose a folder");
        File parent = chooser.showDialog(owner);
        if (parent == null) {
            return;
        }
        io.onionpanel.ui.common.LastFolder.remember(parent);
        Path out = parent.toPath().resolve("onion-panel-export-" + service);
        Alert warn = new Alert(Alert.AlertType.WARNING, "This writes to " + out + ":\n\n"
                + "• torrc — the service's HiddenServiceDir/Port lines and its DoS options\n"
                + "• compose.yml — Routstr with a tor container that publishes this address\n"
                + "• " + service + ".tar.gz — the service's keys, NOT encrypted: anyone with this file can take over the"
                + " address. Move it to the server over a safe channel and delete it here afterwards (or encrypt it:"
                + " onion-panel service export " + service + " --passphrase-file F).", ButtonType.OK, ButtonType.CANCEL);
        warn.setHeaderText("Export '" + service + "' for a server?");
        warn.initOwner(owner);
        Dialogs.themed(warn, owner);
        if (warn.showAndWait().filter(b -> b == ButtonType.OK).isEmpty()) {
            return;
        }
        Tasks.run(() -> new ServerExport(model.dataDir()).export(service, out, null, null),
                r -> model.notifier().info("Exported '" + r.service() + "' to " + out + " (see README.txt)"),
                failure -> model.notifier().error("Export failed", failure));
    }
}
