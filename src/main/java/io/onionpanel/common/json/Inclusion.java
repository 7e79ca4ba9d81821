package io.onionpanel.common.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.lang.reflect.Array;
import java.util.Collection;
import java.util.Map;

/**
 * Whether a property's value is written, as Jackson's {@code @JsonInclude} says: settings.json leaves out what a
 * setting does not use (no client authorisation, no defences, a direct connection) so that older files stay as they
 * were. NON_DEFAULT is read as Jackson reads it on a record (which has no default instance to compare with): empty,
 * or the default of a primitive or its wrapper.
 */
abstract class Inclusion {
    static final Inclusion ALWAYS = new Inclusion() {
        @Override
        boolean includes(Object value) {
            return true;
        }
    };

    abstract boolean includes(Object value);

    static Inclusion of(JsonInclude include) {
        if (include == null) {
            return ALWAYS;
        }
        return switch (include.value()) {
            case NON_NULL, NON_ABSENT -> new Inclusion() {
                @Override
                boolean includes(Object value) {
                    return value != null;
                }
            };
            case NON_EMPTY -> new Inclusion() {
                @Override
                boolean includes(Object value) {
                    return !isEmpty(value);
                }
            };
            case NON_DEFAULT -> new Inclusion() {
                @Override
                boolean includes(Object value) {
                    return !isEmpty(value) && !isDefault(value);
                }
            };
            case CUSTOM -> custom(include.valueFilter());
            default -> ALWAYS;
        };
    }

    /** Jackson's CUSTOM rule: an instance of the filter class, whose {@code equals(value)} says "leave it out". */
    private static Inclusion custom(Class<?> filterType) {
        Object filter;
        try {
            var constructor = filterType.getDeclaredConstructor();
            constructor.setAccessible(true);
            filter = constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make the inclusion filter " + filterType.getName(), e);
        }
        return new Inclusion() {
            @Override
            boolean includes(Object value) {
                return !filter.equals(value);
            }
        };
    }

    static boolean isEmpty(Object value) {
        if (value == null) {
            return true;
        }
        if (value instanceof CharSequence s) {
            return s.length() == 0;
        }
        if (value instanceof Collection<?> c) {
            return c.isEmpty();
        }
        if (value instanceof Map<?, ?> m) {
            return m.isEmpty();
        }
        if (value.getClass().isArray()) {
            return Array.getLength(value) == 0;
        }
        return false;
    }

    private static boolean isDefault(Object value) {
        if (value instanceof Boolean b) {
            return !b;
        }
        if (value instanceof Character c) {
            return c == '\0';
        }
        if (value instanceof Number n) {
            return n.doubleValue() == 0 && !(value instanceof java.math.BigDecimal) && !(value instanceof java.math.BigInteger);
        }
        return false;
    }
}
