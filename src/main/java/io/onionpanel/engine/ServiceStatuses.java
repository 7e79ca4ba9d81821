package io.onionpanel.engine;

import io.onionpanel.onion.OnionAddress;
import io.onionpanel.onion.ServiceFolders;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.settings.Settings;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Each service's {@link ServiceStatus} as it follows from the settings and what tor did with them (held back,
 * refused, publishing, published): the one place that turns reconciliation into what the operator sees, and that
 * arms the publish timer when a service starts waiting for its descriptor. Engine thread.
 */
final class ServiceStatuses {
    private final ServiceFolders folders;
    private final StatusBoard board;
    private final PublicationWatch publication;
    private final ClientChangeTracker clientChanges;

    ServiceStatuses(ServiceFolders folders, StatusBoard board, PublicationWatch publication, ClientChangeTracker clientChanges) {
        this.folders = folders;
        this.board = board;
        this.publication = publication;
        this.clientChanges = clientChanges;
    }

    /** Brings the per-service statuses in line with the settings and what tor has reported. */
    void refresh(Settings settings, boolean torUp, Map<String, String> heldBack,
                 Map<Path, ServiceApplication.Refusal> refusedByTor) {
        Set<String> present = new HashSet<>();
        for (ServiceConfig s : settings.services()) {
            present.add(s.name());
            ServiceStatus before = board.service(s.name());
            String onion = OnionAddress.readHostname(folders.dir(s.name())).orElse(null);
            ServiceStatus.State state;
            String detail = null;
            ServiceApplication.Refusal refused = refusedByTor.get(folders.dir(s.name()));
            if (!s.enabled() || !torUp || heldBack.containsKey(s.name()) || refused != null) {
                state = ServiceStatus.State.STOPPED;
                detail = !s.enabled() || !torUp ? null
                        : heldBack.containsKey(s.name()) ? heldBack.get(s.name()) : "tor refused it: " + refused.reason() + ".";
                if (onion != null) {
                    publication.forget(onion);
                    clientChanges.forget(onion);
                }
            } else if (onion != null && publication.isUploaded(onion)) {
                boolean checked = before != null && onion.equals(before.onion())
                        && (before.state() == ServiceStatus.State.PUBLISHED || before.state() == ServiceStatus.State.UNREACHABLE);
                // Keep the last reachability verdict; the next check will revise it.
                state = checked ? before.state() : ServiceStatus.State.PUBLISHED;
                detail = checked ? before.detail() : null;
            } else {
                state = ServiceStatus.State.STARTING;
                detail = board.torStatus().state() == TorStatus.State.RUNNING ? "Publishing the descriptor" : "Waiting for tor to bootstrap";
            }
            ServiceStatus next = new ServiceStatus(s.name(), onion, state, s.ports(), detail);
            if (!next.equals(before)) {
                board.update(next);
                if (state == ServiceStatus.State.STARTING && board.torStatus().state() == TorStatus.State.RUNNING) {
                    publication.armPublishTimer(s.name(), settings.tor().publishTimeoutSeconds());
                }
            }
        }
        for (String name : board.names()) {
            if (!present.contains(name)) {
                publication.cancelPublishTimer(name);
                ServiceStatus gone = board.remove(name);
                if (gone.onion() != null) {
                    publication.forget(gone.onion());
                    clientChanges.forget(gone.onion());
                }
            }
        }
    }

    /** tor bootstrapped: the services it was given publish now; the others could not be given (the error said why). */
    void bootstrapped(int publishTimeout, Set<Path> given) {
        for (ServiceStatus s : board.services()) {
            if (s.state() != ServiceStatus.State.STARTING) {
                continue;
            }
            if (given.contains(folders.dir(s.name()))) {
                board.update(s.with(ServiceStatus.State.STARTING, "Publishing the descriptor"));
                publication.armPublishTimer(s.name(), publishTimeout);
            } else {
                // The settings could not be applied at bootstrap (the error says why): nothing to publish.
                board.update(s.with(ServiceStatus.State.STOPPED, "Not given to tor: the settings could not be applied (see"
                        + " the error); the next change of the settings tries again"));
            }
        }
    }
}
