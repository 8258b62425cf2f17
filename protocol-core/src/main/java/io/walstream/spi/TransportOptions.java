package io.walstream.spi;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Typed settings for a {@link TransportProvider}: a map from {@link TransportOption} keys to values. Unset
 * keys read as their default.
 *
 * <p><b>Thread safety:</b> immutable; the {@link Builder} is not thread-safe.
 */
public final class TransportOptions {

    private static final TransportOptions DEFAULTS = new TransportOptions(new IdentityHashMap<>());

    private final Map<TransportOption<?>, Object> values;

    private TransportOptions(Map<TransportOption<?>, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** @return options with every key at its default */
    public static TransportOptions defaults() {
        return DEFAULTS;
    }

    /** @return a new builder with nothing set */
    public static Builder builder() {
        return new Builder(new IdentityHashMap<>());
    }

    /** @return a builder that starts from these options */
    public Builder toBuilder() {
        return new Builder(new IdentityHashMap<>(values));
    }

    /**
     * @param key the key
     * @param <T> the value type
     * @return the value set for {@code key}, or its default
     */
    public <T> T get(TransportOption<T> key) {
        Object v = values.get(key);
        return v == null ? key.defaultValue() : key.type().cast(v);
    }

    /**
     * @param key the key
     * @return whether a value was set explicitly
     */
    public boolean isSet(TransportOption<?> key) {
        return values.containsKey(key);
    }

    @Override
    public String toString() {
        return values.entrySet().stream()
                .map(e -> e.getKey().name() + "=" + e.getValue())
                .sorted()
                .collect(Collectors.joining(", ", "TransportOptions{", "}"));
    }

    /**
     * Builds {@link TransportOptions}.
     *
     * <p><b>Thread safety:</b> not thread-safe; confine to one thread.
     */
    public static final class Builder {
        private final Map<TransportOption<?>, Object> values;

        private Builder(Map<TransportOption<?>, Object> values) {
            this.values = values;
        }

        /**
         * @param key the key
         * @param value the value, or {@code null} to go back to the default
         * @param <T> the value type
         * @return this builder
         */
        public <T> Builder set(TransportOption<T> key, T value) {
            Objects.requireNonNull(key, "key");
            if (value == null) {
                values.remove(key);
            } else {
                values.put(key, key.type().cast(value));
            }
            return this;
        }

        /** @return the options */
        public TransportOptions build() {
            return new TransportOptions(new IdentityHashMap<>(values));
        }
    }
}
