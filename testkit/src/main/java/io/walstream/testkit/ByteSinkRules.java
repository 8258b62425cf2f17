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
                CountDownLatch reading = new CountDownLatch(1);
                CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> {
                    reading.countDown();
                    try {
                        return t.source().read(ByteBuffer.allocate(16), TimeUnit.SECONDS.toNanos(20));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }, LifecycleRules.daemonExecutor());
                reading.await();
                Thread.sleep(100);
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
                    throw fail(ConformanceRule.WR_02, "write()+flush() did not complete within 5 s while a read was blocked");
                }
                Integer r;
                try {
                    r = read.get(5, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    throw fail(ConformanceRule.WR_02, "the blocked read did not see the peer's answer within 5 s");
                }
                check(ConformanceRule.WR_02, r == 1, "the blocked read returned " + r + ", expected the 1-byte answer");
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
            try (LoopbackPeer peer = LoopbackPeer.start(s -> {
                DataInputStream in = new DataInputStream(s.getInputStream());
                int[] nextSeq = new int[threads];
                byte[] payload = new byte[body];
                for (int n = 0; n < threads * perThread; n++) {
                    int id = in.readUnsignedByte();
                    int seq = in.readInt();
                    in.readFully(payload);
                    if (id >= threads || seq != nextSeq[id]) {
                        problem.compareAndSet(null, "record " + n + " has writer " + id + " seq " + seq
                                + ": bytes of different writes are interleaved or reordered");
                        return;
                    }
                    for (byte b : payload) {
                        if (b != (byte) id) {
                            problem.compareAndSet(null, "record " + n + " of writer " + id
                                    + " contains bytes of another writer");
                            return;
                        }
                    }
                    nextSeq[id]++;
                }
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
                CompletableFuture.allOf(writers.toArray(new CompletableFuture<?>[0])).get(30, TimeUnit.SECONDS);
                peer.await(IO_BUDGET);
                check(ConformanceRule.WR_03, problem.get() == null, String.valueOf(problem.get()));
            }
        });
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
                check(ConformanceRule.WR_04, !src.hasRemaining(), "write() left " + src.remaining() + " bytes");
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
