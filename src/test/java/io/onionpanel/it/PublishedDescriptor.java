package io.onionpanel.it;

import io.onionpanel.onion.OnionDescriptor;
import io.onionpanel.tor.TorControl;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * A service's descriptor as its tor publishes it ({@code GETINFO hs/service/desc/id}), opened with nothing but the
 * onion address, as any client could: the evidence of what tor really announces (e.g. {@code pow-params}).
 */
public final class PublishedDescriptor {
    private PublishedDescriptor() {
    }

    /** The {@code pow-params} lines of the service's descriptor on the panel's own tor (the running instance's). */
    public static List<String> powParamsOnPanel(Path dataDir, String onion) throws IOException {
        try (TorControl c = PanelTor.control(dataDir)) {
            return read(c, onion).lines("pow-params");
        }
    }

    /** The {@code pow-params} lines of the service's descriptor on the tor with this control port and cookie. */
    public static List<String> powParams(InetSocketAddress control, byte[] cookie, String onion) throws IOException {
        return read(control, cookie, onion).lines("pow-params");
    }

    public static OnionDescriptor.Layers read(InetSocketAddress control, byte[] cookie, String onion) throws IOException {
        try (TorControl c = TorControl.connect(control, cookie, e -> { }, () -> { })) {
            return read(c, onion);
        }
    }

    private static OnionDescriptor.Layers read(TorControl c, String onion) throws IOException {
        String id = onion.endsWith(".onion") ? onion.substring(0, onion.length() - ".onion".length()) : onion;
        return OnionDescriptor.open(c.getInfo("hs/service/desc/id/" + id), id);
    }
}
