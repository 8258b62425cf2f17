package io.walstream.testkit;

import static io.walstream.testkit.ByteSourceRules.drain;
import static io.walstream.testkit.SuiteSupport.IO_BUDGET;
import static io.walstream.testkit.SuiteSupport.check;
import static io.walstream.testkit.SuiteSupport.fail;

import io.walstream.spi.Transport;
import io.walstream.testkit.wire.LoopbackPeer;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * WR rules: the write side ({@link io.walstream.spi.ByteSink}).
 *
 * <p><b>Thread safety:</b> JUnit runs each test on one thread; writer threads are the test's own.
 */
public interface ByteSinkRules extends TransportContract {

    /** WR-01. If this fails, check: writes queued in a structure that does not keep order. */
    @Test
    default void required_wr01_writesArriveInOrder() {
        SuiteSupport.verify(ConformanceRule.WR_01, () -> {
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            List<byte[]> messages = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                byte[] m = new byte[1 + (i * 37) % 300];
                for (int k = 0; k < m.length; k++) {
                    m[k] = (byte) (i + k);
                }
                messages.add(m);
                expected.writeBytes(m);
            }
            byte[] want = expected.toByteArray();
            AtomicReference<byte[]> received = new AtomicReference<>();
            try (LoopbackPeer peer = LoopbackPeer.start(s -> received.set(readFully(s.getInputStream(), want.length)))) {
                try (Transport t = SuiteSupport.connect(this, peer.endpoint())) {
                    for (int i = 0; i < messages.size(); i++) {
                        t.sink().write(ByteBuffer.wrap(messages.get(i)));
                        if (i % 50 == 49) {
                            t.sink().flush();
                        }
                    }
                    t.sink().flush();
                    peer.await(IO_BUDGET);
                }
                SuiteSupport.assertBytes(ConformanceRule.WR_01, "bytes received by the peer", want, received.get());
            }
        });
    }

    /** WR-02. If this fails, check: one lock held by read() that write() also needs. */
    @Test
    default void required_wr02_writeWhileReadIsBlocked() {
        SuiteSupport.verify(ConformanceRule.WR_02, () -> {
            byte[] msg = new byte[1024];
            for (int i = 0; i < msg.length; i++) {
                msg[i] = (byte) (i * 3);
            }
            AtomicReference<byte[]> received = new AtomicReference<>();
            try (LoopbackPeer peer = LoopbackPeer.start(s -> {
                received.set(readFully(s.getInputStream(), msg.length));
                s.getOutputStream().write(42);
                s.getOutputStream().flush();
                drain(s.getInputStream());
            }); Transport t = SuiteSupport.connect(this, peer.endpoint())) {
                BlockedRead read = BlockedRead.start(t.source(), ByteBuffer.allocate(16), TimeUnit.SECONDS.toNanos(20));
                read.awaitBlocked(SuiteSupport.BLOCK_BOUND);
                read.requireRunning(ConformanceRule.WR_02, "read(20 s)", "before anything was written");
                CompletableFuture<Void> write = CompletableFuture.runAsync(() -> {
                    try {
                        t.sink().write(ByteBuffer.wrap(msg));
                        t.sink().flush();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }, LifecycleRules.daemonExecutor());
                try {
                    write.get(5, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    throw fail(ConformanceRule.WR_02, "write()+flush() did not complete within 5 s while a read was"
                            + " blocked in another thread; does write() wait for a lock that read() holds?");
                } catch (java.util.concurrent.ExecutionException e) {
                    throw fail(ConformanceRule.WR_02, "write()+flush() while a read was blocked failed: " + e.getCause());
                }
                Object r;
                try {
                    r = read.outcome(java.time.Duration.ofSeconds(5));
                } catch (java.util.concurrent.TimeoutException e) {
                    throw fail(ConformanceRule.WR_02, "the blocked read did not see the peer's answer within 5 s");
                }
                check(ConformanceRule.WR_02, Integer.valueOf(1).equals(r), "the blocked read returned " + r
                        + ", expected the 1-byte answer");
                SuiteSupport.assertBytes(ConformanceRule.WR_02, "bytes written during a blocked read", msg, received.get());
                t.close();
                peer.await(IO_BUDGET);
            }
        });
    }

    /** WR-03. If this fails, check: a write split into several socket writes without a lock around them. */
    @Test
    @Timeout(60)
    default void required_wr03_concurrentWritesAreNotInterleaved() {
        SuiteSupport.verify(ConformanceRule.WR_03, () -> {
            int threads = 4;
            int perThread = 200;
            int body = 4000;
            int recordSize = 1 + 4 + body;
            AtomicReference<String> problem = new AtomicReference<>();
            CountDownLatch verdict = new CountDownLatch(1);
            try (LoopbackPeer peer = LoopbackPeer.start(s -> {
                try {
                    String found = checkRecords(new DataInputStream(s.getInputStream()), threads, perThread, body);
                    if (found != null) {
                        problem.compareAndSet(null, found);
                    }
                } finally {
                    verdict.countDown();
                }
                // keep reading, so that the writers finish and the failure reads as the interleaving seen,
                // not as the broken pipe a closed peer would cause
                drain(s.getInputStream());
            }); Transport t = SuiteSupport.connect(this, peer.endpoint())) {
                List<CompletableFuture<Void>> writers = new ArrayList<>();
                for (int w = 0; w < threads; w++) {
                    int id = w;
                    writers.add(CompletableFuture.runAsync(() -> {
                        ByteBuffer rec = ByteBuffer.allocate(recordSize);
                        try {
                            for (int seq = 0; seq < perThread; seq++) {
                                rec.clear();
                                rec.put((byte) id).putInt(seq);
                                while (rec.hasRemaining()) {
                                    rec.put((byte) id);
                                }
                                t.sink().write(rec.flip());
                                t.sink().flush();
                            }
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }, LifecycleRules.daemonExecutor()));
                }
                String writerFailure = null;
                try {
                    CompletableFuture.allOf(writers.toArray(new CompletableFuture<?>[0])).get(30, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    writerFailure = "a writer failed: " + e.getCause();
                } catch (java.util.concurrent.TimeoutException e) {
                    writerFailure = threads + " writers of " + perThread + " records did not finish within 30 s";
                }
                verdict.await(writerFailure == null ? IO_BUDGET.toMillis() : 1000, TimeUnit.MILLISECONDS);
                check(ConformanceRule.WR_03, problem.get() == null, "concurrent writes from " + threads
                        + " threads: " + problem.get());
                check(ConformanceRule.WR_03, writerFailure == null, String.valueOf(writerFailure));
                check(ConformanceRule.WR_03, verdict.getCount() == 0, "the peer did not receive all "
                        + threads * perThread + " records within " + IO_BUDGET);
                t.close();
                peer.await(IO_BUDGET);
            }
        });
    }

    /** @return what is wrong with the records on {@code in}, or {@code null} once all arrived whole and in order */
    private static String checkRecords(DataInputStream in, int threads, int perThread, int body) throws IOException {
        int[] nextSeq = new int[threads];
        byte[] payload = new byte[body];
        for (int n = 0; n < threads * perThread; n++) {
            int id = in.readUnsignedByte();
            int seq = in.readInt();
            in.readFully(payload);
            if (id >= threads || seq != nextSeq[id]) {
                return "record " + n + " starts with writer " + id + " seq " + seq + ": bytes of different"
                        + " write() calls are interleaved or reordered";
            }
            for (int i = 0; i < body; i++) {
                if (payload[i] != (byte) id) {
                    return "record " + n + " of writer " + id + " contains byte " + payload[i] + " of another"
                            + " writer at offset " + (5 + i) + ": bytes of different write() calls are interleaved";
                }
            }
            nextSeq[id]++;
        }
        return null;
    }

    /** WR-04. If this fails, check: a single partial socket write treated as complete. */
    @Test
    @Timeout(60)
    default void required_wr04_largeWriteIsTakenWhole() {
        SuiteSupport.verify(ConformanceRule.WR_04, () -> {
            byte[] big = new byte[4 * 1024 * 1024];
            for (int i = 0; i < big.length; i++) {
                big[i] = SuiteSupport.pattern(i >>> 12, i);
            }
            AtomicReference<byte[]> received = new AtomicReference<>();
            try (LoopbackPeer peer = LoopbackPeer.start(s -> received.set(readFully(s.getInputStream(), big.length)));
                 Transport t = SuiteSupport.connect(this, peer.endpoint())) {
                ByteBuffer src = ByteBuffer.wrap(big);
                t.sink().write(src);
                check(ConformanceRule.WR_04, !src.hasRemaining(), "write() of a 4 MiB buffer left " + src.remaining()
                        + " bytes in it; write() must take the whole buffer");
                t.sink().flush();
                peer.await(IO_BUDGET);
                check(ConformanceRule.WR_04, java.util.Arrays.equals(big, received.get()),
                        "the 4 MiB write arrived altered");
            }
        });
    }

    /** WR-05. If this fails, check: writes after close() silently dropped. */
    @Test
    default void required_wr05_writeAfterCloseThrows() {
        SuiteSupport.verify(ConformanceRule.WR_05, () -> {
            try (LoopbackPeer peer = LoopbackPeer.start(s -> drain(s.getInputStream()))) {
                Transport t = SuiteSupport.connect(this, peer.endpoint());
                t.close();
                try {
                    t.sink().write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
                    t.sink().flush();
                } catch (IOException expected) {
                    peer.await(IO_BUDGET);
                    return;
                }
                throw fail(ConformanceRule.WR_05, "write()+flush() after close() did not throw an IOException");
            }
        });
    }

    private static byte[] readFully(InputStream in, int n) throws IOException {
        byte[] b = new byte[n];
        new DataInputStream(in).readFully(b);
        return b;
    }
}
