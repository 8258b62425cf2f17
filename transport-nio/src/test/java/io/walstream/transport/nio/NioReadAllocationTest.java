package io.walstream.transport.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The read path allocates nothing per call, whether bytes are waiting, the read waits for them, or it times
 * out. Measured with the JVM's per-thread allocation counter, which counts this thread's allocations only.
 */
class NioReadAllocationTest {

    private static final int READS = 20_000;
    /** Slack for one-off lazy initialisation inside the JDK; far below one small object per read. */
    private static final long SLACK_BYTES = 16 * 1024;

    @Test
    void readsWithBytesWaitingAllocateNothing() throws Exception {
        AllocationCounter threads = AllocationCounter.forCurrentThread();
        try (LoopbackPeer peer = LoopbackPeer.start(); NioTransport transport = peer.connect()) {
            int chunk = 64;
            CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
                try {
                    byte[] block = new byte[chunk * 1024];
                    for (int i = 0; i < 2 * READS / 1024 + 2; i++) {
                        peer.out().write(block);
                    }
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            ByteBuffer heap = ByteBuffer.allocate(chunk);
            ByteBuffer direct = ByteBuffer.allocateDirect(chunk);
            long timeout = TimeUnit.SECONDS.toNanos(5);
            readMany(transport, heap, direct, timeout, 1_000); // warm up
            long before = threads.allocatedBytes();
            readMany(transport, heap, direct, timeout, READS);
            long allocated = threads.allocatedBytes() - before;
            assertTrue(allocated < SLACK_BYTES, READS + " reads allocated " + allocated + " bytes");
            sender.cancel(true);
        }
    }

    @Test
    void readsThatTimeOutAllocateNothing() throws Exception {
        AllocationCounter threads = AllocationCounter.forCurrentThread();
        try (LoopbackPeer peer = LoopbackPeer.start(); NioTransport transport = peer.connect()) {
            ByteBuffer dst = ByteBuffer.allocate(64);
            long timeout = TimeUnit.MICROSECONDS.toNanos(50);
            for (int i = 0; i < 200; i++) {
                assertEquals(0, transport.source().read(dst, timeout)); // warm up
            }
            long before = threads.allocatedBytes();
            for (int i = 0; i < 2_000; i++) {
                transport.source().read(dst, timeout);
                transport.source().read(dst, 0);
            }
            long allocated = threads.allocatedBytes() - before;
            assertTrue(allocated < SLACK_BYTES, "4000 timed-out reads allocated " + allocated + " bytes");
        }
    }

    private static void readMany(NioTransport transport, ByteBuffer heap, ByteBuffer direct, long timeout,
                                 int count) throws IOException {
        for (int i = 0; i < count; i++) {
            ByteBuffer dst = (i & 1) == 0 ? heap : direct;
            dst.clear();
            int n = transport.source().read(dst, timeout);
            if (n <= 0) {
                throw new AssertionError("read " + n + " after " + i + " reads");
            }
        }
    }

    /**
     * {@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes()}, reached by reflection: the tests
     * compile inside the {@code io.walstream.transport.nio} module, which does not read {@code jdk.management}.
     */
    private static final class AllocationCounter {
        private final Object bean;
        private final Method allocated;

        private AllocationCounter(Object bean, Method allocated) {
            this.bean = bean;
            this.allocated = allocated;
        }

        static AllocationCounter forCurrentThread() throws ReflectiveOperationException {
            Object bean;
            Class<?> type;
            try {
                bean = Class.forName("java.lang.management.ManagementFactory")
                        .getMethod("getThreadMXBean").invoke(null);
                type = Class.forName("com.sun.management.ThreadMXBean");
            } catch (ClassNotFoundException e) {
                assumeTrue(false, "no java.management / jdk.management in this runtime");
                throw e;
            }
            assumeTrue(type.isInstance(bean), "no per-thread allocation counter");
            assumeTrue((Boolean) type.getMethod("isThreadAllocatedMemorySupported").invoke(bean)
                    && (Boolean) type.getMethod("isThreadAllocatedMemoryEnabled").invoke(bean),
                    "per-thread allocation counting is off");
            return new AllocationCounter(bean, type.getMethod("getCurrentThreadAllocatedBytes"));
        }

        long allocatedBytes() throws ReflectiveOperationException {
            return (Long) allocated.invoke(bean);
        }
    }
}
