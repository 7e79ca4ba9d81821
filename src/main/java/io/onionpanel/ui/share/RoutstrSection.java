package io.onionpanel.ui.share;

import io.onionpanel.common.DaemonThreads;
import io.onionpanel.routstr.Announcement;
import io.onionpanel.routstr.EnvFile;
import io.onionpanel.routstr.RoutstrConfigure;
import io.onionpanel.routstr.RoutstrSetup;
import io.onionpanel.routstr.RoutstrUrls;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.settings.SettingsStore;
import io.onionpanel.ui.common.Messages;
import io.onionpanel.ui.common.Tasks;
import io.onionpanel.ui.model.ServiceContext;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The Share view's Routstr part: what the node announces now, putting the address on a running node through its
 * admin API (password typed each time, used for one login, never kept), and Routstr's .env for a node that has
 * never started.
 */
final class RoutstrSection extends VBox {
    private final ServiceContext context;
    private final TextField nodeUrl = new TextField();
    private final PasswordField password = new PasswordField();
    private final Button update = new Button("_Update Routstr");
    private final Label announces = new Label();
    private final Label status = new Label();
    final TextField envPath = new TextField();
    final Button writeEnv = new Button("_Write ONION_URL and TOR_PROXY_URL");
    private final Label envStatus = new Label();
    private final Label check = new Label();
    private Thread checkThread;

    RoutstrSection(ServiceContext context) {
        super(8);
        this.context = context;
        nodeUrl.setId("share-routstr-url");
        nodeUrl.setPromptText("Where Routstr answers on this machine, e.g. http://127.0.0.1:8000");
        HBox.setHgrow(nodeUrl, Priority.ALWAYS);
        password.setId("share-routstr-password");
        password.setPromptText("admin password");
        update.setId("share-routstr-update");
        update.setOnAction(e -> updateNode());
        announces.setId("share-routstr-announces");
        announces.setWrapText(true);
        status.setId("share-routstr-status");
        status.setWrapText(true);
        Label apiHint = muted("For a node that has started once: it keeps its settings in its database and ignores"
                + " ONION_URL in .env from then on (Routstr issue #217). The panel logs in, changes only onion_url (and"
                + " tor_proxy_url when a fixed SOCKS port is set) and checks /v1/info. The password is used for this"
                + " login only and never stored.");
        HBox apiRow = new HBox(8, nodeUrl, password, update);
        apiRow.setAlignment(Pos.CENTER_LEFT);

        envPath.setId("share-env-path");
        envPath.setPromptText("Routstr's .env, e.g. /opt/routstr/.env");
        HBox.setHgrow(envPath, Priority.ALWAYS);
        Button chooseEnv = new Button("_Choose…");
        chooseEnv.setId("share-choose-env");
        chooseEnv.setOnAction(e -> chooseEnv());
        writeEnv.setId("share-write-env");
        writeEnv.setOnAction(e -> writeEnv());
        envStatus.setId("share-env-status");
        envStatus.setWrapText(true);
        check.setId("share-env-check");
        check.setWrapText(true);
        Label envHint = muted("For a node that has never started: only these two lines change; every other line,"
                + " comment and the order stay. The previous file is kept as .env.bak. Routstr reads ONION_URL from .env"
                + " on its very first start only.");
        getChildren().addAll(announces, apiRow, apiHint, status, new HBox(8, envPath, chooseEnv), writeEnv, envHint,
                envStatus, check);
    }

    void refresh() {
        Optional<String> onion = context.onion();
        if (nodeUrl.getText().isBlank()) {
            context.localTarget(80).ifPresent(t -> nodeUrl.setText("http://" + t));
        }
        update.setDisable(onion.isEmpty());
        int fixed = context.fixedSocksPort();
        writeEnv.setDisable(fixed == 0 || onion.isEmpty());
        if (fixed == 0) {
            envStatus.setText("Set a fixed SOCKS port first: Routstr's TOR_PROXY_URL must not change when tor restarts.");
        } else if (envStatus.getText().startsWith("Set a fixed SOCKS port")) {
            envStatus.setText("");
        }
        lookAtNode();
    }

    /** What the node announces now, read off the FX thread; offers the update when it is not this address. */
    private void lookAtNode() {
        Optional<String> onion = context.onion();
        String url = nodeUrl.getText().strip();
        if (onion.isEmpty() || url.isEmpty()) {
            announces.setText("");
            return;
        }
        String expected = RoutstrUrls.onionUrl(onion.get(), virtualPort());
        Tasks.run(() -> Announcement.lookUp(url), a -> AnnouncementLabel.show(announces, a, expected, "Routstr: ",
                "Enter its admin password and press Update Routstr."), failure -> announces.setText(""));
    }

    void updateNode() {
        Optional<String> onion = context.onion();
        String url = nodeUrl.getText().strip();
        // Read once and cleared at once: the password is in no field, file or screenshot after this line.
        String secret = password.getText();
        password.clear();
        if (onion.isEmpty() || url.isEmpty() || secret.isEmpty()) {
            status.setText(url.isEmpty() ? "Enter where Routstr answers, e.g. http://127.0.0.1:8000."
                    : "Enter Routstr's admin password (its dashboard password).");
            return;
        }
        String pathText = envPath.getText().strip();
        RoutstrConfigure.Target target = new RoutstrConfigure.Target(url, onion.get(), virtualPort(),
                context.fixedSocksPort(), secret, pathText.isEmpty() ? null : Path.of(pathText));
        status.setText("Talking to Routstr at " + url + " …");
        Tasks.run(() -> {
            RoutstrConfigure.Outcome o = RoutstrConfigure.apply(target, m -> Platform.runLater(() -> status.setText(m)));
            // Marked: the health page now checks that this node keeps announcing the address.
            new SettingsStore(context.dataDir()).update(s -> s.withMonitor(s.monitor().withRoutstrNode(context.service(),
                    url.replaceAll("/+$", ""))));
            return o;
        }, o -> {
            boolean api = o.route() == RoutstrConfigure.Route.ADMIN_API;
            status.setText((api ? "Changed through Routstr's admin API" : "Written to " + o.env().file()) + ", because "
                    + o.why() + "." + describe(o.changes()));
            watchInfo(url, o.expectedUrl(), !api);
        }, failure -> status.setText("Nothing changed: " + Messages.of(failure)));
    }

    private int virtualPort() {
        List<PortMapping> ports = new SettingsStore(context.dataDir()).load().service(context.service())
                .map(c -> c.ports()).orElse(List.of());
        return ports.stream().map(PortMapping::virtualPort).filter(p -> p == 80).findFirst()
                .orElse(ports.isEmpty() ? 80 : ports.get(0).virtualPort());
    }

    private void chooseEnv() {
        FileChooser chooser = io.onionpanel.ui.common.LastFolder.fileChooser("Routstr's .env file");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter(".env files", "*.env", ".env"),
                new FileChooser.ExtensionFilter("All files", "*"));
        if (!envPath.getText().isBlank()) {
            File parent = Path.of(envPath.getText()).toAbsolutePath().getParent().toFile();
            if (parent.isDirectory()) {
                chooser.setInitialDirectory(parent);
                chooser.setInitialFileName(Path.of(envPath.getText()).getFileName().toString());
            }
        } else {
            chooser.setInitialFileName(".env");
        }
        // showSaveDialog: the file may not exist yet (a node that has never started).
        File chosen = chooser.showSaveDialog(getScene().getWindow());
        if (chosen != null) {
            io.onionpanel.ui.common.LastFolder.remember(chosen);
            envPath.setText(chosen.getAbsolutePath());
        }
    }

    void writeEnv() {
        Optional<String> onion = context.onion();
        String pathText = envPath.getText().strip();
        check.setText("");
        if (pathText.isEmpty()) {
            envStatus.setText("Choose Routstr's .env file first.");
            return;
        }
        if (onion.isEmpty()) {
            return;
        }
        Path env = Path.of(pathText);
        int port = context.fixedSocksPort();
        int virtualPort = virtualPort();
        Tasks.run(() -> RoutstrSetup.configure(env, onion.get(), virtualPort, port), r -> {
            envStatus.setText(describe(r));
            Optional<String> routstr = context.localTarget(virtualPort);
            if (routstr.isPresent()) {
                watchInfo("http://" + routstr.get(), RoutstrUrls.onionUrl(onion.get(), virtualPort), true);
            }
        }, failure -> envStatus.setText("Not written: " + Messages.of(failure)));
    }

    private static String describe(EnvFile.Result r) {
        StringBuilder b = new StringBuilder((r.created() ? "Created " : "Updated ") + r.file());
        if (r.backup() != null) {
            b.append(" (previous version: ").append(r.backup().getFileName()).append(')');
        }
        return b.append(describe(r.changes())).toString();
    }

    private static String describe(List<EnvFile.Change> changes) {
        StringBuilder b = new StringBuilder();
        for (EnvFile.Change c : changes) {
            b.append("\n  ").append(c.key()).append('=').append(c.newValue())
                    .append(c.oldValue() == null ? "   (added)" : c.changed() ? "   (was " + (c.oldValue().isEmpty() ? "empty" : c.oldValue()) + ")" : "   (unchanged)");
        }
        return b.toString();
    }

    private void watchInfo(String routstrUrl, String expectedUrl, boolean afterEnvEdit) {
        dispose();
        checkThread = DaemonThreads.start("routstr-info-check", () -> {
            try {
                RoutstrSetup.Check c = RoutstrSetup.awaitAnnounced(routstrUrl, expectedUrl, afterEnvEdit,
                        Duration.ofMinutes(afterEnvEdit ? 5 : 1), Duration.ofSeconds(2),
                        m -> Platform.runLater(() -> check.setText(m)));
                Platform.runLater(() -> {
                    check.setText(c.message());
                    check.getStyleClass().removeAll("state-ok", "state-bad");
                    check.getStyleClass().add(c.outcome() == RoutstrSetup.CheckOutcome.REPORTED ? "state-ok" : "state-bad");
                    lookAtNode();
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Stops watching Routstr's /v1/info (the window closed). */
    void dispose() {
        if (checkThread != null) {
            checkThread.interrupt();
        }
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add("muted");
        return l;
    }
}
