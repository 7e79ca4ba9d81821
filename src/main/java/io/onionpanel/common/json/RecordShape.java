package io.onionpanel.common.json;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A record as JSON sees it, worked out once per class: its components in declaration order, each under its JSON name
 * ({@code @JsonProperty}), with its inclusion rule ({@code @JsonInclude} on the component, else on the record) and
 * whether it is left out ({@code @JsonIgnore}); and the canonical constructor that reading calls. The annotations
 * are Jackson's, as before: the records did not change when ObjectMapper left (issue 17).
 */
final class RecordShape {
    private static final ClassValue<RecordShape> SHAPES = new ClassValue<>() {
        @Override
        protected RecordShape computeValue(Class<?> type) {
            return new RecordShape(type);
        }
    };

    record Property(String name, Method accessor, Type type, Class<?> rawType, Inclusion inclusion, boolean ignored,
                    int index) {
    }

    final Class<?> type;
    final List<Property> properties;
    final Map<String, Property> byName;
    final Constructor<?> constructor;
    final boolean ignoreUnknown;

    private RecordShape(Class<?> type) {
        this.type = type;
        RecordComponent[] components = type.getRecordComponents();
        JsonInclude classInclude = type.getAnnotation(JsonInclude.class);
        List<Property> list = new ArrayList<>();
        Map<String, Property> names = new HashMap<>();
        Class<?>[] parameterTypes = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            parameterTypes[i] = c.getType();
            Field field = field(type, c.getName());
            JsonProperty renamed = annotation(field, c.getAccessor(), JsonProperty.class);
            JsonInclude include = annotation(field, c.getAccessor(), JsonInclude.class);
            JsonIgnore ignore = annotation(field, c.getAccessor(), JsonIgnore.class);
            String name = renamed != null && !renamed.value().isEmpty() ? renamed.value() : c.getName();
            Method accessor = c.getAccessor();
            accessor.setAccessible(true);
            Property p = new Property(name, accessor, c.getGenericType(), c.getType(),
                    Inclusion.of(include != null ? include : classInclude), ignore != null && ignore.value(), i);
            list.add(p);
            names.put(name, p);
        }
        this.properties = Collections.unmodifiableList(list);
        this.byName = Collections.unmodifiableMap(names);
        try {
            this.constructor = type.getDeclaredConstructor(parameterTypes);
            this.constructor.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("record " + type.getName() + " has no canonical constructor", e);
        }
        JsonIgnoreProperties ignoring = type.getAnnotation(JsonIgnoreProperties.class);
        this.ignoreUnknown = ignoring != null && ignoring.ignoreUnknown();
    }

    static RecordShape of(Class<?> type) {
        return SHAPES.get(type);
    }

    private static Field field(Class<?> type, String name) {
        try {
            return type.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    /** Jackson's annotations cannot sit on a record component itself; Java copies them to the field and accessor. */
    private static <A extends java.lang.annotation.Annotation> A annotation(Field field, Method accessor, Class<A> kind) {
        A a = field == null ? null : field.getAnnotation(kind);
        return a != null ? a : accessor.getAnnotation(kind);
    }
}
