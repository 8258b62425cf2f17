package io.walstream.transport.tls;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import org.bouncycastle.tls.CipherSuite;

/**
 * IANA names of cipher suites, from BouncyCastle's {@link CipherSuite} constants.
 *
 * <p><b>Thread safety:</b> the table is built once, immutable afterwards.
 */
final class CipherSuites {

    private static final Map<Integer, String> NAMES = load();

    private CipherSuites() {
    }

    static String name(int suite) {
        return NAMES.getOrDefault(suite, String.format("0x%04X", suite));
    }

    private static Map<Integer, String> load() {
        Map<Integer, String> m = new HashMap<>();
        for (Field f : CipherSuite.class.getFields()) {
            if (f.getType() == int.class && Modifier.isStatic(f.getModifiers()) && f.getName().startsWith("TLS_")) {
                try {
                    m.putIfAbsent(f.getInt(null), f.getName());
                } catch (IllegalAccessException ignored) {
                    // public constants; cannot happen
                }
            }
        }
        return Map.copyOf(m);
    }
}
