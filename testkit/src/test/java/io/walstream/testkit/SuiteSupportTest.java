package io.walstream.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** {@link SuiteSupport#verify}: every way a rule body ends becomes a failure that names the rule. */
class SuiteSupportTest {

    @Test
    void aBodyThatNeverReturnsFailsTheRuleWithWhereItIsStuck() {
        CountDownLatch never = new CountDownLatch(1);
        AssertionError e = assertThrows(AssertionError.class, () -> SuiteSupport.verify(ConformanceRule.BS_03,
                Duration.ofMillis(300), () -> stuckInTransport(never)));
        assertTrue(e.getMessage().startsWith("[BS-03] still running after 300 ms, stuck at "), e.getMessage());
        assertTrue(e.getMessage().contains("SuiteSupportTest.stuckInTransport"), e.getMessage());
    }

    @Test
    void assertionsGetTheRuleIdOnceAndExceptionsAreMarkedUnexpected() {
        AssertionError plain = assertThrows(AssertionError.class, () -> SuiteSupport.verify(ConformanceRule.WR_01,
                () -> {
                    throw new AssertionError("saw X");
                }));
        assertEquals("[WR-01] saw X", plain.getMessage());
        AssertionError named = assertThrows(AssertionError.class, () -> SuiteSupport.verify(ConformanceRule.WR_01,
                () -> {
                    throw SuiteSupport.fail(ConformanceRule.WR_01, "saw Y");
                }));
        assertEquals("[WR-01] saw Y", named.getMessage());
        AssertionError thrown = assertThrows(AssertionError.class, () -> SuiteSupport.verify(ConformanceRule.WR_01,
                () -> {
                    throw new java.io.IOException("Broken pipe");
                }));
        assertTrue(thrown.getMessage().startsWith("[WR-01] " + ConformanceRule.WR_01.summary()
                + ": unexpected java.io.IOException: Broken pipe"), thrown.getMessage());
    }

    @Test
    void abortsPassThrough() {
        assertThrows(TestAbortedException.class, () -> SuiteSupport.verify(ConformanceRule.OP_01, () -> {
            throw new TestAbortedException("not here");
        }));
    }

    private static void stuckInTransport(CountDownLatch never) throws InterruptedException {
        never.await();
    }
}
