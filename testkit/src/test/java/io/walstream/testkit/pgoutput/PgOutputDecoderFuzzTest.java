package io.walstream.testkit.pgoutput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.walstream.ProtocolException;
import io.walstream.pgoutput.PgOutputDecoder;
import io.walstream.pgoutput.PgOutputMessage;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded robustness: random mutations and truncations of valid encoded messages decode to a message or throw a
 * {@link ProtocolException} subtype, nothing else; no decode hangs or allocates more than the input implies.
 *
 * <p>Allocation is measured per decode with the JDK's per-thread allocation counter (skipped if the JVM lacks
 * it) and must stay below 64 bytes per input byte plus 64 KiB, after {@value #WARMUP_CASES} warm-up cases.
 *
 * <p>Runs {@value #DEFAULT_CASES} cases by default; {@code -Dwalstream.fuzz.cases=1000000} for a nightly run.
 * The seed comes from {@code -Dwalstream.testkit.seed} (else a fixed one) and is printed in every failure.
 */
class PgOutputDecoderFuzzTest {
    static final int DEFAULT_CASES = 20_000;
    static final String CASES_PROPERTY = "walstream.fuzz.cases";
    private static final long DEFAULT_SEED = 0x5EED_0F_F00DL;
    /** Decoding n bytes may allocate at most this many bytes per input byte, plus {@link #ALLOCATION_SLACK}. */
    private static final long ALLOCATION_PER_BYTE = 64;
    private static final long ALLOCATION_SLACK = 64 * 1024;
    /** Cases run before allocation is checked: the JIT and first-time linking allocate on their own. */
    private static final int WARMUP_CASES = 1_000;
    private static final int[] INTERESTING_INTS = {0, 1, -1, 0x7fffffff, 0x80000000, 0xffff, 0x10000, 0x7fff};

    /** {@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes}, bound; null if unavailable. */
    private final MethodHandle allocatedBytes = allocationCounter();

    private static MethodHandle allocationCounter() {
        try {
            // looked up reflectively: the testkit module does not read jdk.management at compile time
            Class<?> iface = Class.forName("com.sun.management.ThreadMXBean");
            Object bean = ManagementFactory.getThreadMXBean();
            if (!iface.isInstance(bean)
                    || !(boolean) iface.getMethod("isThreadAllocatedMemorySupported").invoke(bean)) {
                return null;
            }
            iface.getMethod("setThreadAllocatedMemoryEnabled", boolean.class).invoke(bean, true);
            return MethodHandles.publicLookup()
                    .findVirtual(iface, "getCurrentThreadAllocatedBytes", MethodType.methodType(long.class))
                    .bindTo(bean);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private long allocated() {
        try {
            return allocatedBytes == null ? 0 : (long) allocatedBytes.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static long seed() {
        String s = System.getProperty("walstream.testkit.seed", "").trim();
        return s.isEmpty() ? DEFAULT_SEED : Long.decode(s);
    }

    static int cases() {
        String s = System.getProperty(CASES_PROPERTY, "").trim();
        return s.isEmpty() ? DEFAULT_CASES : Math.max(DEFAULT_CASES, Integer.parseInt(s));
    }

    @Test
    void mutatedAndTruncatedMessagesOnlyRaiseProtocolExceptions() {
        long seed = seed();
        int cases = cases();
        int[] outcomes = new int[2];
        long maxAllocated = assertTimeoutPreemptively(Duration.ofSeconds(120 + cases / 2_000), () -> {
            long worst = 0;
            Random random = new Random(seed);
            RandomMessages messages = new RandomMessages(random);
            for (int i = 0; i < cases; i++) {
                worst = Math.max(worst, runCase(seed, i, random, messages, outcomes));
            }
            return worst;
        }, () -> "fuzzing hung (seed " + seed + ")");
        assertEquals(cases, outcomes[0] + outcomes[1]);
        // the mutations must actually reach both outcomes
        assertTrue(outcomes[0] > cases / 100, "decoded " + outcomes[0]);
        assertTrue(outcomes[1] > cases / 10, "rejected " + outcomes[1]);
        System.out.printf("pgoutput fuzz: seed=%d cases=%d decoded=%d rejected=%d maxAllocatedBytes=%d%n", seed,
                cases, outcomes[0], outcomes[1], maxAllocated);
    }

    private long runCase(long seed, int index, Random random, RandomMessages messages, int[] outcomes) {
        int version = 1 + random.nextInt(4);
        boolean parallel = version == 4 && random.nextBoolean();
        boolean inBlock = version >= 2 && random.nextInt(3) == 0;
        boolean skipUnknown = random.nextInt(4) == 0;
        byte[] valid = PgOutputWriter.encode(messages.next(version, parallel, inBlock));
        byte[] input = mutate(valid, random);
        String where = "seed " + seed + " case " + index + " (proto " + version + (parallel ? " parallel" : "")
                + (inBlock ? " in block" : "") + (skipUnknown ? " skipping unknown" : "") + ") input "
                + HexFormat.of().formatHex(input);

        long allocated = decodeOnce(version, parallel, inBlock, skipUnknown, input, outcomes, where);
        long limit = ALLOCATION_PER_BYTE * input.length + ALLOCATION_SLACK;
        if (index >= WARMUP_CASES && allocated > limit) {
            // the first run of a code path also loads and links classes: only a repeatable excess counts
            allocated = decodeOnce(version, parallel, inBlock, skipUnknown, input, new int[2], where);
            if (allocated > limit) {
                fail(where + ": allocated " + allocated + " bytes for " + input.length + " input bytes (limit "
                        + limit + ")");
            }
        }
        return index >= WARMUP_CASES ? allocated : 0;
    }

    private long decodeOnce(int version, boolean parallel, boolean inBlock, boolean skipUnknown, byte[] input,
                            int[] outcomes, String where) {
        PgOutputDecoder decoder = PgOutputDecoder.builder(version).parallelStreaming(parallel)
                .skipUnknownTypes(skipUnknown).build();
        if (inBlock) {
            decoder.decode(new byte[] {'S', 0, 0, 0, 1, 1});
        }
        long before = allocated();
        long start = System.nanoTime();
        try {
            PgOutputMessage m = decoder.decode(input);
            if (m == null) {
                fail(where + ": decode returned null");
            }
            outcomes[0]++;
        } catch (ProtocolException expected) {
            outcomes[1]++;
        } catch (Throwable t) {
            throw new AssertionError(where + ": threw " + t, t);
        }
        long after = allocated();
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        if (elapsedMillis > 2_000) {
            fail(where + ": took " + elapsedMillis + " ms");
        }
        return after - before;
    }

    static byte[] mutate(byte[] valid, Random r) {
        byte[] b = valid.clone();
        int ops = 1 + r.nextInt(3);
        for (int op = 0; op < ops; op++) {
            switch (r.nextInt(7)) {
                case 0: // truncate
                    b = Arrays.copyOf(b, r.nextInt(b.length + 1));
                    break;
                case 1: // flip bits
                    if (b.length > 0) {
                        b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                    }
                    break;
                case 2: // random byte
                    if (b.length > 0) {
                        b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                    }
                    break;
                case 3: // an interesting Int32 / Int16 over any position (lengths, counts)
                    if (b.length >= 2) {
                        int v = INTERESTING_INTS[r.nextInt(INTERESTING_INTS.length)];
                        int at = r.nextInt(b.length - 1);
                        int width = Math.min(b.length - at, r.nextBoolean() ? 4 : 2);
                        for (int i = 0; i < width; i++) {
                            b[at + i] = (byte) (v >>> (8 * (width - 1 - i)));
                        }
                    }
                    break;
                case 4: // insert a byte
                    int at = r.nextInt(b.length + 1);
                    byte[] grown = new byte[b.length + 1];
                    System.arraycopy(b, 0, grown, 0, at);
                    grown[at] = (byte) r.nextInt(256);
                    System.arraycopy(b, at, grown, at + 1, b.length - at);
                    b = grown;
                    break;
                case 5: // delete a byte
                    if (b.length > 0) {
                        int del = r.nextInt(b.length);
                        byte[] shrunk = new byte[b.length - 1];
                        System.arraycopy(b, 0, shrunk, 0, del);
                        System.arraycopy(b, del + 1, shrunk, del, b.length - del - 1);
                        b = shrunk;
                    }
                    break;
                default: // another type byte
                    if (b.length > 0) {
                        b[0] = (byte) (r.nextBoolean() ? "BCORYIUDTMSEcAbPKrp".charAt(r.nextInt(19)) : r.nextInt(256));
                    }
                    break;
            }
        }
        return b;
    }
}
