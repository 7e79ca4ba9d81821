package io.onionpanel.engine;

import io.onionpanel.attach.AttachedTor;
import io.onionpanel.settings.AttachSettings;
import io.onionpanel.settings.TorSettings;
import io.onionpanel.tor.TorBinary;
import io.onionpanel.tor.TorEvent;
import io.onionpanel.tor.TorException;
import io.onionpanel.tor.TorHandle;
import io.onionpanel.tor.TorSupport;
import io.onionpanel.tor.Torrc;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The engine's attach mode, kept out of {@link Engine}: which tor to attach to (this run's --attach-control,
 * else the settings), and connecting to it with the services added. Reconnection after that tor restarts is the
 * engine's ordinary restart-with-backoff: a lost control connection counts as tor exiting.
 */
final class EngineAttach {
    static final Path ATTACHED = Path.of("attached");

    private EngineAttach() {
    }

    static AttachSettings chosen(EngineOptions options, TorSettings settings) {
        return options.attach() != null ? options.attach() : settings.attach();
    }

    /** Stands for the attached tor until connected: version unknown, modules unknown. */
    static TorBinary placeholder() {
        return new TorBinary(ATTACHED, false, "(attached)", Map.of());
    }

    static boolean isAttached(TorBinary binary) {
        return binary != null && ATTACHED.equals(binary.path());
    }

    static TorHandle connect(AttachSettings attach, List<Torrc.Service> services, Consumer<TorEvent> events,
                             Consumer<String> notices) throws EngineException {
        AttachedTor tor;
        try {
            tor = AttachedTor.connect(attach, events, notices);
        } catch (TorException | RuntimeException e) {
            throw new EngineException(e.getMessage(), e);
        }
        try {
            tor.applyServices(services);
        } catch (IOException | RuntimeException e) {
            tor.stop(Duration.ZERO);
            throw new EngineException("The attached tor at " + tor.endpoint() + " did not take the services: " + e.getMessage(), e);
        }
        return tor;
    }

    /** What the panel cannot do to a tor it did not start, said at every attach so nobody relies on it. */
    static java.util.Optional<String> ignoredSettings(TorSettings settings, EngineOptions options) {
        List<String> ignored = new java.util.ArrayList<>();
        if (settings.singleOnion()) {
            ignored.add("single-onion mode (set HiddenServiceNonAnonymousMode/SingleHopMode in that tor's torrc)");
        }
        if (!settings.extraTorrcLines().isEmpty() || !options.extraTorrcLines().isEmpty()) {
            ignored.add("the extra torrc lines");
        }
        if (settings.binary() != null || options.torOverride() != null) {
            ignored.add("the chosen tor binary");
        }
        return ignored.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of("Attached to a running tor: "
                + String.join(", ", ignored) + " do not apply to it.");
    }

    /**
     * Says what the panel attached to (its version, the settings that do not apply to it, a refusal when that tor is
     * below the supported series) and returns the tor as the engine describes it.
     */
    static TorBinary announce(TorHandle tor, AttachSettings attach, TorSettings settings, EngineOptions options, StatusBoard board) {
        TorBinary binary = describe(tor);
        ignoredSettings(settings, options).ifPresent(board::notice);
        board.setTorStatus(new TorStatus(TorStatus.State.STARTING, 0, "starting", "Attached to tor at " + attach.control(),
                binary.version(), "attached", null, false, null));
        TorSupport.refusal(binary).ifPresent(why -> board.error("The attached tor is not supported: " + why));
        return binary;
    }

    static TorBinary describe(TorHandle tor) {
        return tor instanceof AttachedTor a ? new TorBinary(ATTACHED, false, a.describe().version(), Map.of()) : null;
    }
}
