package io.walstream.testkit;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.DisplayNameGenerator;

/**
 * Names each rule test after its {@link ConformanceRule}: {@code [BS-03] required: read() returns 0 ...}.
 * Methods are named {@code required_bs03_...} / {@code optional_op01_...}; the rule comes from the name.
 *
 * <p><b>Thread safety:</b> stateless.
 */
public final class RuleDisplayNames extends DisplayNameGenerator.Standard {

    /** Used by JUnit. */
    public RuleDisplayNames() {
    }

    @Override
    public String generateDisplayNameForMethod(List<Class<?>> enclosingInstanceTypes, Class<?> testClass,
                                               Method testMethod) {
        ConformanceRule rule = ruleOf(testMethod.getName());
        return rule == null ? super.generateDisplayNameForMethod(enclosingInstanceTypes, testClass, testMethod)
                : rule.label();
    }

    /**
     * @param methodName a test method name such as {@code required_bs03_readHonoursDeadline}
     * @return the rule it checks, or {@code null} if the name follows no rule
     */
    public static ConformanceRule ruleOf(String methodName) {
        String[] parts = methodName.split("_", 3);
        if (parts.length < 3) {
            return null;
        }
        String id = parts[1].toUpperCase(Locale.ROOT);
        if (id.length() < 3) {
            return null;
        }
        String dashed = id.substring(0, 2) + "-" + id.substring(2);
        for (ConformanceRule r : ConformanceRule.values()) {
            if (r.id().equals(dashed)) {
                return r;
            }
        }
        return null;
    }
}
