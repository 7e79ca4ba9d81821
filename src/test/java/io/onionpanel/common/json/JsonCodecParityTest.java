package io.onionpanel.common.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.onionpanel.actions.LocalPanelActions;
import io.onionpanel.balance.BalancedServices;
import io.onionpanel.control.PanelMethodsAccess;
import io.onionpanel.engine.ServiceStatus;
import io.onionpanel.engine.TorStatus;
import io.onionpanel.monitor.CircuitRow;
import io.onionpanel.monitor.HealthCheck;
import io.onionpanel.monitor.HealthLevel;
import io.onionpanel.monitor.LogEntry;
import io.onionpanel.monitor.SeriesPoints;
import io.onionpanel.monitor.ServiceHealth;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.settings.Settings;
import io.onionpanel.settings.SettingsStore;
import io.onionpanel.tor.NetworkVersionStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JsonCodec writes what ObjectMapper wrote, byte for byte, and reads what it read: settings.json (every setting the
 * panel has, and the defaults), the control protocol's values and the engine's answers to every read method. The
 * files operators already have and the clients of docs/control-api.md see no change.
 */
class JsonCodecParityTest {
    private static final ObjectMapper SETTINGS_MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    private static final ObjectMapper PROTOCOL_MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .registerModule(new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance));
    private static final JsonCodec SETTINGS = JsonCodec.STANDARD.failOnUnknownProperties(true);
    private static final JsonCodec PROTOCOL = JsonCodec.STANDARD.failOnUnknownProperties(false);

    @TempDir
    Path data;

    /** Every setting away from its default, as an operator's settings.json may hold it. */
    static final String RICH_SETTINGS = """
            {
              "schemaVersion" : 1,
              "tor" : {
                "binary" : "/usr/sbin/tor",
                "extraTorrcLines" : [ "Log notice stderr", "SafeLogging 1" ],
                "bootstrapTimeoutSeconds" : 240,
                "publishTimeoutSeconds" : 200,
                "fixedSocksPort" : 9150,
                "singleOnion" : true,
                "attach" : {
                  "control" : "127.0.0.1:9051",
                  "auth" : "cookie",
                  "cookieFile" : "/run/tor/control.authcookie"
                },
                "allowUnsupported" : true,
                "connection" : {
                  "mode" : "bridges",
                  "bridges" : [ "obfs4 192.0.2.1:443 0123456789ABCDEF0123456789ABCDEF01234567 cert=abc iat-mode=0" ]
                }
              },
              "services" : [ {
                "name" : "api",
                "enabled" : true,
                "ports" : [ {
                  "virtual" : 80,
                  "targets" : [ "127.0.0.1:8000", "127.0.0.1:8001" ]
                } ],
                "clientAuth" : {
                  "enabled" : true,
                  "clients" : [ ]
                },
                "defenses" : {
                  "maxStreams" : 20,
                  "maxStreamsCloseCircuit" : true,
                  "introDefense" : true,
                  "introRatePerSec" : 25,
                  "introBurstPerSec" : 200,
                  "introductionPoints" : 5,
                  "pow" : true,
                  "powQueueRate" : 250,
                  "powQueueBurst" : 2500
                }
              }, {
                "name" : "lb",
                "enabled" : false,
                "ports" : [ {
                  "virtual" : 443,
                  "targets" : [ "unix:/run/api.sock" ]
                } ],
                "balance" : {
                  "role" : "FRONTEND",
                  "backends" : [ "aaaa.onion" ]
                }
              } ],
              "ui" : {
                "theme" : "dark",
                "x" : 10.0,
                "y" : 20.5,
                "width" : 1024.0,
                "height" : 700.0,
                "keepOnline" : true
              },
              "monitor" : {
                "probeIntervalSeconds" : 60,
                "probePaths" : {
                  "api" : "/v1/info"
                },
                "metricsAddress" : "127.0.0.1:9100",
                "routstrNodes" : {
                  "api" : "http://127.0.0.1:8000"
                }
              }
            }""";

    @Test
    void settingsAreWrittenAndReadAsObjectMapperDid() throws Exception {
        for (Settings s : List.of(Settings.defaults(), SETTINGS_MAPPER.readValue(RICH_SETTINGS, Settings.class))) {
            assertEquals(SETTINGS_MAPPER.writeValueAsString(s), new String(SETTINGS.writePrettyBytes(s), StandardCharsets.UTF_8));
            byte[] written = SETTINGS_MAPPER.writeValueAsBytes(s);
            assertEquals(SETTINGS_MAPPER.readValue(written, Settings.class), SETTINGS.readValue(written, Settings.class));
        }
        assertEquals(SETTINGS_MAPPER.readValue(RICH_SETTINGS, Settings.class), SETTINGS.readValue(RICH_SETTINGS, Settings.class));
        // An older file: fields added since are absent, and the records' constructors fill them in.
        String old = "{\"schemaVersion\":1,\"tor\":{\"binary\":null,\"extraTorrcLines\":[],\"bootstrapTimeoutSeconds\":180,"
                + "\"publishTimeoutSeconds\":180,\"fixedSocksPort\":0},\"services\":[],\"ui\":{\"theme\":\"light\"},"
                + "\"monitor\":{\"probeIntervalSeconds\":30,\"probePaths\":{}}}";
        assertEquals(SETTINGS_MAPPER.readValue(old, Settings.class), SETTINGS.readValue(old, Settings.class));
    }

    @Test
    void badSettingsAreRefusedWhereObjectMapperRefusedThem() throws Exception {
        for (String bad : List.of(
                RICH_SETTINGS.replace("\"theme\" : \"dark\"", "\"theme\" : \"dark\", \"colour\" : 1"),
                RICH_SETTINGS.replace("\"role\" : \"FRONTEND\"", "\"role\" : \"MIDDLE\""),
                RICH_SETTINGS.replace("\"virtual\" : 80", "\"virtual\" : [ 80 ]"),
                RICH_SETTINGS.replace("\"virtual\" : 80", "\"virtual\" : 8000000000"),
                RICH_SETTINGS.replace("\"services\" : [", "\"services\" : {"))) {
            assertThrows(Exception.class, () -> SETTINGS_MAPPER.readValue(bad, Settings.class), bad);
            assertThrows(java.io.IOException.class, () -> SETTINGS.readValue(bad, Settings.class), bad);
        }
        for (String lenient : List.of(RICH_SETTINGS.replace("\"virtual\" : 80", "\"virtual\" : \"80\""),
                RICH_SETTINGS.replace("\"fixedSocksPort\" : 9150", "\"fixedSocksPort\" : null"),
                RICH_SETTINGS.replace("\"fixedSocksPort\" : 9150,", ""))) {
            assertEquals(SETTINGS_MAPPER.readValue(lenient, Settings.class), assertDoesNotThrow(lenient));
        }
    }

    private static Settings assertDoesNotThrow(String json) {
        try {
            return SETTINGS.readValue(json, Settings.class);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void protocolValuesAreTheSame() throws Exception {
        Instant t = Instant.parse("2026-12-02T15:00:01.250Z");
        List<Object> values = List.of(
                new TorStatus(TorStatus.State.BOOTSTRAPPING, 45, "loading_descriptors", "Loading relay descriptors",
                        "0.4.9.11", "system", null, false, new NetworkVersionStatus("0.4.9.11", "recommended", "0.4.9.11", t)),
                new ServiceStatus("api", "abc.onion", ServiceStatus.State.PUBLISHED,
                        List.of(PortMapping.of(80, "127.0.0.1:8000", "127.0.0.1:8001")), "Reachable"),
                new ServiceHealth("api", List.of(new HealthCheck("reachable", HealthLevel.OK, "HTTP 200", t)),
                        HealthLevel.OK, "all checks pass", t),
                new LogEntry(7, t, "tor", "NOTICE", "Bootstrapped 100%"),
                List.of(new CircuitRow("12", "BUILT", "HS_SERVICE_INTRO", List.of("$AA~relay0", "$BB~relay1"), t, 120L),
                        new CircuitRow("13", "LAUNCHED", "GENERAL", List.of(), t, null)),
                new SeriesPoints(new long[]{1000, 2000, 3000}, new double[]{1.5, Double.NaN, 3}),
                new byte[]{1, 2, 3, (byte) 0xff},
                Map.of("n", 1.25f, "big", Long.MAX_VALUE, "none", List.of()));
        for (Object v : values) {
            assertEquals(PROTOCOL_MAPPER.writeValueAsString(v), PROTOCOL.writeValueAsString(v), v.getClass().getName());
        }
    }

    @Test
    void theEnginesAnswersToEveryReadMethodAreTheSame() throws Exception {
        LocalPanelActions actions = new LocalPanelActions(data);
        PanelMethodsAccess methods = new PanelMethodsAccess(actions, data);
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("services.add", methods.call("services.add", "{\"name\": \"api\", \"ports\": [\"80=127.0.0.1:8000\"],"
                + " \"defenses\": {\"pow\": false, \"introPoints\": \"5\"}}"));
        answers.put("clients.add", methods.call("clients.add", "{\"service\": \"api\", \"client\": \"bob\", \"publicKey\": \""
                + "B".repeat(51) + "Q\", \"note\": \"laptop\"}"));
        answers.put("services.list", methods.call("services.list", null));
        answers.put("clients.list", methods.call("clients.list", "{\"service\": \"api\"}"));
        answers.put("settings.get", methods.call("settings.get", null));
        new BalancedServices(data).makeFrontend("lb", List.of(PortMapping.of(80, "127.0.0.1:9")));
        answers.put("balance.status", methods.call("balance.status", null));
        answers.put("balance.joinCode", methods.call("balance.joinCode", "{\"service\": \"lb\"}"));
        answers.put("services.edit", methods.call("services.edit", "{\"name\": \"api\", \"enabled\": false}"));
        answers.put("services.remove", methods.call("services.remove", "{\"name\": \"api\"}"));
        for (Map.Entry<String, Object> a : answers.entrySet()) {
            String expected = PROTOCOL_MAPPER.writeValueAsString(a.getValue());
            assertEquals(expected, PROTOCOL.writeValueAsString(a.getValue()), a.getKey());
            JsonNode tree = PROTOCOL.readTree(expected);
            assertEquals(PROTOCOL_MAPPER.readTree(expected), tree, a.getKey() + ": the same tree from the same text");
            if (a.getValue() != null && a.getValue().getClass().isRecord()) {
                assertEquals(PROTOCOL_MAPPER.readValue(expected, a.getValue().getClass()),
                        PROTOCOL.treeToValue(tree, a.getValue().getClass()), a.getKey() + " read back");
            }
        }
        assertTrue(Files.exists(new SettingsStore(data).file()));
    }
}
