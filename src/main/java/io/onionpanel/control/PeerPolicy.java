package io.onionpanel.control;

import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;
import jdk.net.UnixDomainPrincipal;

/**
 * Who a control socket lets in, decided from the peer's credentials (SO_PEERCRED) before anything it sends is read.
 * The data folder's socket: the engine's own user only. A {@link GroupSocket}: that user, or a member of the group
 * (its primary group, or listed in the group file). The file modes (0600 / 0660) are the first gate, the kernel's;
 * this is the second, should a mode ever be widened.
 */
interface PeerPolicy {
    boolean admits(UnixDomainPrincipal peer);

    static PeerPolicy ownerOnly(UserPrincipal owner) {
        return peer -> peer.user().equals(owner);
    }

    static PeerPolicy ownerOrGroup(UserPrincipal owner, GroupPrincipal group, Path groupFile) {
        return peer -> peer.user().equals(owner) || peer.group().equals(group)
                // Read per connection: someone added to the group (usermod -aG) gets in without a restart.
                || GroupMembers.of(groupFile, group.getName()).contains(peer.user().getName());
    }
}
