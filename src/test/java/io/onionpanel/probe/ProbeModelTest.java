package io.onionpanel.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.onionpanel.common.ValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeModelTest {
    private static ProbeAttempt ok(int i, long ms) {
        return new ProbeAttempt(i, 200, ms, 10, "reused", 0, ProbeVerdict.OK, "", "");
    }

    @Test
    void summaryUsesNearestRankPercentilesOfSuccessfulRequests() {
        List<ProbeAttempt> attempts = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            attempts.add(ok(i, i * 10L));
        }
        attempts.add(new ProbeAttempt(21, 0, 99_999, 0, "fresh", 4, ProbeVerdict.RENDEZVOUS_FAILED, "timeout", ""));
        ProbeSummary s = ProbeSummary.of(attempts);
        assertEquals(21, s.count());
        assertEquals(20, s.ok());
        assertEquals(10L, s.minMs());
        assertEquals(100L, s.p50Ms());
        assertEquals(190L, s.p95Ms());
        assertEquals(200L, s.maxMs());
        assertEquals(20, s.status().get("200"));
        assertEquals(1, s.status().get("none"));
        assertNull(ProbeSummary.of(List.of(attempts.get(20))).p50Ms());
    }

    @Test
    void verdictIsTheMostFrequentFailure() {
        List<ProbeAttempt> a = List.of(ok(0, 5),
                new ProbeAttempt(1, 404, 5, 0, "reused", 0, ProbeVerdict.HTTP_ERROR, "HTTP 404", ""),
                new ProbeAttempt(2, 404, 5, 0, "reused", 0, ProbeVerdict.HTTP_ERROR, "HTTP 404", ""),
                new ProbeAttempt(3, 0, 5, 0, "reused", 0, ProbeVerdict.LOCAL_TARGET_DOWN, "down", ""));
        assertEquals(ProbeVerdict.HTTP_ERROR, EndpointTester.verdictOf(a));
        assertEquals(ProbeVerdict.OK, EndpointTester.verdictOf(List.of(ok(0, 1))));
    }

    @Test
    void headersAreParsedValidatedAndMasked() {
        ProbeHeader h = ProbeHeader.parse("Authorization: Bearer sk-secret", true);
        assertEquals("Authorization", h.name());
        assertEquals("Bearer sk-secret", h.value());
        assertEquals(ProbeHeader.MASK, h.shownValue());
        assertEquals(ProbeHeader.MASK, h.masked().value());
        assertThrows(ValidationException.class, () -> ProbeHeader.parse("no colon", false));
        assertThrows(ValidationException.class, () -> ProbeHeader.parse("X: a\r\nInjected: b", false));
        assertThrows(ValidationException.class, () -> ProbeHeader.parse("Bad Name: v", false));
        assertThrows(ValidationException.class, () -> new ProbeRequest("GET", "/x", List.of(), "body"));
        assertThrows(ValidationException.class, () -> new ProbeRequest("FETCH", "/x", List.of(), null));
        assertThrows(ValidationException.class, () -> new ProbeRequest("GET", "no-slash", List.of(), null));
        assertThrows(ValidationException.class, () -> EndpointTester.baseUrl("http://abcdef.onion"));
    }

    @Test
    void retrySchedules() {
        assertEquals(ProbeOptions.DEFAULT_RETRY_DELAYS, ProbeOptions.parseRetries("4"));
        assertEquals(List.of(), ProbeOptions.parseRetries("none"));
        assertEquals(List.of(Duration.ofMillis(500), Duration.ofSeconds(3)), ProbeOptions.parseRetries("0.5,3"));
        assertThrows(ValidationException.class, () -> ProbeOptions.parseRetries("lots"));
        assertThrows(ValidationException.class, () -> new ProbeOptions(0, 1, false, null, null));
        assertThrows(ValidationException.class, () -> new ProbeOptions(1, 65, false, null, null));
    }

    @Test
    void historyKeepsSecretsMaskedAndIsBounded(@TempDir Path data) throws Exception {
        ProbeHistory history = new ProbeHistory(data);
        ProbeRequest request = new ProbeRequest("POST", "/v1/chat/completions",
                List.of(ProbeHeader.parse("Authorization: Bearer sk-very-secret", true),
                        ProbeHeader.parse("X-Trace: visible", false)), "{}");
        List<ProbeAttempt> attempts = List.of(ok(0, 12));
        for (int i = 0; i < ProbeHistory.MAX_RUNS + 5; i++) {
            history.add("routstr", new ProbeResult("2026-11-25T00:00:" + i, "http://x.onion/v1/chat/completions", request,
                    ProbeOptions.defaults(), attempts, ProbeSummary.of(attempts), ProbeVerdict.OK, "ok " + i));
        }
        String file = Files.readString(data.resolve(ProbeHistory.FILE_NAME));
        assertFalse(file.contains("sk-very-secret"), file);
        List<ProbeHistory.Entry> runs = new ProbeHistory(data).list("routstr");
        assertEquals(ProbeHistory.MAX_RUNS, runs.size());
        assertEquals("ok " + (ProbeHistory.MAX_RUNS + 4), runs.get(0).verdictText());
        assertEquals(ProbeHeader.MASK, runs.get(0).request().headers().get(0).value());
        assertEquals("visible", runs.get(0).request().headers().get(1).value());
        assertEquals(List.of(), history.list("other"));
    }
}
