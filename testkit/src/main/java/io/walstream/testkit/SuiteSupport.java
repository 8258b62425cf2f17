package io.walstream.testkit;

import io.walstream.spi.ByteSource;
import io.walstream.spi.Endpoint;
import io.walstream.spi.Transport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.opentest4j.TestAbortedException;

/**
 * Helpers shared by the rule families. Every failure message starts with the rule's {@code [ID]}, so a report
 * names the rule that broke.
 *
 * <p><b>Thread safety:</b> stateless.
 */
final class SuiteSupport {

    /** Upper bound for waits that should be near-instant on loopback. */
    static final Duration PROMPT = Duration.ofSeconds(1);
    /** Upper bound for reading or writing a whole fixture. */
    static final Duration IO_BUDGET = Duration.ofSeconds(15);
    /** Upper bound for one rule's body, below the suite's 60 s test time-out. */
    static final Duration RULE_BUDGET = Duration.ofSeconds(50);
    /** Upper bound for seeing a reader thread enter its blocking wait ({@link BlockedRead#awaitBlocked}). */
    static final Duration BLOCK_BOUND = Duration.ofSeconds(5);

    private SuiteSupport() {
    }

    /** A test body that may throw. */
    @FunctionalInterface
    interface Body {
        void run() throws Exception;
    }

    /**
     * Runs {@code body} within {@link #RULE_BUDGET}; see {@link #verify(ConformanceRule, Duration, Body)}.
     */
    static void verify(ConformanceRule rule, Body body) {
        verify(rule, RULE_BUDGET, body);
    }

    /**
     * Runs {@code body} on its own daemon thread, turning any failure into an {@link AssertionError} whose message
     * starts with the rule ID. A body still running after {@code budget} (a transport call that never returns)
     * fails the rule with the place it is stuck at, instead of the test's anonymous time-out. Aborts (skips) pass
     * through unchanged.
     */
    static void verify(ConformanceRule rule, Duration budget, Body body) {
        java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                thrown.set(t);
            }
        }, "walstream-conformance-" + rule.id());
        worker.setDaemon(true);
        worker.start();
        try {
            worker.join(budget.toMillis());
        } catch (InterruptedException e) {
            worker.interrupt();
            Thread.currentThread().interrupt();
            throw fail(rule, "interrupted while the rule ran, at " + where(worker.getStackTrace()));
        }
        if (worker.isAlive()) {
            StackTraceElement[] at = worker.getStackTrace();
            worker.interrupt();
            throw fail(rule, "still running after " + budget.toMillis() + " ms, stuck at " + where(at));
        }
        Throwable e = thrown.get();
        if (e == null) {
            return;
        }
        if (e instanceof TestAbortedException) {
            throw (TestAbortedException) e;
        }
        if (e instanceof AssertionError) {
            String m = String.valueOf(e.getMessage());
            throw m.startsWith("[" + rule.id() + "]") ? (AssertionError) e : new AssertionError("[" + rule.id() + "] " + m, e);
        }
        throw new AssertionError("[" + rule.id() + "] " + rule.summary() + ": unexpected " + e, e);
    }

    /** @return the top frame and the first frames outside the JDK, e.g. where a transport blocks */
    private static String where(StackTraceElement[] stack) {
        StringBuilder b = new StringBuilder();
        int shown = 0;
        for (int i = 0; i < stack.length && shown < 4; i++) {
            String c = stack[i].getClassName();
            boolean jdk = c.startsWith("java.") || c.startsWith("sun.") || c.startsWith("jdk.");
            if (i == 0 || !jdk) {
                b.append(b.length() == 0 ? "" : " < ").append(stack[i]);
                shown++;
            }
        }
        return b.length() == 0 ? "(no stack)" : b.toString();
    }

    static AssertionError fail(ConformanceRule rule, String message) {
        return new AssertionError("[" + rule.id() + "] " + message);
    }

    static void check(ConformanceRule rule, boolean condition, String message) {
        if (!condition) {
            throw fail(rule, message);
        }
    }

    static void requireCapability(TransportContract contract, Capability capability, ConformanceRule rule) {
        if (!contract.capabilities().has(capability)) {
            Assumptions.abort("[" + rule.id() + "] OPTIONAL, not supported by '" + contract.provider().name()
                    + "': it does not declare " + capability + " in capabilities()");
        }
    }

    static Transport connect(TransportContract contract, Endpoint endpoint) throws IOException {
        return contract.provider().connect(endpoint, contract.options());
    }

    /**
     * Reads exactly {@code n} bytes, failing if the stream ends first or {@code budget} runs out.
     */
    static byte[] readExactly(ConformanceRule rule, ByteSource source, int n, Duration budget) throws IOException {
        byte[] out = new byte[n];
        ByteBuffer buf = ByteBuffer.allocate(Math.max(1, Math.min(n, 64 * 1024)));
        int got = 0;
        long deadline = System.nanoTime() + budget.toNanos();
        while (got < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw fail(rule, "only " + got + " of " + n + " expected bytes arrived within " + budget);
            }
            buf.clear().limit(Math.min(buf.capacity(), n - got));
            int r = source.read(buf, Math.min(left, TimeUnit.MILLISECONDS.toNanos(250)));
            if (r < 0) {
                throw fail(rule, "end of stream after " + got + " of " + n + " expected bytes");
            }
            checkCount(rule, r, buf);
            buf.flip();
            buf.get(out, got, r);
            got += r;
        }
        return out;
    }

    /**
     * Reads until end of stream, failing if more than {@code max} bytes arrive or {@code budget} runs out.
     */
    static byte[] readToEnd(ConformanceRule rule, ByteSource source, int max, Duration budget) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(8192);
        long deadline = System.nanoTime() + budget.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw fail(rule, "no end of stream (-1) within " + budget + " after " + out.size() + " bytes");
            }
            buf.clear();
            int r = source.read(buf, Math.min(left, TimeUnit.MILLISECONDS.toNanos(250)));
            if (r < 0) {
                return out.toByteArray();
            }
            checkCount(rule, r, buf);
            out.write(buf.array(), 0, r);
            if (out.size() > max) {
                throw fail(rule, "more bytes than the peer sent: " + out.size() + " > " + max);
            }
        }
    }

    private static void checkCount(ConformanceRule rule, int r, ByteBuffer buf) {
        if (r != buf.position()) {
            throw fail(rule, "read() returned " + r + " but advanced the buffer by " + buf.position());
        }
    }

    static void assertBytes(ConformanceRule rule, String what, byte[] expected, byte[] actual) {
        int n = Math.min(expected.length, actual.length);
        for (int i = 0; i < n; i++) {
            if (expected[i] != actual[i]) {
                throw fail(rule, what + ": byte " + i + " is " + hex(actual, i) + ", expected " + hex(expected, i));
            }
        }
        if (expected.length != actual.length) {
            throw fail(rule, what + ": " + actual.length + " bytes, expected " + expected.length);
        }
    }

    private static String hex(byte[] b, int at) {
        return HexFormat.of().formatHex(b, at, Math.min(b.length, at + 8));
    }

    static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // best effort
        }
    }

    /** A deterministic byte pattern for large transfers: byte {@code i} of chunk {@code k}. */
    static byte pattern(long k, int i) {
        return (byte) (k * 7 + i);
    }
}
