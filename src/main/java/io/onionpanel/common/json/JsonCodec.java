package io.onionpanel.common.json;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The panel's JSON: settings.json and its other files, the control protocol, Routstr's and Onionbalance's answers.
 * Text is read and written by jackson-core, held in databind's tree nodes ({@link JsonNode}), and bound to records by
 * their components under Jackson's annotations ({@link TreeEncoder}, {@link TreeDecoder}); the output is what
 * ObjectMapper wrote (JsonCodecParityTest compares the two).
 *
 * <p>Why not ObjectMapper: it loaded ~480 classes (its serialisers, deserialisers, introspection and type
 * factory) into every process, a sixth of the engine's; in the engine's class-data archive they were 5 MB, resident
 * for the engine's life (issue 17's memory target, docs/benchmarks.md). The panel's types are records, enums,
 * lists and maps, which this covers in a few hundred lines. ArchitectureTest keeps ObjectMapper out of main code.
 *
 * <p>Immutable; the default ({@link #STANDARD}) fails on an unknown property, as ObjectMapper did, unless the record
 * says {@code @JsonIgnoreProperties(ignoreUnknown = true)}.
 */
public final class JsonCodec {
    /** As a plain {@code new ObjectMapper()}. */
    public static final JsonCodec STANDARD = new JsonCodec(true, false);

    private final TreeDecoder decoder;

    private JsonCodec(boolean failOnUnknown, boolean failOnNullForPrimitives) {
        this.decoder = new TreeDecoder(failOnUnknown, failOnNullForPrimitives);
    }

    /** Unknown properties ignored (a newer peer's additions) or refused (a typing error in a file the operator edits). */
    public JsonCodec failOnUnknownProperties(boolean fail) {
        return new JsonCodec(fail, decoder.failOnNullForPrimitives);
    }

    /**
     * As ObjectMapper's FAIL_ON_NULL_FOR_PRIMITIVES: a record's primitive (int, boolean...) that is absent, null or
     * empty text is refused instead of read as 0 or false. settings.json's store refused such a file with ObjectMapper
     * (TorSettings.fixedSocksPort is an Integer for that reason); without it a service whose "enabled" an operator
     * deleted by hand would load as disabled.
     */
    public JsonCodec failOnNullForPrimitives(boolean fail) {
        return new JsonCodec(decoder.failOnUnknown, fail);
    }

    public static ObjectNode objectNode() {
        return JsonNodeFactory.instance.objectNode();
    }

    public static ArrayNode arrayNode() {
        return JsonNodeFactory.instance.arrayNode();
    }

    public JsonNode readTree(String text) throws IOException {
        return JsonText.parse(text);
    }

    public JsonNode readTree(byte[] bytes) throws IOException {
        return JsonText.parse(bytes);
    }

    public JsonNode readTree(InputStream in) throws IOException {
        return JsonText.parse(in);
    }

    public JsonNode valueToTree(Object value) {
        return TreeEncoder.encode(value);
    }

    public String writeValueAsString(Object value) {
        return JsonText.write(TreeEncoder.encode(value), false);
    }

    public byte[] writeValueAsBytes(Object value) {
        return JsonText.writeBytes(TreeEncoder.encode(value), false);
    }

    /** Indented as ObjectMapper's default pretty printer indents: the panel's files, for an operator to read. */
    public byte[] writePrettyBytes(Object value) {
        return JsonText.writeBytes(TreeEncoder.encode(value), true);
    }

    @SuppressWarnings("unchecked")
    public <T> T treeToValue(JsonNode tree, Class<T> type) throws JsonBindException {
        return (T) decoder.decode(present(tree, type), type, "");
    }

    @SuppressWarnings("unchecked")
    public <T> T treeToValue(JsonNode tree, TypeReference<T> type) throws JsonBindException {
        return (T) decoder.decode(present(tree, type.getType()), type.getType(), "");
    }

    /**
     * A missing node (e.g. {@code answer.path("result")} of an answer without one) is refused, as ObjectMapper's
     * treeToValue and readerFor(..).readValue refused it; read as null it became a NullPointerException further on
     * (a TorStatus of null in AttachedPanelEngine). A JSON null is still null.
     */
    private static JsonNode present(JsonNode tree, Type type) throws JsonBindException {
        if (tree != null && tree.isMissingNode()) {
            throw new JsonBindException("Cannot deserialize value of type `" + type.getTypeName()
                    + "` from [Unavailable value]");
        }
        return tree;
    }

    /**
     * Empty (or only white space) text is refused as ObjectMapper's readValue refused it: an empty runtime.json,
     * health.json or remote.json read as null ended in a NullPointerException where an IOException was handled.
     */
    private static JsonNode content(JsonNode tree) throws JsonBindException {
        if (tree.isMissingNode()) {
            throw new JsonBindException("No content to map due to end-of-input");
        }
        return tree;
    }

    /** As ObjectMapper's {@code convertValue}: a value that does not fit is an IllegalArgumentException. */
    @SuppressWarnings("unchecked")
    public <T> T convertValue(Object value, TypeReference<T> type) {
        try {
            // Not through treeToValue: ObjectMapper converted a missing node to null.
            return (T) decoder.decode(TreeEncoder.encode(value), type.getType(), "");
        } catch (JsonBindException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    public <T> T readValue(String text, Class<T> type) throws IOException {
        return treeToValue(content(readTree(text)), type);
    }

    public <T> T readValue(String text, TypeReference<T> type) throws IOException {
        return treeToValue(content(readTree(text)), type);
    }

    public <T> T readValue(byte[] bytes, Class<T> type) throws IOException {
        return treeToValue(content(readTree(bytes)), type);
    }

    public <T> T readValue(Path file, Class<T> type) throws IOException {
        return readValue(Files.readAllBytes(file), type);
    }
}
