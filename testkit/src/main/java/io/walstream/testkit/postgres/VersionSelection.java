package io.walstream.testkit.postgres;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Which versions a {@link PostgresTest} class runs on: the system-property selection filtered by the class's
 * {@link PostgresVersions}.
 *
 * <p><b>Thread safety:</b> stateless; safe for concurrent use.
 */
final class VersionSelection {
    private VersionSelection() {
    }

    static List<PostgresVersion> forClass(Class<?> testClass) {
        return filter(PostgresVersion.selected(),
                AnnotationSupport.findAnnotation(testClass, PostgresVersions.class).orElse(null));
    }

    static List<PostgresVersion> filter(List<PostgresVersion> selected, PostgresVersions restriction) {
        if (restriction == null) {
            return selected;
        }
        List<PostgresVersion> explicit = new ArrayList<>();
        for (int major : restriction.value()) {
            explicit.add(PostgresVersion.ofMajor(major));
        }
        List<PostgresVersion> result = new ArrayList<>();
        for (PostgresVersion version : selected) {
            boolean listed = explicit.isEmpty() || explicit.contains(version);
            if (listed && version.major() >= restriction.min() && version.major() <= restriction.max()) {
                result.add(version);
            }
        }
        return List.copyOf(result);
    }

    static String describe(PostgresVersions restriction) {
        if (restriction == null) {
            return "no @PostgresVersions";
        }
        return "@PostgresVersions(value=" + Arrays.toString(restriction.value()) + ", min=" + restriction.min()
                + ", max=" + restriction.max() + ")";
    }
}
