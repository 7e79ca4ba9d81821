package io.onionpanel.balance;

import io.onionpanel.onion.OnionAddress;
import io.onionpanel.onion.OnionDescriptor;
import io.onionpanel.tor.TorControl;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The introduction points in a descriptor as any client sees it: asked from the HSDirs ({@code HSFETCH}) through the
 * panel's tor, read from its client cache and opened with the address alone. Comparing the frontend's with each
 * backend's tells whether Onionbalance's published descriptor really carries that backend.
 */
final class DescriptorCheck {
    private DescriptorCheck() {
    }

    /** Asks tor to fetch the current descriptor (answered later, into its cache). */
    static void fetch(TorControl control, String address) {
        try {
            control.command("HSFETCH " + OnionAddress.bare(BalanceRules.requireAddress("Address", address)));
        } catch (IOException | RuntimeException e) {
            // tor refuses while it has no consensus; the next round asks again.
        }
    }

    /**
     * The introduction points of the cached descriptor, if tor holds one, each named by its {@code enc-key ntor} line:
     * the key the service made for that introduction point. Onionbalance copies it unchanged (the backend must
     * decrypt with it; only the certificates are signed again), so it names one backend's introduction point in both
     * descriptors. The {@code introduction-point} line would not do: it names the relay, and backends on a small
     * network share relays (seen on the private network: 4 relays for 3 backends' 9 introduction points).
     */
    static Optional<Set<String>> introPoints(TorControl control, String address) {
        String bare = OnionAddress.bare(address);
        try {
            String text = control.getInfo("hs/client/desc/id/" + bare);
            List<String> lines = OnionDescriptor.open(text, bare).lines("enc-key");
            return Optional.of(new HashSet<>(lines));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
