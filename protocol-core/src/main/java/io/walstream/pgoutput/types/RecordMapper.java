package io.walstream.pgoutput.types;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Maps a row ({@link NamedValues}) onto a Java record through its canonical constructor.
 *
 * <p><b>Column matching</b>, per record component, first match wins: (1) a column with exactly the
 * component's name; (2) a column whose name equals it ignoring case; (3) a column whose name equals it after
 * removing underscores and ignoring case, so {@code created_at} matches {@code createdAt}. Several columns
 * matching at the same step is an error. Extra columns are ignored.
 *
 * <p><b>Conversion</b> uses {@link ValueDecoder#to(ValueSource, Class)} with the component's type.
 * {@code List<E>} components are decoded with {@link ValueDecoder#toList(ValueSource, Class)} with element type
 * {@code E}. <b>Nullability:</b> primitive components reject NULL; reference components receive {@code null};
 * {@code Optional<T>} components receive {@code Optional.empty()} for NULL. Unchanged TOAST values are always
 * an error (they were not sent).
 *
 * <p>Reflection over each record class is done once and cached. The record's canonical constructor must be
 * accessible to this module (a public record in an exported package, or a package opened to
 * {@code io.walstream.core}).
 *
 * <p><b>Thread safety:</b> stateless apart from a thread-safe cache; safe to call from any thread.
 */
public final class RecordMapper {

    private static final ClassValue<Plan> PLANS = new ClassValue<>() {
        @Override
        protected Plan computeValue(Class<?> type) {
            return Plan.of(type);
        }
    };

    private RecordMapper() {
    }

    /**
     * @param <R> the record type
     * @param row the row
     * @param type the record class
     * @return a new record
     * @throws RecordMappingException if a component matches no column (or several), or construction fails
     * @throws ValueConversionException if a value cannot be converted; the message names the component
     */
    public static <R extends Record> R map(NamedValues row, Class<R> type) {
        Plan plan = PLANS.get(type);
        Object[] args = new Object[plan.components.length];
        for (int i = 0; i < args.length; i++) {
            Component c = plan.components[i];
            ValueSource value = find(row, c, type);
            try {
                args[i] = c.convert(value);
            } catch (ValueConversionException e) {
                throw new ValueConversionException(e,
                        "Cannot map column \"" + value.columnName() + "\" to record component " + type.getSimpleName()
                                + "." + c.name);
            }
        }
        try {
            return type.cast(plan.constructor.newInstance(args));
        } catch (InvocationTargetException e) {
            throw new RecordMappingException("The constructor of " + type.getName() + " threw "
                    + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            throw new RecordMappingException("Cannot construct " + type.getName() + ": " + e, e);
        }
    }

    private static ValueSource find(NamedValues row, Component c, Class<?> type) {
        ValueSource exact = row.value(c.name);
        if (exact != null) {
            return exact;
        }
        List<String> columns = row.columnNames();
        String found = unique(columns, c, type, false);
        if (found == null) {
            found = unique(columns, c, type, true);
        }
        if (found == null) {
            throw new RecordMappingException("No column for record component " + type.getSimpleName() + "." + c.name
                    + "; the row has columns " + columns);
        }
        return row.value(found);
    }

    private static String unique(List<String> columns, Component c, Class<?> type, boolean normalized) {
        String found = null;
        for (String col : columns) {
            boolean match = normalized ? normalize(col).equals(normalize(c.name)) : col.equalsIgnoreCase(c.name);
            if (match) {
                if (found != null) {
                    throw new RecordMappingException("Record component " + type.getSimpleName() + "." + c.name
                            + " matches several columns: \"" + found + "\" and \"" + col + "\"");
                }
                found = col;
            }
        }
        return found;
    }

    private static String normalize(String name) {
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }

    /** How to build one record class. */
    private static final class Plan {
        final Constructor<?> constructor;
        final Component[] components;

        private Plan(Constructor<?> constructor, Component[] components) {
            this.constructor = constructor;
            this.components = components;
        }

        static Plan of(Class<?> type) {
            if (!type.isRecord()) {
                throw new RecordMappingException(type.getName() + " is not a record");
            }
            RecordComponent[] rc = type.getRecordComponents();
            Class<?>[] types = new Class<?>[rc.length];
            Component[] components = new Component[rc.length];
            for (int i = 0; i < rc.length; i++) {
                types[i] = rc[i].getType();
                components[i] = Component.of(rc[i]);
            }
            try {
                Constructor<?> ctor = type.getDeclaredConstructor(types);
                try {
                    ctor.setAccessible(true);
                } catch (RuntimeException e) {
                    // not opened to us: a public constructor of an exported type still works
                }
                return new Plan(ctor, components);
            } catch (NoSuchMethodException e) {
                throw new RecordMappingException("No canonical constructor in " + type.getName(), e);
            }
        }
    }

    /** One record component and how to convert into it. */
    private static final class Component {
        final String name;
        final boolean optional;
        final Class<?> valueType;
        final Class<?> elementType;

        private Component(String name, boolean optional, Class<?> valueType, Class<?> elementType) {
            this.name = name;
            this.optional = optional;
            this.valueType = valueType;
            this.elementType = elementType;
        }

        static Component of(RecordComponent rc) {
            Class<?> type = rc.getType();
            Type generic = rc.getGenericType();
            boolean optional = type == Optional.class;
            Class<?> valueType = type;
            if (optional) {
                generic = typeArgument(generic);
                valueType = rawClass(generic);
            }
            Class<?> elementType = null;
            if (valueType == List.class) {
                elementType = rawClass(typeArgument(generic));
            }
            return new Component(rc.getName(), optional, valueType, elementType);
        }

        Object convert(ValueSource value) {
            Object v = elementType != null ? ValueDecoder.toList(value, elementType)
                    : ValueDecoder.to(value, valueType);
            return optional ? Optional.ofNullable(v) : v;
        }

        private static Type typeArgument(Type t) {
            if (t instanceof ParameterizedType) {
                return ((ParameterizedType) t).getActualTypeArguments()[0];
            }
            return Object.class;
        }

        private static Class<?> rawClass(Type t) {
            if (t instanceof Class) {
                return (Class<?>) t;
            }
            if (t instanceof ParameterizedType) {
                return rawClass(((ParameterizedType) t).getRawType());
            }
            if (t instanceof WildcardType) {
                Type[] upper = ((WildcardType) t).getUpperBounds();
                return upper.length > 0 ? rawClass(upper[0]) : Object.class;
            }
            return Object.class;
        }
    }
}
