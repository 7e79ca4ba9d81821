package io.onionpanel.testnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The stand-in answers like Routstr Core and can come back on the same port. No tor needed. */
class StandInRoutstrTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void answersInfoModelsAndNotFound() throws Exception {
        try (StandInRoutstr routstr = StandInRoutstr.start()) {
            assertEquals("127.0.0.1:" + routstr.port(), routstr.hostPort());
            assertResponse(routstr, "/v1/info", 200, StandInRoutstr.INFO_JSON);
            assertResponse(routstr, "/v1/models", 200, StandInRoutstr.MODELS_JSON);
            assertResponse(routstr, "/v1/chat/completions", 404, StandInRoutstr.NOT_FOUND_JSON);
            assertEquals(3, routstr.requestCount());
        }
    }

    @Test
    void restartsOnTheSamePort() throws Exception {
        StandInRoutstr first = StandInRoutstr.start();
        int port = first.port();
        first.stop();
        assertThrows(IOException.class, () -> get(port, "/v1/info"));
        try (StandInRoutstr second = StandInRoutstr.start(port)) {
            assertEquals(port, second.port());
            assertResponse(second, "/v1/info", 200, StandInRoutstr.INFO_JSON);
        }
    }

    private void assertResponse(StandInRoutstr routstr, String path, int status, String body) throws Exception {
        HttpResponse<String> response = get(routstr.port(), path);
        assertEquals(status, response.statusCode());
        assertEquals(body, response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
