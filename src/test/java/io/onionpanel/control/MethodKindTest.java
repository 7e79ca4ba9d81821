package io.onionpanel.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The one table of method kinds, and the allow-lists of the group socket and of remote access derived from it. */
class MethodKindTest {
    private static final List<String> PANEL_METHODS = List.of("services.list", "services.add", "services.edit",
            "services.rename", "services.remove", "clients.list", "clients.add", "clients.remove", "settings.get",
            "settings.put", "backup.export", "backup.restore", "balance.status", "balance.joinCode", "balance.makeFrontend",
            "balance.addBackend", "balance.removeBackend");
    /** The reads among them: a join code holds the frontend's public address only. */
    private static final Set<String> PANEL_READS = Set.of("services.list", "clients.list", "settings.get", "balance.status",
            "balance.joinCode");

    @Test
    void everyPanelMethodHasAKindAndOnlyBackupsCarryKeys() {
        for (String m : PANEL_METHODS) {
            assertTrue(MethodKind.OF.containsKey(m), m);
            assertTrue(PanelMethods.handles(m), m);
            assertEquals(m.startsWith("backup."), MethodKind.OF.get(m) == MethodKind.KEYS, m);
            assertEquals(PANEL_READS.contains(m), MethodKind.OF.get(m) == MethodKind.READ, m);
        }
        assertEquals(MethodKind.KEYS, MethodKind.OF.get("remoteAccess"), "a client's private key goes to tor through it");
    }

    @Test
    void theGroupSocketGetsNoKeyMaterial() {
        assertTrue(MethodKind.GROUP.containsAll(Set.of("status", "services.add", "services.remove", "clients.add",
                "settings.put", "applySettings", "stop")));
        for (String keys : List.of("backup.export", "backup.restore", "remoteAccess")) {
            assertFalse(MethodKind.GROUP.contains(keys), keys);
            SessionGate gate = SessionGate.only(MethodKind.GROUP, "on the group's socket");
            ControlException e = assertThrows(ControlException.class, () -> gate.admit(keys, MissingNode.getInstance()));
            assertEquals(RemoteGate.NOT_ALLOWED, e.code());
        }
        SessionGate gate = SessionGate.only(MethodKind.GROUP, "on the group's socket");
        assertNull(gate.admit("services.add", MissingNode.getInstance()));
        assertNull(gate.admit("noSuchMethod", MissingNode.getInstance()), "answered 'no such method' by the methods");
    }

    @Test
    void remoteAccessTakesEveryKindButTheLocalOnlyMethodsAndLogsAllButReads() {
        for (Map.Entry<String, MethodKind> e : MethodKind.OF.entrySet()) {
            String m = e.getKey();
            assertEquals(!MethodKind.LOCAL_ONLY.contains(m), RemoteMethods.allowed(m), m);
            assertEquals(RemoteMethods.allowed(m) && e.getValue() != MethodKind.READ, RemoteMethods.logged(m), m);
        }
        assertTrue(RemoteMethods.ALLOWED.containsAll(PANEL_METHODS));
        for (String m : List.of("stop", "stopTor", "socks", "remoteChanged", "remoteAccess")) {
            assertFalse(RemoteMethods.allowed(m), m);
        }
    }

    @Test
    void aRemoteSessionLetsItsListThroughAndLogsChangesWithTheDesktopNotTheParams() {
        String token = RemoteToken.generate();
        RemoteGate gate = new RemoteGate(Map.of("laptop", RemoteToken.hash(token))::get, new TokenBucket(1000, 1000, System::nanoTime));
        ObjectNode hello = io.onionpanel.common.json.JsonCodec.objectNode().put("desktop", "laptop").put("token", token);
        gate.admit("hello", hello);
        Logger log = (Logger) LoggerFactory.getLogger(RemoteGate.class);
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        ch.qos.logback.classic.Level level = log.getLevel();
        log.setLevel(ch.qos.logback.classic.Level.INFO);
        log.addAppender(seen);
        try {
            ObjectNode secret = io.onionpanel.common.json.JsonCodec.objectNode().put("service", "api").put("passphrase", "sekrit words");
            for (String m : PANEL_METHODS) {
                assertNull(gate.admit(m, secret), m);
            }
            List<String> lines = seen.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            for (String m : PANEL_METHODS) {
                boolean logged = lines.contains("Remote desktop 'laptop' called " + m);
                assertEquals(MethodKind.OF.get(m) != MethodKind.READ, logged, m + " in " + lines);
            }
            assertTrue(lines.stream().noneMatch(l -> l.contains("sekrit")), "never the parameters");
        } finally {
            log.detachAppender(seen);
            log.setLevel(level);
        }
    }
}
