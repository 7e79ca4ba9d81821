package io.onionpanel.tor;

import java.nio.file.Path;

/** Tor's files inside the panel's data folder: {@code <data>/tor/}. */
public record TorPaths(Path root) {
    public static TorPaths in(Path dataDir) {
        return new TorPaths(dataDir.resolve("tor"));
    }

    public Path dataDirectory() {
        return root.resolve("data");
    }

    public Path torrc() {
        return root.resolve("torrc");
    }

    public Path controlPortFile() {
        return root.resolve("control-port");
    }

    public Path cookie() {
        return dataDirectory().resolve("control_auth_cookie");
    }

    public Path log() {
        return root.resolve("tor.log");
    }
}
