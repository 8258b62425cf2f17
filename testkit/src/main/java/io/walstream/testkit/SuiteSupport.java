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
     * Runs {@code body}, turning any failure into an {@link AssertionError} whose message starts with the rule
     * ID. Aborts (skips) pass through unchanged.
     */
    static void verify(ConformanceRule rule, Body body) {
        try {
            body.run();
        } catch (TestAbortedException e) {
            throw e;
        } catch (AssertionError e) {
            String m = String.valueOf(e.getMessage());
            throw m.startsWith("[" + rule.id() + "]") ? e : new AssertionError("[" + rule.id() + "] " + m, e);
        } catch (Throwable e) {
            throw new AssertionError("[" + rule.id() + "] " + rule.summary() + ": unexpected " + e, e);
        }
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
