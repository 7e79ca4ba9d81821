package io.onionpanel.it;

import io.onionpanel.engine.RuntimeInfo;
import io.onionpanel.tor.TorControl;
import io.onionpanel.tor.TorPaths;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** The control port of the tor a running panel owns (its runtime.json and cookie), as a test reaches it. */
public final class PanelTor {
    private PanelTor() {
    }

    public static TorControl control(Path dataDir) throws IOException {
        RuntimeInfo info = RuntimeInfo.read(dataDir).orElseThrow(() -> new AssertionError("no runtime.json while running"));
        String[] hostPort = info.control().split(":");
        return TorControl.connect(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])),
                Files.readAllBytes(TorPaths.in(dataDir).cookie()), e -> { }, () -> { });
    }

    /**
     * What a visitor's "new identity" does: new circuits, and tor's client forgets the onion descriptors it cached
     * (NEWNYM purges the client's HS state). Service-side circuits are untouched, so a stuck service stays stuck.
     */
    public static void newIdentity(Path dataDir) throws IOException {
        try (TorControl c = control(dataDir)) {
            c.signal("NEWNYM");
        }
    }
}
