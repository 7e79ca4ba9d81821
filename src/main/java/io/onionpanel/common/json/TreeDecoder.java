package io.onionpanel.common.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tree as a Java value of the type asked for: records through their canonical constructor (whose compact body
 * fills in what older files lack), the scalars as ObjectMapper coerced them (a number from its text, text from a
 * number), and the inverse of {@link TreeEncoder} for the rest. An error names the property's path.
 */
final class TreeDecoder {
    final boolean failOnUnknown;
    final boolean failOnNullForPrimitives;

    TreeDecoder(boolean failOnUnknown, boolean failOnNullForPrimitives) {
        this.failOnUnknown = failOnUnknown;
        this.failOnNullForPrimitives = failOnNullForPrimitives;
    }

    Object decode(JsonNode n, Type type, String path) throws JsonBindException {
        if (type instanceof Class<?> c) {
            return decodeClass(n, c, path);
        }
        if (type instanceof ParameterizedType pt) {
            Class<?> raw = (Class<?>) pt.getRawType();
            Type[] args = pt.getActualTypeArguments();
            if (absent(n)) {
                return null;
            }
            if (Map.class.isAssignableFrom(raw)) {
                return map(n, args[0], args[1], path);
            }
            if (Collection.class.isAssignableFrom(raw) || raw == Iterable.class) {
                return collection(n, raw, args[0], path);
            }
            return decodeClass(n, raw, path);
        }
        if (type instanceof WildcardType w) {
            return decode(n, w.getUpperBounds()[0], path);
        }
        return decodeClass(n, Object.class, path);
    }

    private Object decodeClass(JsonNode n, Class<?> c, String path) throws JsonBindException {
        if (JsonNode.class.isAssignableFrom(c)) {
            if (n == null || n.isMissingNode()) {
                return null;
            }
            if (!c.isInstance(n)) {
                throw error(path, "expected " + c.getSimpleName() + ", found " + n.getNodeType());
            }
            return n;
        }
        if (c.isPrimitive()) {
            Object v = absent(n) ? null : scalar(n, boxed(c), path);
            if (v != null) {
                return v;
            }
            // Absent, null or empty text: 0 or false as a plain ObjectMapper read it; refused under
            // FAIL_ON_NULL_FOR_PRIMITIVES (settings.json), as ObjectMapper refused it there.
            if (failOnNullForPrimitives) {
                throw error(path, "Cannot map `null` into type `" + c.getName() + "` (a value is required)");
            }
            return primitiveDefault(c);
        }
        if (absent(n)) {
            return null;
        }
        if (c == Object.class) {
            return natural(n);
        }
        if (c.isRecord()) {
            return record(n, RecordShape.of(c), path);
        }
        if (c.isEnum()) {
            return enumValue(n, c, path);
        }
        if (c == byte[].class) {
            try {
                return n.isBinary() ? n.binaryValue() : Base64.getMimeDecoder().decode(n.asText());
            } catch (IllegalArgumentException | java.io.IOException e) {
                throw error(path, "not Base64: " + e.getMessage());
            }
        }
        if (c.isArray()) {
            return array(n, c.getComponentType(), path);
        }
        if (Map.class.isAssignableFrom(c)) {
            return map(n, String.class, Object.class, path);
        }
        if (Collection.class.isAssignableFrom(c)) {
            return collection(n, c, Object.class, path);
        }
        if (c == Instant.class) {
            try {
                return Instant.parse(n.asText());
            } catch (DateTimeParseException e) {
                throw error(path, "Cannot deserialize value of type `java.time.Instant` from String \"" + n.asText()
                        + "\": not an ISO-8601 instant");
            }
        }
        if (c == Path.class) {
            String text = n.asText();
            try {
                return text.startsWith("file:") ? Path.of(new URI(text)) : Path.of(text);
            } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                throw error(path, "not a path: " + text);
            }
        }
        return scalar(n, c, path);
    }

    private Object scalar(JsonNode n, Class<?> c, String path) throws JsonBindException {
        if (c == String.class || c == CharSequence.class) {
            if (n.isContainerNode()) {
                throw error(path, "Cannot deserialize value of type `java.lang.String` from " + describe(n));
            }
            return n.asText();
        }
        if ((c == Boolean.class || Number.class.isAssignableFrom(c)) && n.isTextual() && n.textValue().trim().isEmpty()) {
            return null; // ObjectMapper coerced empty text to null (0 or false for a primitive, see decodeClass)
        }
        if (c == Boolean.class) {
            if (n.isBoolean()) {
                return n.booleanValue();
            }
            if (n.isTextual()) {
                // The three spellings ObjectMapper took, after trimming.
                String t = n.textValue().trim();
                if (t.equals("true") || t.equals("True") || t.equals("TRUE")) {
                    return true;
                }
                if (t.equals("false") || t.equals("False") || t.equals("FALSE")) {
                    return false;
                }
            }
            if (n.isIntegralNumber()) {
                return n.intValue() != 0;
            }
            throw error(path, "Cannot deserialize value of type `boolean` from " + describe(n));
        }
        if (c == Character.class) {
            String s = n.asText();
            if (s.length() == 1) {
                return s.charAt(0);
            }
            throw error(path, "Cannot deserialize value of type `char` from " + describe(n));
        }
        if (Number.class.isAssignableFrom(c)) {
            return number(n, c, path);
        }
        throw error(path, "no JSON form for " + c.getName());
    }

    private Object number(JsonNode n, Class<?> c, String path) throws JsonBindException {
        if (n.isTextual()) {
            String text = n.textValue().trim();
            try {
                if (c == Integer.class || c == Short.class || c == Byte.class) {
                    return narrow(Integer.parseInt(text), c);
                }
                if (c == Long.class) {
                    return Long.parseLong(text);
                }
                if (c == Double.class) {
                    return Double.parseDouble(text);
                }
                if (c == Float.class) {
                    return Float.parseFloat(text);
                }
                if (c == BigDecimal.class) {
                    return new BigDecimal(text);
                }
                if (c == BigInteger.class) {
                    return new BigInteger(text);
                }
            } catch (NumberFormatException e) {
                throw error(path, "Cannot deserialize value of type `" + c.getSimpleName() + "` from String \""
                        + n.textValue() + "\": not a valid number");
            }
        }
        if (!n.isNumber()) {
            throw error(path, "Cannot deserialize value of type `" + c.getSimpleName() + "` from " + describe(n));
        }
        if (c == Integer.class || c == Short.class || c == Byte.class) {
            // A fraction is truncated (ACCEPT_FLOAT_AS_INT) but, as with ObjectMapper, never clamped: 1e10 is refused.
            if (!n.canConvertToInt()) {
                throw error(path, "Numeric value (" + n.asText() + ") out of range of int");
            }
            return narrow(n.intValue(), c);
        }
        if (c == Long.class) {
            if (!n.canConvertToLong()) {
                throw error(path, "Numeric value (" + n.asText() + ") out of range of long");
            }
            return n.longValue();
        }
        if (c == Double.class) {
            return n.doubleValue();
        }
        if (c == Float.class) {
            return n.floatValue();
        }
        if (c == BigDecimal.class) {
            return n.decimalValue();
        }
        if (c == BigInteger.class) {
            return n.bigIntegerValue();
        }
        return n.numberValue();
    }

    private Object narrow(int value, Class<?> c) throws JsonBindException {
        if (c == Short.class) {
            return (short) value;
        }
        if (c == Byte.class) {
            return (byte) value;
        }
        return value;
    }

    private Object enumValue(JsonNode n, Class<?> c, String path) throws JsonBindException {
        Object[] constants = c.getEnumConstants();
        if (n.isIntegralNumber() && n.intValue() >= 0 && n.intValue() < constants.length) {
            return constants[n.intValue()];
        }
        if (n.isTextual()) {
            for (Object constant : constants) {
                if (((Enum<?>) constant).name().equals(n.textValue())) {
                    return constant;
                }
            }
        }
        List<String> names = new ArrayList<>();
        for (Object constant : constants) {
            names.add(((Enum<?>) constant).name());
        }
        throw error(path, "Cannot deserialize value of type `" + c.getName() + "` from " + describe(n)
                + ": not one of the values accepted for Enum class: " + names);
    }

    private Object record(JsonNode n, RecordShape shape, String path) throws JsonBindException {
        if (!n.isObject()) {
            throw error(path, "Cannot construct instance of `" + shape.type.getName() + "` from " + describe(n));
        }
        for (Iterator<String> names = n.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            RecordShape.Property p = shape.byName.get(name);
            if ((p == null || p.ignored()) && failOnUnknown && !shape.ignoreUnknown) {
                throw JsonBindException.unknownProperty(at(path) + "Unrecognized field \"" + name + "\" (class "
                        + shape.type.getName() + "), not marked as ignorable", name);
            }
        }
        Object[] args = new Object[shape.properties.size()];
        for (RecordShape.Property p : shape.properties) {
            JsonNode v = p.ignored() ? null : n.get(p.name());
            args[p.index()] = decode(v, p.type(), path.isEmpty() ? p.name() : path + "." + p.name());
        }
        try {
            return shape.constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new JsonBindException(at(path) + "Cannot construct instance of `" + shape.type.getName() + "`, problem: "
                    + cause.getMessage(), cause);
        } catch (ReflectiveOperationException e) {
            throw new JsonBindException(at(path) + "Cannot construct instance of `" + shape.type.getName() + "`: " + e, e);
        }
    }

    private Object array(JsonNode n, Class<?> element, String path) throws JsonBindException {
        if (!n.isArray()) {
            throw error(path, "Cannot deserialize value of type `" + element.getSimpleName() + "[]` from " + describe(n));
        }
        Object a = Array.newInstance(element, n.size());
        for (int i = 0; i < n.size(); i++) {
            Array.set(a, i, decode(n.get(i), element, path + "[" + i + "]"));
        }
        return a;
    }

    private Object collection(JsonNode n, Class<?> raw, Type element, String path) throws JsonBindException {
        if (!n.isArray()) {
            throw error(path, "Cannot deserialize value of type `" + raw.getSimpleName() + "` from " + describe(n));
        }
        Collection<Object> out = Set.class.isAssignableFrom(raw) ? new LinkedHashSet<>() : new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            out.add(decode(n.get(i), element, path + "[" + i + "]"));
        }
        return out;
    }

    private Object map(JsonNode n, Type key, Type value, String path) throws JsonBindException {
        if (!n.isObject()) {
            throw error(path, "Cannot deserialize value of type `Map` from " + describe(n));
        }
        Map<Object, Object> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String where = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            Object k = key == String.class || key == Object.class || !(key instanceof Class<?>)
                    ? e.getKey() : decodeClass(com.fasterxml.jackson.databind.node.TextNode.valueOf(e.getKey()), (Class<?>) key, where);
            out.put(k, decode(e.getValue(), value, where));
        }
        return out;
    }

    /** A tree as plain Java: maps, lists, strings, numbers, booleans and null, as ObjectMapper reads into Object. */
    static Object natural(JsonNode n) {
        if (absent(n)) {
            return null;
        }
        if (n.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                m.put(e.getKey(), natural(e.getValue()));
            }
            return m;
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>();
            for (JsonNode e : n) {
                l.add(natural(e));
            }
            return l;
        }
        if (n.isTextual()) {
            return n.textValue();
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isNumber()) {
            return n.numberValue();
        }
        if (n.isBinary()) {
            try {
                return n.binaryValue();
            } catch (java.io.IOException e) {
                return null;
            }
        }
        return n.asText();
    }

    /** 0, false or '\0', boxed: what a new array of that primitive type holds. */
    private static Object primitiveDefault(Class<?> c) {
        return Array.get(Array.newInstance(c, 1), 0);
    }

    private static Class<?> boxed(Class<?> c) {
        return java.lang.invoke.MethodType.methodType(c).wrap().returnType();
    }

    /** No value: a property not in the object, a missing node, or JSON null. */
    private static boolean absent(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode();
    }

    private static String describe(JsonNode n) {
        return switch (n.getNodeType()) {
            case OBJECT -> "Object value";
            case ARRAY -> "Array value";
            case STRING -> "String \"" + n.textValue() + "\"";
            case BOOLEAN -> "Boolean value (" + n.asText() + ")";
            case NUMBER -> (n.isIntegralNumber() ? "Integer value (" : "Floating-point value (") + n.asText() + ")";
            default -> n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT) + " value";
        };
    }

    private static String at(String path) {
        return path.isEmpty() ? "" : path + ": ";
    }

    private static JsonBindException error(String path, String message) {
        return new JsonBindException(at(path) + message);
    }
}
