package io.onionpanel.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.Set;
import jdk.net.UnixDomainPrincipal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who the group socket lets in, from peer credentials as SO_PEERCRED gives them and a group file. */
class PeerPolicyTest {
    private static final UserPrincipalLookupService USERS = FileSystems.getDefault().getUserPrincipalLookupService();

    @TempDir
    Path dir;

    @Test
    void theOwnerAPrimaryGroupMemberAndAListedMemberGetInNobodyElse() throws Exception {
        UserPrincipal root = USERS.lookupPrincipalByName("root");
        UserPrincipal nobody = USERS.lookupPrincipalByName("nobody");
        GroupPrincipal users = USERS.lookupPrincipalByGroupName("users");
        GroupPrincipal nogroup = USERS.lookupPrincipalByGroupName("nogroup");
        Path groupFile = dir.resolve("group");
        Files.writeString(groupFile, "root:x:0:\nusers:x:100:alice, nobody\nnogroup:x:65534:\n");

        PeerPolicy group = PeerPolicy.ownerOrGroup(root, users, groupFile);
        assertTrue(group.admits(new UnixDomainPrincipal(root, nogroup)), "the engine's own user");
        assertTrue(group.admits(new UnixDomainPrincipal(nobody, users)), "primary group");
        assertTrue(group.admits(new UnixDomainPrincipal(nobody, nogroup)), "listed in the group file");

        Files.writeString(groupFile, "users:x:100:alice\n");
        assertFalse(group.admits(new UnixDomainPrincipal(nobody, nogroup)), "neither: dropped");
        Files.delete(groupFile);
        assertFalse(group.admits(new UnixDomainPrincipal(nobody, nogroup)), "no group file: nobody is listed");

        PeerPolicy owner = PeerPolicy.ownerOnly(root);
        assertTrue(owner.admits(new UnixDomainPrincipal(root, users)));
        assertFalse(owner.admits(new UnixDomainPrincipal(nobody, users)), "the data folder's socket ignores groups");
    }

    @Test
    void groupFileMembersAreTheFourthField() throws Exception {
        Path groupFile = dir.resolve("group");
        Files.writeString(groupFile, "# not a group\nusers:x:100:\nonion-panel:x:998:alice,bob\nbroken:x\n");
        assertEquals(Set.of("alice", "bob"), GroupMembers.of(groupFile, "onion-panel"));
        assertEquals(Set.of(), GroupMembers.of(groupFile, "users"));
        assertEquals(Set.of(), GroupMembers.of(groupFile, "broken"));
        assertEquals(Set.of(), GroupMembers.of(dir.resolve("missing"), "users"));
    }
}
