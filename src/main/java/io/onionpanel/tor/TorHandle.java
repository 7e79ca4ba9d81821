package io.onionpanel.tor;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A tor the engine runs its services on: one it launched ({@link TorProcess}) or one it attached to
 * ({@code attach.AttachedTor}). The engine needs the same few things of both.
 */
public interface TorHandle {
    /** tor's process id (0 when unknown, e.g. a tor on another machine). */
    long pid();

    /** Completes when this tor is gone for the engine: the process exited, or the control connection was lost. */
    CompletableFuture<?> onExit();

    TorControl control();

    /** "host:port" or "unix:/path" of the control port, for runtime.json. */
    String controlEndpoint() throws IOException;

    InetSocketAddress socksAddress() throws IOException;

    /** The SOCKS listener, or null: tor opens none while DisableNetwork is set, which is not an error. */
    default InetSocketAddress socksIfListening() {
        try {
            return socksAddress();
        } catch (IOException e) {
            return null;
        }
    }

    TorEvent.Bootstrap bootstrapPhase() throws IOException;

    /** Makes tor run exactly these services (SETCONF for a launched tor, ADD_ONION/DEL_ONION when attached). */
    void applyServices(List<Torrc.Service> services) throws IOException;

    /** For the operator, after {@link #onExit()}: what happened and the last words, if any. */
    String exitDescription();

    /** Stops using this tor: a launched tor is shut down, an attached one keeps running without our services. */
    void stop(Duration grace);
}
