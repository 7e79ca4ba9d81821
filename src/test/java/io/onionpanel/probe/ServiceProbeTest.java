package io.onionpanel.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * What the probe's client half puts on the wire (pure protocol logic; the probe through a real tor is in the
 * private-network tests): the onion name travels inside the SOCKS request (ATYP 3, never resolved here), with
 * the probe's own isolation credentials, and tor's extended error comes back in words with its code.
 */
class ServiceProbeTest {
    private static final String ONION = "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz2345.onion";

    @Test
    void theNameGoesToTorAndAnExtendedErrorComesBackInWords() throws Exception {
        try (ServerSocket socksPort = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String[]> seen = CompletableFuture.supplyAsync(() -> {
                try (Socket s = socksPort.accept()) {
                    DataInputStream in = new DataInputStream(s.getInputStream());
                    OutputStream out = s.getOutputStream();
                    in.readNBytes(3); // 5, 1 method, 2 = username/password
                    out.write(new byte[]{5, 2});
                    in.readUnsignedByte();
                    String user = new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.US_ASCII);
                    in.readNBytes(in.readUnsignedByte());
                    out.write(new byte[]{1, 0});
                    in.readNBytes(3);
                    int atyp = in.readUnsignedByte();
                    String host = new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.US_ASCII);
                    int port = in.readUnsignedShort();
                    // tor: "onion service descriptor not found"
                    out.write(new byte[]{5, (byte) 0xF0, 0, 1, 0, 0, 0, 0, 0, 0});
                    out.flush();
                    return new String[]{user, Integer.toString(atyp), host, Integer.toString(port)};
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            ServiceProbe probe = new ServiceProbe(InetSocketAddress.createUnresolved("127.0.0.1", socksPort.getLocalPort()),
                    Duration.ofSeconds(10));
            SelfProbeResult r = probe.probe(ONION, 80, "/v1/info");
            probe.close();
            String[] wire = seen.get();
            assertEquals(ServiceProbe.ISOLATION, wire[0], "the probe's own circuits");
            assertEquals("3", wire[1], "a domain name, resolved by tor");
            assertEquals(ONION, wire[2]);
            assertEquals("80", wire[3]);
            assertNull(r.httpStatus());
            assertEquals(0xF0, r.socksReply());
            assertTrue(r.reason().startsWith("onion service descriptor not found") && r.reason().endsWith("(SOCKS 0xF0)"), r.reason());
            assertEquals("/v1/info", r.path());
        }
    }
}
