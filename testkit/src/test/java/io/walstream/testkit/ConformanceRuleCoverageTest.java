package io.walstream.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every rule has exactly one test, named after its ID and level (the RS TCK's VerificationRules idea). */
class ConformanceRuleCoverageTest {

    @Test
    void everyRuleHasExactlyOneCorrectlyNamedTest() {
        Map<ConformanceRule, List<String>> tests = new EnumMap<>(ConformanceRule.class);
        for (Class<?> family : TransportConformanceSuite.class.getInterfaces()) {
            for (Method m : family.getDeclaredMethods()) {
                if (!m.isAnnotationPresent(Test.class) && !m.isAnnotationPresent(TestFactory.class)) {
                    continue;
                }
                ConformanceRule rule = RuleDisplayNames.ruleOf(m.getName());
                assertNotNull(rule, "test " + family.getSimpleName() + "." + m.getName() + " names no rule");
                String prefix = rule.level().name().toLowerCase(Locale.ROOT) + "_"
                        + rule.id().replace("-", "").toLowerCase(Locale.ROOT) + "_";
                assertTrue(m.getName().startsWith(prefix), m.getName() + " should start with " + prefix);
                tests.computeIfAbsent(rule, r -> new ArrayList<>()).add(m.getName());
            }
        }
        for (ConformanceRule rule : ConformanceRule.values()) {
            assertEquals(1, tests.getOrDefault(rule, List.of()).size(), rule.id() + " tests: " + tests.get(rule));
        }
    }

    @Test
    void ruleIdsAreUniqueAndThereAreAtLeastTwenty() {
        Set<String> ids = new HashSet<>();
        for (ConformanceRule rule : ConformanceRule.values()) {
            assertTrue(ids.add(rule.id()), "duplicate " + rule.id());
            assertTrue(rule.id().matches("[A-Z]{2}-\\d{2}"), rule.id());
        }
        assertTrue(ids.size() >= 20, "only " + ids.size() + " rules");
    }

    @Test
    void displayNamesCarryIdAndLevel() {
        assertEquals("[BS-03] required: " + ConformanceRule.BS_03.summary(),
                new RuleDisplayNames().generateDisplayNameForMethod(List.of(), TransportConformanceSuite.class,
                        method("required_bs03_readHonoursDeadline")));
    }

    private static Method method(String name) {
        for (Class<?> family : TransportConformanceSuite.class.getInterfaces()) {
            for (Method m : family.getDeclaredMethods()) {
                if (m.getName().equals(name)) {
                    return m;
                }
            }
        }
        throw new AssertionError("no method " + name);
    }
}
