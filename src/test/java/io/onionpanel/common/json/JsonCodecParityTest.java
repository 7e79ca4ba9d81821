package io.onionpanel.common.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.onionpanel.actions.DefenseChanges;
import io.onionpanel.actions.LocalPanelActions;
import io.onionpanel.actions.PanelActions;
import io.onionpanel.balance.BackendHealth;
import io.onionpanel.balance.BalanceHealth;
import io.onionpanel.balance.BalanceWatch;
import io.onionpanel.balance.BalancedServices;
import io.onionpanel.balance.TestOnions;
import io.onionpanel.common.RuntimeFile;
import io.onionpanel.control.KnownRemotes;
import io.onionpanel.control.PairingCode;
import io.onionpanel.control.PanelMethodsAccess;
import io.onionpanel.control.RemoteServerFiles;
import io.onionpanel.engine.RuntimeInfo;
import io.onionpanel.engine.ServiceStatus;
import io.onionpanel.engine.TorStatus;
import io.onionpanel.monitor.CircuitRow;
import io.onionpanel.monitor.HealthCheck;
import io.onionpanel.monitor.HealthLevel;
import io.onionpanel.monitor.LogEntry;
import io.onionpanel.monitor.MetricsSnapshot;
import io.onionpanel.monitor.SeriesPoints;
import io.onionpanel.monitor.ServiceHealth;
import io.onionpanel.onion.ServiceInfo;
import io.onionpanel.probe.ProbeAttempt;
import io.onionpanel.probe.ProbeHeader;
import io.onionpanel.probe.ProbeHistory;
import io.onionpanel.probe.ProbeOptions;
import io.onionpanel.probe.ProbeRequest;
import io.onionpanel.probe.ProbeResult;
import io.onionpanel.probe.ProbeSummary;
import io.onionpanel.probe.ProbeVerdict;
import io.onionpanel.settings.AuthorizedClient;
import io.onionpanel.settings.Balance;
import io.onionpanel.settings.ClientAuth;
import io.onionpanel.settings.DosDefenses;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.settings.Settings;
import io.onionpanel.settings.SettingsException;
import io.onionpanel.settings.SettingsStore;
import io.onionpanel.tor.NetworkVersionStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JsonCodec writes what ObjectMapper wrote, byte for byte, and reads what it read: settings.json (every setting the
 * panel has, and the defaults), the panel's other files, the control protocol's values, the engine's answers to every
 * panel method as the window reads them back, and the CLI's and /status's JSON. Each mapper is configured as the site
 * it replaced was. The files operators already have and the clients of docs/control-api.md see no change.
 */
class JsonCodecParityTest {
    private static final ObjectMapper SETTINGS_MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    /** ControlProtocol's mapper as it was, reading too: its Instant deserializer took the ISO-8601 text it wrote. */
    private static final ObjectMapper PROTOCOL_MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .registerModule(new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance)
                    .addDeserializer(Instant.class, new InstantText()));
    /** A plain {@code new ObjectMapper()}: runtime.json, health.json, the backup's settings.json, the CLI's --json. */
    private static final ObjectMapper PLAIN_MAPPER = new ObjectMapper();
    /** ProbeHistory's: unknown properties ignored. */
    private static final ObjectMapper LENIENT_MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final JsonCodec SETTINGS = JsonCodec.STANDARD.failOnUnknownProperties(true).failOnNullForPrimitives(true);
    private static final JsonCodec PROTOCOL = JsonCodec.STANDARD.failOnUnknownProperties(false);

    private static final class InstantText extends StdScalarDeserializer<Instant> {
        InstantText() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return Instant.parse(p.getValueAsString());
        }
    }

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

    /** Written as {@code mapper} wrote it, compact or pretty (writerWithDefaultPrettyPrinter, INDENT_OUTPUT). */
    private static String written(ObjectMapper mapper, Object value, boolean pretty) throws IOException {
        return pretty ? mapper.writerWithDefaultPrettyPrinter().writeValueAsString(value) : mapper.writeValueAsString(value);
    }

    /** Record equality where it means something; records holding arrays compare by identity, so what they hold. */
    private static void sameValue(Object expected, Object actual, String what) throws IOException {
        assertEquals(expected == null ? null : expected.getClass(), actual == null ? null : actual.getClass(), what);
        if (expected != null && !expected.equals(actual)) {
            assertEquals(PROTOCOL_MAPPER.writeValueAsString(expected), PROTOCOL_MAPPER.writeValueAsString(actual), what);
        }
    }

    /** The same text from both, and the same value read back from it by both. */
    private static <T> void roundTrip(ObjectMapper mapper, JsonCodec codec, boolean pretty, Object value, TypeReference<T> type)
            throws IOException {
        String expected = written(mapper, value, pretty);
        String what = value == null ? "null" : value.getClass().getName();
        assertEquals(expected, pretty ? new String(codec.writePrettyBytes(value), StandardCharsets.UTF_8)
                : codec.writeValueAsString(value), what);
        sameValue(mapper.readValue(expected, type), codec.readValue(expected, type), what + " read back");
    }

    private static final Instant T = Instant.parse("2026-12-02T15:00:01.250Z");

    private static ServiceConfig richService() {
        return new ServiceConfig("api", true, List.of(PortMapping.of(80, "127.0.0.1:8000"), PortMapping.of(443, "unix:/run/a.sock")),
                new ClientAuth(true, List.of(new AuthorizedClient("bob", "B".repeat(51) + "Q", "2026-12-01T10:00:00Z", "laptop"))),
                new DosDefenses(20, true, true, 25, 200, 5, true, 250, 2500), Balance.backendOf(TestOnions.address(1)));
    }

    private static ProbeResult probeResult(ProbeVerdict verdict) {
        ProbeRequest request = new ProbeRequest("POST", "/v1/chat/completions",
                List.of(ProbeHeader.parse("Authorization: Bearer sk-secret", true), ProbeHeader.parse("X-Trace: \"q\" é", false)),
                "{\"model\": \"x\"}");
        List<ProbeAttempt> attempts = List.of(new ProbeAttempt(0, 200, 812, 1024, "fresh", 0, ProbeVerdict.OK, "", "{}"),
                new ProbeAttempt(1, 0, 60_000, 0, "reused", 4, ProbeVerdict.RENDEZVOUS_FAILED, "timeout", ""));
        return new ProbeResult("2026-12-02T15:00:01Z", "http://x.onion/v1/chat/completions", request,
                new ProbeOptions(2, 2, true, ProbeOptions.DEFAULT_RETRY_DELAYS, ProbeOptions.DEFAULT_TIMEOUT), attempts,
                ProbeSummary.of(attempts), verdict, "1 of 2 answered");
    }

    /**
     * The panel's own files, each as its class wrote and read it before: runtime.json (compact), health.json,
     * probe-history.json, remote.json, a desktop's pairing file and a backup's settings.json (pretty). An operator's
     * files from before the change are read the same, and written the same on the next save.
     */
    @Test
    void thePanelsFilesAreWrittenAndReadAsObjectMapperDid() throws Exception {
        RuntimeInfo info = new RuntimeInfo(ProcessHandle.current().pid(), 4242, "127.0.0.1:9050", "unix:/run/tor/control",
                T.toString());
        info.write(data);
        String runtime = Files.readString(data.resolve(RuntimeFile.FILE_NAME));
        assertEquals(PLAIN_MAPPER.writeValueAsString(info), runtime);
        assertEquals(PLAIN_MAPPER.readValue(runtime, RuntimeInfo.class), RuntimeInfo.read(data).orElseThrow());
        // A newer panel's field: RuntimeInfo refuses it as ObjectMapper did; the pid alone (ignoreUnknown) still reads.
        String later = runtime.replace("{", "{\"later\":1,");
        Files.writeString(data.resolve(RuntimeFile.FILE_NAME), later);
        assertThrows(IOException.class, () -> PLAIN_MAPPER.readValue(later, RuntimeInfo.class));
        assertTrue(RuntimeInfo.read(data).isEmpty());
        assertTrue(RuntimeFile.instanceRunning(data));

        BalanceHealth health = new BalanceHealth("lb", TestOnions.address(3), "running", null, 6,
                List.of(new BackendHealth(TestOnions.address(1), true, 3, true, 1_764_000_000_000L, true, null),
                        new BackendHealth(TestOnions.address(2), false, 0, false, 0, false, "descriptor not found")), 1_764_000_001_000L);
        roundTrip(PLAIN_MAPPER, JsonCodec.STANDARD, true, health, new TypeReference<BalanceHealth>() { });
        Files.createDirectories(data.resolve("onionbalance"));
        Files.write(data.resolve("onionbalance/health.json"), JsonCodec.STANDARD.writePrettyBytes(health));
        assertEquals(health, BalanceWatch.read(data).orElseThrow());

        ProbeHistory history = new ProbeHistory(data);
        history.add("api", probeResult(ProbeVerdict.RENDEZVOUS_FAILED));
        history.add("http://y.onion", probeResult(ProbeVerdict.OK));
        byte[] file = Files.readAllBytes(data.resolve(ProbeHistory.FILE_NAME));
        Class<?> content = Class.forName("io.onionpanel.probe.ProbeHistory$FileContent");
        Object read = LENIENT_MAPPER.readValue(file, content);
        assertEquals(LENIENT_MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(read), new String(file, StandardCharsets.UTF_8));
        assertEquals(read, JsonCodec.STANDARD.failOnUnknownProperties(false).readValue(file, content));
        assertEquals(ProbeHistory.Entry.of(probeResult(ProbeVerdict.OK)), history.list("http://y.onion").get(0));

        RemoteServerFiles server = new RemoteServerFiles(data.resolve("server"));
        server.enable();
        PairingCode code = server.pair("laptop");
        server.pair("desk-2");
        byte[] remote = Files.readAllBytes(data.resolve("server/remote/remote.json"));
        Class<?> config = Class.forName("io.onionpanel.control.RemoteConfig");
        Object remoteConfig = PROTOCOL_MAPPER.readValue(remote, config);
        assertEquals(PROTOCOL_MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(remoteConfig), new String(remote, StandardCharsets.UTF_8));
        assertEquals(remoteConfig, PROTOCOL.readValue(remote, config));
        roundTrip(PROTOCOL_MAPPER, PROTOCOL, true, code, new TypeReference<PairingCode>() { });
        KnownRemotes desktop = new KnownRemotes(data.resolve("desktop"));
        desktop.add("srv", code.text());
        assertEquals(written(PROTOCOL_MAPPER, code, true), Files.readString(data.resolve("desktop/remotes/srv.json")));

        for (ServiceConfig s : List.of(richService(), new ServiceConfig("plain", false, List.of(PortMapping.of(80, "127.0.0.1:1"))),
                richService().withBalance(Balance.frontend(List.of(TestOnions.address(1), TestOnions.address(2)))))) {
            roundTrip(PLAIN_MAPPER, JsonCodec.STANDARD, true, s, new TypeReference<ServiceConfig>() { });
        }
    }

    /**
     * An empty file (a full disk, a crash between create and write) was an IOException that the readers handle; read
     * as null it became a NullPointerException in RuntimeFile, BalanceWatch, KnownRemotes and ProbeHistory.
     */
    @Test
    void emptyContentIsRefusedAsObjectMapperRefusedIt() throws Exception {
        for (String empty : List.of("", " \n")) {
            assertThrows(IOException.class, () -> PLAIN_MAPPER.readValue(empty, RuntimeInfo.class));
            assertThrows(IOException.class, () -> JsonCodec.STANDARD.readValue(empty, RuntimeInfo.class));
            assertThrows(IOException.class, () -> JsonCodec.STANDARD.readValue(empty.getBytes(StandardCharsets.UTF_8), BalanceHealth.class));
        }
        Files.writeString(data.resolve(RuntimeFile.FILE_NAME), "");
        assertTrue(RuntimeInfo.read(data).isEmpty());
        assertFalse(RuntimeFile.instanceRunning(data));
        Files.createDirectories(data.resolve("onionbalance"));
        Files.writeString(data.resolve("onionbalance/health.json"), "");
        assertTrue(BalanceWatch.read(data).isEmpty());
        Files.writeString(data.resolve(ProbeHistory.FILE_NAME), "");
        assertEquals(List.of(), new ProbeHistory(data).list("api"));
        // A JSON null is null for both; an absent node (answer.path("result")) is refused by both.
        assertEquals(PLAIN_MAPPER.readValue("null", RuntimeInfo.class), JsonCodec.STANDARD.readValue("null", RuntimeInfo.class));
        assertThrows(IOException.class, () -> PROTOCOL_MAPPER.treeToValue(MissingNode.getInstance(), TorStatus.class));
        assertThrows(IOException.class, () -> PROTOCOL.treeToValue(MissingNode.getInstance(), TorStatus.class));
        assertThrows(IOException.class, () -> PROTOCOL_MAPPER.readerFor(new TypeReference<List<ServiceInfo>>() { })
                .readValue(MissingNode.getInstance()));
        assertThrows(IOException.class, () -> PROTOCOL.treeToValue(MissingNode.getInstance(), new TypeReference<List<ServiceInfo>>() { }));
    }

    /**
     * A backup's settings.json is read refusing unknown fields first, to name the field in a note, then ignoring them
     * (ServiceKeys); the name must be the one ObjectMapper gave, also inside a nested record.
     */
    @Test
    void aBackupsUnknownSettingIsNamedAsObjectMapperNamedIt() throws Exception {
        String text = written(PLAIN_MAPPER, richService(), true).replace("\"maxStreams\" : 20", "\"maxStreams\" : 20, \"fromLater\" : 1");
        UnrecognizedPropertyException expected = assertThrows(UnrecognizedPropertyException.class,
                () -> PLAIN_MAPPER.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(text, ServiceConfig.class));
        JsonBindException actual = assertThrows(JsonBindException.class,
                () -> JsonCodec.STANDARD.failOnUnknownProperties(true).readValue(text, ServiceConfig.class));
        assertEquals(expected.getPropertyName(), actual.unknownProperty());
        assertEquals(PLAIN_MAPPER.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(text, ServiceConfig.class),
                JsonCodec.STANDARD.failOnUnknownProperties(false).readValue(text, ServiceConfig.class));
    }

    /**
     * settings.json's store refused a missing or null number or boolean (FAIL_ON_NULL_FOR_PRIMITIVES): a service
     * whose "enabled" an operator deleted must not load as disabled. It took empty text for a boxed number as null,
     * "True" for true, and refused a number too large for an int.
     */
    @Test
    void settingsRefuseAMissingPrimitiveAsTheStoreDid() throws Exception {
        SettingsStore store = new SettingsStore(data);
        for (String bad : List.of(RICH_SETTINGS.replaceFirst("\"enabled\" : true,", ""),
                RICH_SETTINGS.replaceFirst("\"enabled\" : true", "\"enabled\" : null"),
                RICH_SETTINGS.replace("\"virtual\" : 80,", ""),
                RICH_SETTINGS.replace("\"bootstrapTimeoutSeconds\" : 240,", ""),
                RICH_SETTINGS.replace("\"probeIntervalSeconds\" : 60", "\"probeIntervalSeconds\" : \"\""),
                RICH_SETTINGS.replace("\"virtual\" : 80", "\"virtual\" : 1e10"))) {
            assertThrows(Exception.class, () -> SETTINGS_MAPPER.readValue(bad, Settings.class), bad);
            assertThrows(SettingsException.class, () -> store.parse(bad.getBytes(StandardCharsets.UTF_8)), bad);
        }
        for (String lenient : List.of(RICH_SETTINGS.replace("\"maxStreams\" : 20", "\"maxStreams\" : \"\""),
                RICH_SETTINGS.replace("\"singleOnion\" : true", "\"singleOnion\" : \"True\""),
                RICH_SETTINGS.replaceFirst("\"enabled\" : true", "\"enabled\" : \" TRUE \""),
                RICH_SETTINGS.replace("\"virtual\" : 80", "\"virtual\" : 80.0"))) {
            assertEquals(SETTINGS_MAPPER.readValue(lenient, Settings.class), store.parse(lenient.getBytes(StandardCharsets.UTF_8)), lenient);
        }
    }

    /**
     * The window reads the engine's answers with RemotePanelActions' TypeReferences, the monitor's with RemoteMonitor's
     * (convertValue) and the status with AttachedPanelEngine's treeToValue: every answer type read back from the text
     * the engine sent, as ObjectMapper read it.
     */
    @Test
    void theWindowReadsTheEnginesAnswersAsObjectMapperDid() throws Exception {
        LocalPanelActions actions = new LocalPanelActions(data);
        PanelMethodsAccess methods = new PanelMethodsAccess(actions, data);
        new BalancedServices(data).makeFrontend("lb", List.of(PortMapping.of(80, "127.0.0.1:9")));
        List<Object[]> answers = new ArrayList<>();
        answers.add(new Object[]{methods.call("services.add", "{\"name\": \"api\", \"ports\": [\"80=127.0.0.1:8000\"],"
                + " \"defenses\": {\"pow\": false, \"maxStreams\": \"20\"}}"), new TypeReference<PanelActions.AddedService>() { }});
        answers.add(new Object[]{methods.call("clients.add", "{\"service\": \"api\", \"client\": \"bob\", \"publicKey\": \""
                + "B".repeat(51) + "Q\", \"note\": \"laptop é\"}"), new TypeReference<PanelActions.AddedClient>() { }});
        answers.add(new Object[]{methods.call("services.list", null), new TypeReference<List<ServiceInfo>>() { }});
        answers.add(new Object[]{methods.call("clients.list", "{\"service\": \"api\"}"), new TypeReference<PanelActions.ClientList>() { }});
        answers.add(new Object[]{methods.call("settings.get", null), new TypeReference<PanelActions.PanelSettings>() { }});
        answers.add(new Object[]{methods.call("settings.put", "{\"fixedSocksPort\": 9150}"), new TypeReference<PanelActions.PanelSettings>() { }});
        answers.add(new Object[]{methods.call("balance.addBackend", "{\"service\": \"lb\", \"address\": \"" + TestOnions.address(1) + "\"}"),
                new TypeReference<PanelActions.BalanceChange>() { }});
        answers.add(new Object[]{methods.call("balance.status", null), new TypeReference<io.onionpanel.balance.BalanceOverview>() { }});
        answers.add(new Object[]{methods.call("balance.joinCode", "{\"service\": \"lb\"}"), new TypeReference<PanelActions.BalanceJoinCode>() { }});
        answers.add(new Object[]{methods.call("balance.removeBackend", "{\"service\": \"lb\", \"address\": \"" + TestOnions.address(1) + "\"}"),
                new TypeReference<PanelActions.BalanceChange>() { }});
        answers.add(new Object[]{methods.call("balance.makeFrontend", "{\"service\": \"lb\"}"), new TypeReference<PanelActions.MadeFrontend>() { }});
        answers.add(new Object[]{methods.call("services.edit", "{\"name\": \"api\", \"enabled\": false}"), new TypeReference<ServiceConfig>() { }});
        PanelActions.ExportedBackup backup = (PanelActions.ExportedBackup) methods.call("backup.export",
                "{\"service\": \"api\", \"passphrase\": \"correct horse battery staple\"}");
        answers.add(new Object[]{backup, new TypeReference<PanelActions.ExportedBackup>() { }});
        answers.add(new Object[]{methods.call("clients.remove", "{\"service\": \"api\", \"client\": \"bob\"}"),
                new TypeReference<PanelActions.RemovedClient>() { }});
        answers.add(new Object[]{methods.call("services.remove", "{\"name\": \"api\"}"), new TypeReference<PanelActions.RemovedService>() { }});
        // Restored under another name once the service is gone: two services cannot share keys.
        answers.add(new Object[]{methods.call("backup.restore", "{\"backup\": \"" + java.util.Base64.getEncoder().encodeToString(backup.backup())
                + "\", \"passphrase\": \"correct horse battery staple\", \"name\": \"back\"}"), new TypeReference<PanelActions.RestoredBackup>() { }});
        // RemoteMonitor's and AttachedPanelEngine's types, and the events' data.
        ServiceHealth sh = new ServiceHealth("api", List.of(new HealthCheck("reachable", HealthLevel.WARN, "HTTP 503", T),
                new HealthCheck("descriptor", HealthLevel.UNKNOWN, "none yet", null)), HealthLevel.WARN, "one check warns", T);
        answers.add(new Object[]{new SeriesPoints(new long[]{1000, 2000, 3000}, new double[]{1.5, Double.NaN, Double.POSITIVE_INFINITY}),
                new TypeReference<SeriesPoints>() { }});
        answers.add(new Object[]{List.of(new CircuitRow("12", "BUILT", "HS_SERVICE_INTRO", List.of("$AA~relay0"), T, 120L),
                new CircuitRow("13", "LAUNCHED", "GENERAL", List.of(), null, null)), new TypeReference<List<CircuitRow>>() { }});
        answers.add(new Object[]{List.of(sh), new TypeReference<List<ServiceHealth>>() { }});
        answers.add(new Object[]{List.of(new LogEntry(7, T, "tor", "NOTICE", "Bootstrapped 100% \u2028 <done>")),
                new TypeReference<List<LogEntry>>() { }});
        answers.add(new Object[]{new TorStatus(TorStatus.State.RUNNING, 100, "done", "Done", "0.4.9.11", "bundled", null, true,
                new NetworkVersionStatus("0.4.9.11", "new in series", "0.4.8.1,0.4.9.1", T)), new TypeReference<TorStatus>() { }});
        answers.add(new Object[]{TorStatus.stopped(), new TypeReference<TorStatus>() { }});
        answers.add(new Object[]{new ServiceStatus("api", null, ServiceStatus.State.UNREACHABLE, List.of(), "no answer"),
                new TypeReference<ServiceStatus>() { }});
        for (Object[] a : answers) {
            String wire = PROTOCOL_MAPPER.writeValueAsString(a[0]);
            assertEquals(wire, PROTOCOL.writeValueAsString(a[0]), a[0].getClass().getName());
            @SuppressWarnings("unchecked")
            TypeReference<Object> type = (TypeReference<Object>) a[1];
            JsonNode tree = PROTOCOL_MAPPER.readTree(wire);
            sameValue(PROTOCOL_MAPPER.readerFor(type).readValue(tree), PROTOCOL.treeToValue(PROTOCOL.readTree(wire), type), wire);
            sameValue(PROTOCOL_MAPPER.convertValue(tree, type), PROTOCOL.convertValue(tree, type), wire);
        }
        // RemotePanelActions sends only the changes given, as a map.
        DefenseChanges changes = new DefenseChanges("20", true, null, "default", null, null, false, null, null);
        assertEquals(PROTOCOL_MAPPER.convertValue(changes, new TypeReference<Map<String, Object>>() { }),
                PROTOCOL.convertValue(changes, new TypeReference<Map<String, Object>>() { }));
    }

    private static Object invoke(String className, String method, Object target, Class<?>[] types, Object... args) throws Exception {
        Method m = Class.forName(className).getDeclaredMethod(method, types);
        m.setAccessible(true);
        return m.invoke(target, args);
    }

    /** The text databind's own writer gives the same tree: what {@code toString()} printed before the change. */
    private static void isTheTreesText(String json) throws IOException {
        JsonNode tree = PLAIN_MAPPER.readTree(json);
        assertEquals(tree.toString(), json);
        assertEquals(PLAIN_MAPPER.writeValueAsString(tree), json);
    }

    /**
     * The CLI's --json output, RunEventPrinter's JSON lines and MetricsServer's /status were a tree's toString() (or
     * a plain mapper's text): scripts parse them, so they stay the same text, escapes and number forms included.
     */
    @Test
    void theCommandLinesAndMetricsJsonIsTheSameText() throws Exception {
        ObjectNode tree = JsonCodec.objectNode().put("text", "a \"quote\", a\\backslash, é, \u2028, \u0001 </script>")
                .put("int", 7).put("long", Long.MAX_VALUE).put("double", 0.1).put("nan", Double.NaN).put("float", 1.25f)
                .put("big", new java.math.BigDecimal("1E+3")).put("none", (String) null).put("yes", true);
        tree.putArray("empty");
        tree.putObject("nested").putArray("list").add(1).add("two").addObject();
        tree.put("bytes", new byte[]{1, 2, (byte) 0xff});
        assertEquals(tree.toString(), JsonCodec.STANDARD.writeValueAsString(tree));
        assertEquals(PLAIN_MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree), new String(JsonCodec.STANDARD.writePrettyBytes(tree), StandardCharsets.UTF_8),
                "BackupHistory's file");

        ServiceHealth sh = new ServiceHealth("api", List.of(new HealthCheck("reachable", HealthLevel.FAIL, "no \"answer\"", T),
                new HealthCheck("uploads", HealthLevel.OK, "3 HSDir uploads", null)), HealthLevel.FAIL, "unreachable", null);
        MetricsSnapshot m = new MetricsSnapshot(true, 100, Map.of("general", 4, "hs_intro", 3),
                List.of(new MetricsSnapshot.ServiceMetrics("api", 6, Double.NaN, 1.5, 12.5, 10, 2)), List.of(sh),
                new MetricsSnapshot.TorVersionMetric("0.4.9.11", "recommended", false));
        isTheTreesText((String) invoke("io.onionpanel.monitor.MetricsServer", "statusJson", null, new Class<?>[]{MetricsSnapshot.class}, m));
        for (ProbeVerdict v : List.of(ProbeVerdict.OK, ProbeVerdict.RENDEZVOUS_FAILED)) {
            isTheTreesText((String) invoke("io.onionpanel.cli.ProbeCommand", "toJson", null, new Class<?>[]{ProbeResult.class}, probeResult(v)));
        }
        List<ServiceInfo> services = List.of(new ServiceInfo("api", true, List.of(PortMapping.of(80, "127.0.0.1:8000", "127.0.0.1:8001")),
                "abc.onion", true, DosDefenses.NONE), new ServiceInfo("off", false, List.of(), null, false, null));
        isTheTreesText((String) invoke("io.onionpanel.cli.ServiceCommand$ListServices", "toJson", null, new Class<?>[]{List.class}, services));

        Class<?> json = Class.forName("io.onionpanel.cli.RunEventPrinter$Json");
        var constructor = json.getDeclaredConstructor(PrintWriter.class);
        constructor.setAccessible(true);
        Object printer = constructor.newInstance(new PrintWriter(new StringWriter()));
        String printerName = json.getName();
        TorStatus tor = new TorStatus(TorStatus.State.FAILED, 45, "loading", "Loading \"x\"", "0.4.9.11", "system", "it failed",
                false, new NetworkVersionStatus("0.4.9.11", "obsolete", "0.4.9.1,0.4.9.2,0.4.9.3,0.4.9.4", T));
        ServiceStatus published = new ServiceStatus("api", "abc.onion", ServiceStatus.State.PUBLISHED, List.of(), null);
        ServiceStatus down = new ServiceStatus("api", "abc.onion", ServiceStatus.State.UNREACHABLE, List.of(), "no answer");
        for (Object[] call : List.of(new Object[]{"bootstrap", TorStatus.class, tor}, new Object[]{"tor", TorStatus.class, tor},
                new Object[]{"torVersion", TorStatus.class, tor}, new Object[]{"serviceState", ServiceStatus.class, published},
                new Object[]{"serviceState", ServiceStatus.class, down}, new Object[]{"reachable", ServiceStatus.class, down},
                new Object[]{"errorLine", String.class, "bad \"thing\"\n"}, new Object[]{"noticeLine", String.class, "é"},
                new Object[]{"health", ServiceHealth.class, sh})) {
            isTheTreesText((String) invoke(printerName, (String) call[0], printer, new Class<?>[]{(Class<?>) call[1]}, call[2]));
        }
        isTheTreesText((String) invoke(printerName, "address", printer, new Class<?>[]{String.class, String.class}, "api", "abc.onion"));
        isTheTreesText((String) invoke(printerName, "stoppedLine", printer, new Class<?>[0]));

        // balance status --json: the health file's record, or null when there is none.
        BalanceHealth health = new BalanceHealth("lb", null, "missing", "Onionbalance is not installed", -1, List.of(), 0);
        assertEquals(PLAIN_MAPPER.writeValueAsString(health), JsonCodec.STANDARD.writeValueAsString(health));
        assertEquals(PLAIN_MAPPER.writeValueAsString(null), JsonCodec.STANDARD.writeValueAsString(null));
    }
}
