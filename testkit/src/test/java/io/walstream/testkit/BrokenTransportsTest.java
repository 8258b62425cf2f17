package io.walstream.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The suite is itself tested (Reactive Streams TCK's {@code requireTestFailure}): every rule has a deliberately
 * broken transport in {@link BrokenSuites}, and running that rule against it must fail with a message that starts
 * with the rule's ID and says what was observed — not a bare exception or time-out that the suite merely wrapped.
 */
class BrokenTransportsTest {

    /** What {@link SuiteSupport#verify} adds when a rule body threw instead of asserting what it saw. */
    private static final String WRAPPED = ": unexpected ";

    @Test
    void everyRuleHasABrokenTransport() {
        Map<ConformanceRule, List<String>> catalogue = catalogue();
        List<String> missing = missing(catalogue);
        assertTrue(missing.isEmpty(), "rules without a deliberately broken transport in BrokenSuites: " + missing);
        catalogue.forEach((rule, suites) -> assertEquals(1, suites.size(), rule.id() + " is broken by " + suites
                + "; keep one breaker per rule so the catalogue stays a table"));
    }

    @Test
    void theCoverageCheckNamesARuleThatLostItsBreaker() {
        Map<ConformanceRule, List<String>> catalogue = catalogue();
        catalogue.remove(ConformanceRule.BS_08);
        catalogue.remove(ConformanceRule.OP_03);
        assertEquals(List.of("BS-08 (required: " + ConformanceRule.BS_08.summary() + ")",
                "OP-03 (optional: " + ConformanceRule.OP_03.summary() + ")"), missing(catalogue));
    }

    /** @return each rule without an entry, as {@code ID (level: summary)} */
    private static List<String> missing(Map<ConformanceRule, List<String>> catalogue) {
        List<String> missing = new ArrayList<>();
        for (ConformanceRule rule : ConformanceRule.values()) {
            if (!catalogue.containsKey(rule)) {
                missing.add(rule.id() + " (" + rule.level().name().toLowerCase(java.util.Locale.ROOT) + ": "
                        + rule.summary() + ")");
            }
        }
        return missing;
    }

    @Test
    void everyBrokenSuiteIsMarkedAndRunnable() {
        for (Class<?> suite : BrokenSuites.class.getDeclaredClasses()) {
            assertNotNull(suite.getAnnotation(Breaks.class), suite.getSimpleName() + " has no @Breaks");
            assertTrue(TransportConformanceSuite.class.isAssignableFrom(suite), suite + " is not a suite");
            assertTrue(Modifier.isStatic(suite.getModifiers()) && Modifier.isPublic(suite.getModifiers()),
                    suite + " must be public static for the engine");
        }
    }

    @TestFactory
    Stream<DynamicTest> eachBrokenTransportFailsItsRuleByName() {
        return Arrays.stream(BrokenSuites.class.getDeclaredClasses())
                .filter(c -> c.isAnnotationPresent(Breaks.class))
                .sorted(java.util.Comparator.comparing(c -> c.getAnnotation(Breaks.class).value()))
                .map(suite -> {
                    ConformanceRule rule = suite.getAnnotation(Breaks.class).value();
                    return DynamicTest.dynamicTest(rule.id() + " fails against " + suite.getSimpleName(),
                            () -> assertRuleFails(suite, rule));
                });
    }

    @Test
    void undeclaredOptionalRuleIsSkippedWithReasonNotPassed() {
        EngineExecutionResults results = run(BrokenSuites.NeverEof.class, "optional_op01_writeAfterPeerHalfClose");
        List<Event> aborted = results.testEvents().aborted().list();
        assertEquals(1, aborted.size(), "the undeclared optional rule must be reported as skipped (aborted)");
        assertEquals(0, results.testEvents().succeeded().count(), "an undeclared optional rule must not pass");
        String reason = throwable(aborted.get(0)).getMessage();
        assertTrue(reason.startsWith("[OP-01] OPTIONAL, not supported by 'broken'"), reason);
    }

    @Test
    void brokenTransportStillPassesTheRulesItDoesNotBreak() {
        // Guards against a suite that fails everything: the write-reordering transport reads correctly, and the
        // transport that ignores a write's position passes WR-01, whose writes start at position 0.
        EngineExecutionResults reads = run(BrokenSuites.ReordersWrites.class, "required_bs03_readHonoursDeadline");
        assertEquals(1, reads.testEvents().succeeded().count(), failures(reads));
        EngineExecutionResults writes = run(BrokenSuites.WriteIgnoresSourcePosition.class,
                "required_wr01_writesArriveInOrder");
        assertEquals(1, writes.testEvents().succeeded().count(), failures(writes));
    }

    private static void assertRuleFails(Class<?> suite, ConformanceRule rule) {
        String method = methodOf(rule);
        EngineExecutionResults results = run(suite, method);
        List<Event> failed = results.testEvents().failed().list();
        if (failed.isEmpty() && results.testEvents().aborted().count() > 0) {
            String reason = throwable(results.testEvents().aborted().list().get(0)).getMessage();
            assertFalse(reason.contains("OPTIONAL, not supported"), suite.getSimpleName()
                    + " must declare the capability it breaks: " + reason);
            Assumptions.abort("the environment cannot check " + rule.id() + " here: " + reason);
        }
        assertFalse(failed.isEmpty(), suite.getSimpleName() + " should fail " + rule.id() + " but nothing failed");
        for (Event e : failed) {
            String message = String.valueOf(throwable(e).getMessage());
            assertTrue(message.startsWith("[" + rule.id() + "] "), suite.getSimpleName()
                    + ": the failure does not name " + rule.id() + ": " + message);
            assertFalse(message.contains(WRAPPED), suite.getSimpleName() + ": " + rule.id()
                    + " failed on an exception it did not expect, not on what it observed: " + message);
        }
        assertTrue(failed.stream().allMatch(e -> e.getTestDescriptor().getUniqueId().toString().contains(method)),
                "only the rule's own test may fail");
        // what the suite reported, in the test's output file: the table of rule, breaker and observation
        System.out.println(rule.id() + " vs " + suite.getSimpleName() + ": " + firstLine(throwable(failed.get(0))));
    }

    /** @return the suite method that checks {@code rule} */
    private static String methodOf(ConformanceRule rule) {
        for (Class<?> family : TransportConformanceSuite.class.getInterfaces()) {
            for (Method m : family.getDeclaredMethods()) {
                if (rule == RuleDisplayNames.ruleOf(m.getName())
                        && (m.isAnnotationPresent(Test.class) || m.isAnnotationPresent(TestFactory.class))) {
                    return m.getName();
                }
            }
        }
        throw new AssertionError("no test method for " + rule.id());
    }

    private static Map<ConformanceRule, List<String>> catalogue() {
        Map<ConformanceRule, List<String>> map = new EnumMap<>(ConformanceRule.class);
        for (Class<?> suite : BrokenSuites.class.getDeclaredClasses()) {
            Breaks breaks = suite.getAnnotation(Breaks.class);
            if (breaks != null) {
                map.computeIfAbsent(breaks.value(), r -> new ArrayList<>()).add(suite.getSimpleName());
            }
        }
        return map;
    }

    private static EngineExecutionResults run(Class<?> suite, String method) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectMethod(suite, method)).execute();
    }

    private static Throwable throwable(Event e) {
        return e.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
    }

    private static String firstLine(Throwable t) {
        String m = String.valueOf(t.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static String failures(EngineExecutionResults results) {
        return results.testEvents().failed().stream()
                .map(e -> String.valueOf(throwable(e).getMessage()))
                .collect(Collectors.joining("; "));
    }
}
