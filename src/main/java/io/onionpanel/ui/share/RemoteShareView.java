package io.onionpanel.ui.share;

import io.onionpanel.actions.PanelActions;
import io.onionpanel.settings.SettingsStore;
import io.onionpanel.ui.common.ScrollPanes;
import io.onionpanel.ui.model.ServiceContext;
import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;

/**
 * How clients reach a service of another machine's panel (a paired server, the system service): its address and QR
 * code, Routstr on that machine ({@link RemoteRoutstrSection}), and client set-ups for programs on this computer
 * (through this computer's tor). Nothing here writes a file on either machine.
 */
public final class RemoteShareView extends ScrollPane {
    private final ServiceContext context;
    private final Path ownDataDir;
    private final AddressSection address;
    private final Label socksInfo = new Label();
    private final VBox snippets = new VBox(12);
    private final RemoteRoutstrSection routstr;

    /**
     * @param ownDataDir    this computer's data folder (its fixed SOCKS port, for the snippets)
     * @param actions       the remote panel's actions
     * @param systemService the panel is this machine's system service
     */
    public RemoteShareView(ServiceContext context, String panel, Path ownDataDir, PanelActions actions, boolean systemService) {
        this.context = context;
        this.ownDataDir = ownDataDir;
        this.address = new AddressSection(this::refresh, null, "the Clients page of '" + panel + "'");
        this.routstr = new RemoteRoutstrSection(context, panel, actions, systemService, address::virtualPort);
        setFitToWidth(true);
        ScrollPanes.withoutViewportCache(this);
        setId("remote-share-view");
        socksInfo.setId("remote-share-socks");
        socksInfo.setWrapText(true);
        socksInfo.getStyleClass().add("muted");
        // Routstr before the snippets: from here the operator looks after the server's node; the set-ups are for
        // programs on this desktop.
        VBox content = new VBox(14, section("Address"), address, section("Routstr on '" + panel + "'"), routstr,
                section("Client set-up on this computer"), socksInfo, snippets);
        content.getStyleClass().addAll("page", "share");
        setContent(content);
        show();
    }

    /**
     * Re-reads the address, ports and this computer's SOCKS port, and reads Routstr's announcement through the onion
     * again (called when the Share tab is shown: opening the tester alone makes no request of its own to Routstr).
     */
    public void refresh() {
        show();
        routstr.lookAtNode();
    }

    private void show() {
        Optional<String> onion = context.onion();
        address.show(onion, context.virtualPorts(), context.clientAuth());
        int fixed = new SettingsStore(ownDataDir).load().tor().fixedSocksPort();
        int automatic = context.socks().map(java.net.InetSocketAddress::getPort).orElse(0);
        int port = fixed > 0 ? fixed : automatic > 0 ? automatic : 9050;
        socksInfo.setText((fixed > 0 ? "Through this computer's tor, at its fixed SOCKS port 127.0.0.1:" + fixed + "."
                : automatic > 0 ? "Through this computer's tor, at its automatic SOCKS port 127.0.0.1:" + automatic
                + " (it changes when tor restarts; a fixed port is set in Settings)."
                : "This computer's tor is not running: the snippets name 9050, a system tor's SOCKS port.")
                + " On any other machine, put the SOCKS port of that machine's tor in its place.");
        snippets.getChildren().setAll(SnippetCards.of(onion, address.virtualPort(), port));
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-title");
        return l;
    }
}
