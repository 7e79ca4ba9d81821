package io.onionpanel.common.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * A Java value as a tree, the way ObjectMapper wrote the panel's values: records by their components, enums by name,
 * maps as objects, collections and arrays as arrays, byte arrays as Base64, instants as ISO-8601 text, paths as
 * {@code file:} URIs. Anything else is refused with its class named, instead of guessed at.
 */
final class TreeEncoder {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TreeEncoder() {
    }

    static JsonNode encode(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof JsonNode n) {
            return n;
        }
        if (value instanceof String s) {
            return NODES.textNode(s);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Number n) {
            return number(n);
        }
        if (value instanceof Enum<?> e) {
            return NODES.textNode(e.name());
        }
        if (value instanceof Character c) {
            return NODES.textNode(c.toString());
        }
        if (value instanceof Instant i) {
            return NODES.textNode(i.toString());
        }
        if (value instanceof Path p) {
            return NODES.textNode(p.toUri().toString());
        }
        if (value instanceof byte[] bytes) {
            return NODES.binaryNode(bytes);
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode o = NODES.objectNode();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Object key = e.getKey();
                o.set(key instanceof Enum<?> k ? k.name() : String.valueOf(key), encode(e.getValue()));
            }
            return o;
        }
        if (value instanceof Iterable<?> items) {
            ArrayNode a = NODES.arrayNode();
            for (Object item : items) {
                a.add(encode(item));
            }
            return a;
        }
        if (value.getClass().isArray()) {
            ArrayNode a = NODES.arrayNode();
            for (int i = 0, n = Array.getLength(value); i < n; i++) {
                a.add(encode(Array.get(value, i)));
            }
            return a;
        }
        if (value.getClass().isRecord()) {
            return record(value, RecordShape.of(value.getClass()));
        }
        throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
    }

    private static JsonNode number(Number n) {
        if (n instanceof Integer || n instanceof Short || n instanceof Byte) {
            return NODES.numberNode(n.intValue());
        }
        if (n instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (n instanceof Double d) {
            return NODES.numberNode(d);
        }
        if (n instanceof Float f) {
            return NODES.numberNode(f);
        }
        if (n instanceof BigDecimal d) {
            return NODES.numberNode(d);
        }
        if (n instanceof BigInteger i) {
            return NODES.numberNode(i);
        }
        return NODES.numberNode(n.doubleValue());
    }

    private static ObjectNode record(Object value, RecordShape shape) {
        ObjectNode o = NODES.objectNode();
        for (RecordShape.Property p : shape.properties) {
            if (p.ignored()) {
                continue;
            }
            Object v;
            try {
                v = p.accessor().invoke(value);
            } catch (InvocationTargetException e) {
                throw new IllegalStateException(shape.type.getSimpleName() + "." + p.name() + ": " + e.getCause(), e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
            if (p.inclusion().includes(v)) {
                o.set(p.name(), encode(v));
            }
        }
        return o;
    }
}
