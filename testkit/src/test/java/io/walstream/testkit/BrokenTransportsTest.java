package io.walstream.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The suite is itself tested: each deliberately broken transport must fail the rule it breaks, and the
 * failure must name that rule (Reactive Streams TCK's {@code requireTestFailure}).
 */
class BrokenTransportsTest {

    @Test
    void dropsLastChunkFailsFx01() {
        assertRuleFails(BrokenDropsLastChunkSuite.class, "required_fx01_replaysEveryFixtureUnderEveryChunking", "FX-01");
    }

    @Test
    void neverEofFailsBs01() {
        assertRuleFails(BrokenNeverEofSuite.class, "required_bs01_readReturnsMinusOneAfterPeerClose", "BS-01");
    }

    @Test
    void ignoresDeadlineFailsBs03() {
        assertRuleFails(BrokenIgnoresDeadlineSuite.class, "required_bs03_readHonoursDeadline", "BS-03");
    }

    @Test
    void reordersWritesFailsWr01() {
        assertRuleFails(BrokenReordersWritesSuite.class, "required_wr01_writesArriveInOrder", "WR-01");
    }

    @Test
    void ignoresPositionFailsBs05() {
        assertRuleFails(BrokenIgnoresPositionSuite.class, "required_bs05_readRespectsBufferBounds", "BS-05");
    }

    @Test
    void fillsBufferFailsBs06() {
        assertRuleFails(BrokenFillsBufferSuite.class, "required_bs06_readReturnsAvailableBytesAtOnce", "BS-06");
    }

    @Test
    void closeThatDoesNotWakeFailsLc01() {
        assertRuleFails(BrokenCloseDoesNotWakeSuite.class, "required_lc01_closeFromAnotherThreadUnblocksRead", "LC-01");
    }

    @Test
    void unlockedPiecewiseWritesFailWr03() {
        assertRuleFails(BrokenUnlockedPiecewiseWritesSuite.class, "required_wr03_concurrentWritesAreNotInterleaved",
                "WR-03");
    }

    @Test
    void undeclaredOptionalRuleIsSkippedWithReasonNotPassed() {
        EngineExecutionResults results = run(BrokenNeverEofSuite.class, "optional_op01_writeAfterPeerHalfClose");
        List<Event> aborted = results.testEvents().aborted().list();
        assertEquals(1, aborted.size(), "the undeclared optional rule must be reported as skipped (aborted)");
        assertEquals(0, results.testEvents().succeeded().count(), "an undeclared optional rule must not pass");
        String reason = aborted.get(0).getPayload(TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow().getMessage();
        assertTrue(reason.startsWith("[OP-01] OPTIONAL, not supported by 'broken'"), reason);
    }

    @Test
    void brokenTransportStillPassesTheRulesItDoesNotBreak() {
        // Guards against a suite that fails everything: the write-reordering transport reads correctly.
        EngineExecutionResults results = run(BrokenReordersWritesSuite.class, "required_bs03_readHonoursDeadline");
        assertEquals(1, results.testEvents().succeeded().count(), failures(results));
    }

    private static void assertRuleFails(Class<?> suite, String method, String ruleId) {
        EngineExecutionResults results = run(suite, method);
        List<Event> failed = results.testEvents().failed().list();
        assertFalse(failed.isEmpty(), suite.getSimpleName() + " should fail " + ruleId + " but nothing failed");
        for (Event e : failed) {
            Throwable t = e.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
            assertTrue(String.valueOf(t.getMessage()).startsWith("[" + ruleId + "]"),
                    "failure does not name " + ruleId + ": " + t);
        }
        assertTrue(failed.get(0).getTestDescriptor().getDisplayName().contains(ruleId)
                        || failed.get(0).getTestDescriptor().getUniqueId().toString().contains(method),
                "the failed test should be the rule's own");
    }

    private static EngineExecutionResults run(Class<?> suite, String method) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectMethod(suite, method)).execute();
    }

    private static String failures(EngineExecutionResults results) {
        return results.testEvents().failed().stream()
                .map(e -> String.valueOf(e.getPayload(TestExecutionResult.class).orElseThrow().getThrowable()
                        .map(Throwable::getMessage).orElse("?")))
                .collect(Collectors.joining("; "));
    }
}
