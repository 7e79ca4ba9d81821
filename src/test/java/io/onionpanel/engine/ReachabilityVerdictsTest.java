package io.onionpanel.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.probe.SelfProbeResult;
import io.onionpanel.settings.PortMapping;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One prober's look decides a service's reachability: what answered, two failures in a row, a local API down. */
class ReachabilityVerdictsTest {
    private static final String ONION = "a".repeat(56) + ".onion";
    private final StatusBoard board = new StatusBoard();
    private final ReachabilityVerdicts verdicts = new ReachabilityVerdicts(board);
    private final List<String> unreachable = new CopyOnWriteArrayList<>();

    @BeforeEach
    void published() {
        board.update(new ServiceStatus("api", ONION, ServiceStatus.State.PUBLISHED,
                List.of(PortMapping.of(80, "127.0.0.1:8000")), null));
        board.addListener(new EngineListener() {
            @Override
            public void serviceUnreachable(String service, String message) {
                unreachable.add(message);
            }
        });
    }

    @Test
    void anAnswerThroughTorMakesItReachableWithWhatAnsweredAndHowFast() {
        assertFalse(verdicts.judge(check(1, answered(200, 812))));
        ServiceStatus s = board.service("api");
        assertEquals(ServiceStatus.State.PUBLISHED, s.state());
        assertEquals("Reachable through tor: HTTP 200 for /v1/info in 812 ms", s.detail());
    }

    @Test
    void oneFailureIsRetriedSoonTwoInARowMakeItUnreachable() {
        assertTrue(verdicts.judge(check(1, failed())), "the first failure asks for a quick retry");
        assertEquals(ServiceStatus.State.PUBLISHED, board.service("api").state(), "one failure is not news");
        assertFalse(verdicts.judge(check(1, failed())));
        ServiceStatus s = board.service("api");
        assertEquals(ServiceStatus.State.UNREACHABLE, s.state());
        assertEquals("Unreachable through tor: introduction failed", s.detail());
        assertEquals(1, unreachable.size(), "said once");

        verdicts.judge(check(1, answered(200, 90)));
        assertEquals(ServiceStatus.State.PUBLISHED, board.service("api").state(), "back when it answers");
    }

    @Test
    void aLocalApiThatIsDownIsToldApartFromTor() {
        verdicts.judge(check(0, failed()));
        verdicts.judge(check(0, failed()));
        assertEquals("The local API is not answering: nothing accepts connections at 127.0.0.1:8000 (is the API running?)",
                board.service("api").detail());
    }

    @Test
    void aServiceForAuthorisedClientsOnlyIsPublishedAndNotCountedAsFailing() {
        for (int i = 0; i < 3; i++) {
            assertFalse(verdicts.judge(check(1, SelfProbeResult.notProbedClientAuth(Instant.now(), "/"))));
        }
        ServiceStatus s = board.service("api");
        assertEquals(ServiceStatus.State.PUBLISHED, s.state());
        assertTrue(s.detail().startsWith("Published for authorised clients only"), s.detail());
        assertTrue(unreachable.isEmpty());
    }

    @Test
    void aLookAtAnOlderAddressOrAStoppedServiceChangesNothing() {
        verdicts.judge(new ServiceCheck("api", "b".repeat(56) + ".onion", 1, 1, failed()));
        verdicts.judge(new ServiceCheck("api", "b".repeat(56) + ".onion", 1, 1, failed()));
        assertEquals(ServiceStatus.State.PUBLISHED, board.service("api").state());
        board.update(board.service("api").with(ServiceStatus.State.STOPPED, null));
        verdicts.judge(check(1, answered(200, 5)));
        assertEquals(ServiceStatus.State.STOPPED, board.service("api").state());
    }

    private static ServiceCheck check(int targetsAnswering, SelfProbeResult r) {
        return new ServiceCheck("api", ONION, targetsAnswering, 1, r);
    }

    private static SelfProbeResult answered(int status, long millis) {
        return new SelfProbeResult(Instant.now(), "/v1/info", status, millis, "HTTP " + status, 0);
    }

    private static SelfProbeResult failed() {
        return new SelfProbeResult(Instant.now(), "/v1/info", null, 3000, "introduction failed", 0xF2);
    }
}
