package io.onionpanel.control;

import io.onionpanel.auth.ClientKeyPair;
import io.onionpanel.auth.ClientKeys;
import io.onionpanel.auth.ClientValidation;
import io.onionpanel.common.AtomicFiles;
import io.onionpanel.common.FilePermissions;
import io.onionpanel.common.ValidationException;
import io.onionpanel.onion.NewServiceKeys;
import io.onionpanel.onion.OnionAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

/**
 * The server side of remote access in the data folder: {@code remote/} (0700) holds {@code remote.json}
 * ({@link RemoteConfig}, 0600), the control onion's own key folder {@code onion/} (tor's layout, 0700/0600; not a
 * user service: it is not in the settings and never shown with them) and the socket tor forwards to,
 * {@code remote.sock} (0600). Written by the CLI on the server's console; the engine re-reads it when told
 * ({@code remoteChanged}).
 */
public final class RemoteServerFiles {
    public static final String DIR = "remote";
    private final Path dataDir;
    private final Path dir;

    public RemoteServerFiles(Path dataDir) {
        this.dataDir = dataDir;
        this.dir = dataDir.resolve(DIR);
    }

    Path onionDir() {
        return dir.resolve("onion");
    }

    Path socket() {
        return dir.resolve("remote.sock");
    }

    private Path configFile() {
        return dir.resolve("remote.json");
    }

    RemoteConfig read() throws IOException {
        Path f = configFile();
        if (!Files.exists(f)) {
            return RemoteConfig.NONE;
        }
        return ControlProtocol.JSON.readValue(f, RemoteConfig.class);
    }

    private void write(RemoteConfig config) throws IOException {
        FilePermissions.createPrivateDirectories(dir);
        AtomicFiles.writePrivate(configFile(), ControlProtocol.JSON.writePrettyBytes(config));
    }

    /** The control onion's address, making its key on first use. */
    public String address() throws IOException {
        FilePermissions.createPrivateDirectories(dir);
        FilePermissions.createPrivateDirectories(onionDir());
        NewServiceKeys.createIfMissing(onionDir());
        return OnionAddress.readHostname(onionDir()).orElseThrow(() -> new IOException("no hostname in " + onionDir()))
                .toLowerCase(Locale.ROOT).replace(".onion", "");
    }

    /** Turns remote access on (the key is made now, so the address stays the same from here on); returns the address. */
    public String enable() throws IOException {
        String address = address();
        write(read().withEnabled(true));
        return address;
    }

    public void disable() throws IOException {
        write(read().withEnabled(false));
    }

    public boolean enabled() throws IOException {
        return read().enabled();
    }

    /** A paired desktop as shown to the operator: no secret is kept on the server, so none is here. */
    public record PairedDesktop(String name, String paired, String keyFingerprint) {
    }

    /** Names and pairing times of the paired desktops. */
    public java.util.List<String> desktops() throws IOException {
        return pairedDesktops().stream().map(d -> d.name() + "  paired " + d.paired() + "  key " + d.keyFingerprint()).toList();
    }

    public java.util.List<PairedDesktop> pairedDesktops() throws IOException {
        return read().desktops().stream().map(d -> new PairedDesktop(d.name(), d.paired(), ClientKeys.fingerprint(d.publicKey())))
                .toList();
    }

    /**
     * Tells the engine running on this data folder to re-read remote.json now ({@code remoteChanged}); returns what
     * happened, in a sentence for the operator. Blocks briefly.
     */
    public String tellEngine() {
        try {
            java.util.Optional<ControlClient> engine = ControlClient.connect(dataDir);
            if (engine.isPresent()) {
                try (ControlClient client = engine.get()) {
                    client.call("remoteChanged");
                }
                return "The running engine applied this now.";
            }
        } catch (IOException | RuntimeException e) {
            return "The running engine did not answer (" + e.getMessage() + "): this applies when it starts again.";
        }
        return "No engine runs on this data folder: this applies when it starts (onion-panel daemon, or run).";
    }

    /**
     * Pairs a new desktop: a fresh client key pair and token, of which only the public key and the token's hash are
     * kept. Returns the pairing code, the only copy of the secrets. Refuses a name already paired (revoke it first).
     */
    public PairingCode pair(String name) throws IOException {
        ClientValidation.requireName(name);
        RemoteConfig config = read();
        if (!config.enabled()) {
            throw new ValidationException("Remote access is off: turn it on first with 'onion-panel remote enable'");
        }
        if (config.desktop(name).isPresent()) {
            throw new ValidationException("A desktop named '" + name + "' is already paired: revoke it first"
                    + " ('onion-panel remote revoke " + name + "') or choose another name");
        }
        String address = address();
        ClientKeyPair keys = ClientKeys.generate();
        String token = RemoteToken.generate();
        write(config.with(new RemoteConfig.Desktop(name, keys.publicKey(), RemoteToken.hash(token), Instant.now().toString())));
        return new PairingCode(name, address, keys.privateKey(), token);
    }

    /** Removes a desktop; false if none has that name. */
    public boolean revoke(String name) throws IOException {
        RemoteConfig config = read();
        if (config.desktop(name).isEmpty()) {
            return false;
        }
        write(config.without(name));
        return true;
    }
}
