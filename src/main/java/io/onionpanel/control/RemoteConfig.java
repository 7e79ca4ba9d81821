package io.onionpanel.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The server's remote access as stored in {@code remote/remote.json}: on or off, and the paired desktops with the
 * public half of each one's client key and the SHA-256 of its token (never the pairing code itself).
 */
record RemoteConfig(boolean enabled, List<Desktop> desktops) {
    static final RemoteConfig NONE = new RemoteConfig(false, List.of());

    /** A paired desktop: its name (given on the server), its x25519 public key (base32), its token's SHA-256, when. */
    record Desktop(String name, String publicKey, String tokenSha256, String paired) {
    }

    RemoteConfig {
        desktops = desktops == null ? List.of() : List.copyOf(desktops);
    }

    Optional<Desktop> desktop(String name) {
        return desktops.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    RemoteConfig withEnabled(boolean on) {
        return new RemoteConfig(on, desktops);
    }

    RemoteConfig with(Desktop d) {
        List<Desktop> list = new ArrayList<>(desktops);
        list.removeIf(x -> x.name().equals(d.name()));
        list.add(d);
        return new RemoteConfig(enabled, list);
    }

    RemoteConfig without(String name) {
        List<Desktop> list = new ArrayList<>(desktops);
        list.removeIf(x -> x.name().equals(name));
        return new RemoteConfig(enabled, list);
    }

    /** Published only when on and somebody can use it: with no paired desktop the onion stays offline. */
    boolean published() {
        return enabled && !desktops.isEmpty();
    }
}
