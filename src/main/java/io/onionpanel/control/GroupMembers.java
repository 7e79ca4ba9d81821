package io.onionpanel.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The users listed as members of a group in the group file ({@code /etc/group}: {@code name:x:gid:user1,user2}).
 * SO_PEERCRED, as Java gives it, carries the peer's uid and primary gid but not its supplementary groups (and no pid
 * to read them from /proc), so a peer whose primary group is not the socket's is let in when the group file lists
 * its user. Groups kept only in a directory service (LDAP through NSS) are not read: such a member uses the group
 * as primary group ({@code sg onion-panel -c ...}) or is added to /etc/group.
 */
final class GroupMembers {
    static final Path ETC_GROUP = Path.of("/etc/group");

    private GroupMembers() {
    }

    /** The user names the group file lists for {@code group}; empty when it has none, or the file cannot be read. */
    static Set<String> of(Path groupFile, String group) {
        try {
            for (String line : Files.readAllLines(groupFile, StandardCharsets.UTF_8)) {
                String[] fields = line.split(":", -1);
                if (fields.length == 4 && fields[0].equals(group)) {
                    return Arrays.stream(fields[3].split(",")).map(String::strip).filter(s -> !s.isEmpty())
                            .collect(Collectors.toUnmodifiableSet());
                }
            }
        } catch (IOException e) {
            // Unreadable: nobody is a listed member; the socket's owner and primary-group members still get in.
        }
        return Set.of();
    }
}
