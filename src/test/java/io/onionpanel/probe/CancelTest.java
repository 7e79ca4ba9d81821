package io.onionpanel.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Cancelling a run: requests not yet sent are dropped, not counted as failures. */
class CancelTest {
    @Test
    void cancelStopsTheRemainingRequests() throws Exception {
        try (FakeSocksServer socks = new FakeSocksServer(0, "{}")) {
            EndpointTester tester = new EndpointTester(new InetSocketAddress("127.0.0.1", socks.port()), null);
            AtomicBoolean cancel = new AtomicBoolean();
            ProbeResult r = tester.run(NoLocalDnsTest.ONION, ProbeRequest.INFO, new ProbeOptions(20, 1, false, List.of(), null),
                    new ProbeListener() {
                        @Override
                        public void attemptFinished(ProbeAttempt attempt) {
                            if (attempt.index() == 1) {
                                cancel.set(true);
                            }
                        }
                    }, cancel);
            assertEquals(2, r.attempts().size());
            assertEquals(2, r.summary().ok());
            assertTrue(r.verdictText().endsWith("Cancelled after 2 of 20 requests."), r.verdictText());
            assertEquals(2, socks.connects.size());

            ProbeResult none = tester.run(NoLocalDnsTest.ONION, ProbeRequest.INFO, ProbeOptions.defaults(),
                    ProbeListener.NONE, new AtomicBoolean(true));
            assertEquals(0, none.attempts().size());
            assertEquals("No request was sent (cancelled).", none.verdictText());
            assertTrue(!none.allOk(), "nothing answered is not a success");
        }
    }
}
