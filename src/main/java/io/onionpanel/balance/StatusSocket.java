package io.onionpanel.balance;

import com.fasterxml.jackson.databind.JsonNode;
import io.onionpanel.common.json.JsonCodec;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Onionbalance's status socket ({@code status-socket-location}): on connect it writes one JSON object with each
 * instance's descriptor, and closes. Read here for "descriptor fetched" and its introduction point count.
 */
final class StatusSocket {
    /** What Onionbalance says of one backend. */
    record Instance(boolean fetched, int introPoints) {
    }

    private static final JsonCodec MAPPER = JsonCodec.STANDARD;

    private StatusSocket() {
    }

    /** Backend address (with ".onion") → its state; throws when the socket is not there (Onionbalance not up yet). */
    static Map<String, Instance> read(Path socket) throws IOException {
        StringBuilder text = new StringBuilder();
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ByteBuffer buf = ByteBuffer.allocate(16_384);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (ch.read(buf) >= 0 && System.nanoTime() < deadline) {
                buf.flip();
                text.append(StandardCharsets.UTF_8.decode(buf));
                buf.clear();
            }
        }
        return parse(text.toString());
    }

    static Map<String, Instance> parse(String json) throws IOException {
        Map<String, Instance> out = new HashMap<>();
        for (JsonNode service : MAPPER.readTree(json).path("services")) {
            for (JsonNode i : service.path("instances")) {
                String address = i.path("onionAddress").asText();
                boolean fetched = i.hasNonNull("descriptorReceived") || i.hasNonNull("received");
                out.put(address, new Instance(fetched, i.path("introPointsNum").asInt(0)));
            }
        }
        return out;
    }
}
