package io.walstream.testkit;

import static io.walstream.testkit.SuiteSupport.IO_BUDGET;
import static io.walstream.testkit.SuiteSupport.check;
import static io.walstream.testkit.SuiteSupport.fail;

import io.walstream.spi.ByteSource;
import io.walstream.spi.Transport;
import io.walstream.testkit.wire.Fixtures;
import io.walstream.testkit.wire.LoopbackPeer;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * BS rules: the read side ({@link ByteSource}).
 *
 * <p><b>Thread safety:</b> JUnit runs each test on one thread; peers run on their own.
 */
public interface ByteSourceRules extends TransportContract {

    /** In-flight bytes allowed between a peer and a reader that is not reading (kernel buffers included). */
    long IN_FLIGHT_BOUND = 96L * 1024 * 1024;

    /** BS-01. If this fails, check: end of stream mapped to 0 or swallowed, -1 only after close(). */
    @Test
    default void required_bs01_readReturnsMinusOneAfterPeerClose() {
        SuiteSupport.verify(ConformanceRule.BS_01, () -> {
            byte[] frame = Fixtures.load("replication/xlogdata").serverBytes();
            try (LoopbackPeer peer = LoopbackPeer.start(s -> {
                s.getOutputStream().write(frame);
                s.shutdownOutput();
                drain(s.getInputStream());
            }); Transport t = SuiteSupport.connect(this, peer.endpoint())) {
                SuiteSupport.readExactly(ConformanceRule.BS_01, t.source(), frame.length, IO_BUDGET);
                long start = System.nanoTime();
                ByteBuffer buf = ByteBuffer.allocate(64);
                while (true) {
                    int r = t.source().read(buf, TimeUnit.MILLISECONDS.toNanos(200));
                    if (r < 0) {
                        break;
                    }
                    check(ConformanceRule.BS_01, r == 0, r + " bytes after the peer's last byte");
                    if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(5)) {
                        throw fail(ConformanceRule.BS_01, "no -1 within 5 s after the peer closed");
                    }
                }
                t.close();
                peer.await(IO_BUDGET);
            }
        });
    }

    /** BS-02. If this fails, check: a partial last chunk dropped at end of stream. */
    @Test
    default void required_bs02_endOfStreamInsideFrameDeliversEveryByte() {
        SuiteSupport.verify(ConformanceRule.BS_02, () -> {
            byte[] all = Fixtures.load("hostile/truncated-mid-xlogdata").serverBytes();
            try (LoopbackPeer peer = LoopbackPeer.start(s -> {
                OutputStream out = s.getOutputStream();
                out.write(all, 0, all.length - 7);
                out.flush();
                Thread.sleep(50);
                out.write(all, all.length - 7, 7);
                s.shutdownOutput();
                drain(s.getInputStream());
            }); Transport t = SuiteSupport.connect(this, peer.endpoint())) {
                byte[] got = SuiteSupport.readToEnd(ConformanceRule.BS_02, t.source(), all.length, IO_BUDGET);
                SuiteSupport.assertBytes(ConformanceRule.BS_02, "bytes before end of stream", all, got);
                t.close();
                peer.await(IO_BUDGET);
            }
        });
    }

    /** BS-03. If this fails, check: the deadline ignored, or a read that blocks until data arrives. */
    @Test
    default void required_bs03_readHonoursDeadline() {
        SuiteSupport.verify(ConformanceRule.BS_03, () -> {
            try (LoopbackPeer peer = LoopbackPeer.start(s -> drain(s.getInputStream()));
                 Transport t = SuiteSupport.connect(this, peer.endpoint())) {
                ByteBuffer buf = ByteBuffer.allocate(64);
                for (long millis : new long[] {50, 200, 500}) {
                    long start = System.nanoTime();
                    int r = t.source().read(buf, TimeUnit.MILLISECONDS.toNanos(millis));
                    long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    check(ConformanceRule.BS_03, r == 0, "read(" + millis + " ms) with nothing sent returned " + r);
                    check(ConformanceRule.BS_03, took <= millis + 1000, "read(" + millis + " ms) took " + took + " ms");
                    check(ConformanceRule.BS_03, took >= millis / 2, "read(" + millis + " ms) returned 0 after only "
                            + took + " ms, before its deadline");
                }
                t.close();
                peer.await(IO_BUDGET);
            }
        });
    }

    /** BS-04. If this fails, check: a zero timeout treated as "wait forever". */
    @Test
    default void required_bs04_zeroTimeoutPolls() {
        SuiteSupport.verify(ConformanceRule.BS_04, () -> {
            try (LoopbackPeer peer = LoopbackPeer.start(s -> drain(s.getInputStream()));
                 Transport t = SuiteSupport.connect(this, peer.endpoint())) {
                ByteBuffer buf = ByteBuffer.allocate(64);
                for (long timeout : new long[] {0, -1}) {
                    long start = System.nanoTime();
                    int r = t.source().read(buf, timeout);
                    long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    check(ConformanceRule.BS_04, r == 0, "read(timeout " + timeout + ") returned " + r);
                    check(ConformanceRule.BS_04, took < 500, "read(timeout " + timeout + ") took " + took + " ms");
                }
                t.close();
                peer.await(IO_BUDGET);
            }
        });
    }

    /** BS-05. If this fails, check: writes to the backing array from index 0, or past the limit. */
    @Test
    default void required_bs05_readRespectsBufferBounds() {
        SuiteSupport.verify(ConformanceRule.BS_05, () -> {
            byte[] data = new byte[300];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) (i + 1);
            }
            try (LoopbackPeer peer = LoopbackPeer.start(s -> {
                s.getOutputStream().write(data);
                s.shutdownOutput();
                drain(s.getInputStream());
            }); Transport t = SuiteSupport.connect(this, peer.endpoint())) {
                byte[] got = new byte[data.length];
                int total = 0;
                boolean direct = false;
                long deadline = System.nanoTime() + IO_BUDGET.toNanos();
                while (total < data.length) {
                    check(ConformanceRule.BS_05, System.nanoTime() < deadline, "only " + total + " bytes arrived");
                    ByteBuffer buf = direct ? ByteBuffer.allocateDirect(64) : ByteBuffer.allocate(64);
                    direct = !direct;
                    for (int i = 0; i < 64; i++) {
                        buf.put(i, (byte) 0x55);
                    }
                    buf.position(10).limit(20);
                    int r = t.source().read(buf, TimeUnit.MILLISECONDS.toNanos(250));
                    check(ConformanceRule.BS_05, r >= 0, "end of stream after " + total + " of " + data.length);
                    check(ConformanceRule.BS_05, r <= 10, "read() returned " + r + " with only 10 bytes remaining");
                    check(ConformanceRule.BS_05, buf.position() == 10 + r, "position " + buf.position()
                            + " after reading " + r + " bytes from position 10");
                    check(ConformanceRule.BS_05, buf.limit() == 20, "read() changed the limit to " + buf.limit());
                    ByteBuffer whole = buf.duplicate().clear();
                    for (int i = 0; i < 64; i++) {
                        if (i < 10 || i >= 10 + r) {
                            check(ConformanceRule.BS_05, whole.get(i) == 0x55, "byte " + i
                                    + " outside [position, position + read) was overwritten");
                        } else {
                            got[total + i - 10] = whole.get(i);
                        }
                    }
                    total += r;
                }
                SuiteSupport.assertBytes(ConformanceRule.BS_05, "bytes read through offset buffers", data, got);
                t.close();
                peer.await(IO_BUDGET);
            }
        });
    }

    /** BS-06. If this fails, check: read() loops until dst is full or the deadline passes. */
    @Test
    default void required_bs06_readReturnsAvailableBytesAtOnce() {
        SuiteSupport.verify(ConformanceRule.BS_06, () -> {
            CountDownLatch done = new CountDownLatch(1);
            try (LoopbackPeer peer = LoopbackPeer.start(s -> {
                s.getOutputStream().write(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
                s.getOutputStream().flush();
                done.await(30, TimeUnit.SECONDS);
            }); Transport t = SuiteSupport.connect(this, peer.endpoint())) {
                ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
                long start = System.nanoTime();
                long bound = start + TimeUnit.SECONDS.toNanos(3);
                while (buf.position() < 10) {
                    // on its own thread, so that a read that waits out its 20 s deadline fails here after 3 s
                    BlockedRead read = BlockedRead.start(t.source(), buf, TimeUnit.SECONDS.toNanos(20));
                    Object r;
                    try {
                        r = read.outcome(Duration.ofNanos(Math.max(0, bound - System.nanoTime())));
                    } catch (java.util.concurrent.TimeoutException e) {
                        throw fail(ConformanceRule.BS_06, "10 bytes were available but a read with a 20 s deadline"
                                + " and 64 KiB of room had not returned after 3000 ms (" + buf.position()
                                + " bytes returned before it); does read() wait to fill dst?");
                    }
                    check(ConformanceRule.BS_06, r instanceof Integer && (Integer) r >= 0,
                            "read() gave " + r + " before the 10 bytes arrived");
                }
                long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                check(ConformanceRule.BS_06, took < 3000, "10 available bytes took " + took
                        + " ms to return from a read with a 20 s deadline and 64 KiB of room");
                done.countDown();
                t.close();
                peer.await(IO_BUDGET);
            }
        });
    }

    /** BS-07. If this fails, check: an internal frame or buffer size limit, overflow in size arithmetic. */
    @Test
    @Timeout(120)
    default void required_bs07_deliversSixteenMebibyteFrame() {
        SuiteSupport.verify(ConformanceRule.BS_07, Duration.ofSeconds(110), () -> {
            int payload = 16 * 1024 * 1024 + 3;
            byte[] frame = new byte[5 + payload];
            ByteBuffer.wrap(frame).put((byte) 'd').putInt(4 + payload);
            for (int i = 5; i < frame.length; i++) {
                frame[i] = SuiteSupport.pattern(i >>> 16, i);
            }
            try (LoopbackPeer peer = LoopbackPeer.start(s -> {
                s.getOutputStream().write(frame);
                s.shutdownOutput();
                drain(s.getInputStream());
            }); Transport t = SuiteSupport.connect(this, peer.endpoint())) {
                byte[] got = SuiteSupport.readExactly(ConformanceRule.BS_07, t.source(), frame.length,
                        Duration.ofSeconds(60));
                int at = Arrays.mismatch(frame, got);
                check(ConformanceRule.BS_07, at < 0, "the 16 MiB frame arrived altered from byte " + at + " on (CRC "
                        + crc(got) + ", expected " + crc(frame) + ")");
                t.close();
                peer.await(IO_BUDGET);
            }
        });
    }

    /**
     * BS-08. If this fails, check: inbound data queued without limit instead of pausing reads (Netty: turn
     * {@code autoRead} off above a high-water mark).
     */
    @Test
    @Timeout(180)
    default void required_bs08_boundedMemoryForSlowReader() {
        SuiteSupport.verify(ConformanceRule.BS_08, Duration.ofSeconds(170), () -> {
            long total = 1L << 30;
            int chunk = 64 * 1024;
            AtomicLong sent = new AtomicLong();
            try (LoopbackPeer peer = LoopbackPeer.start(s -> {
                OutputStream out = s.getOutputStream();
                byte[] buf = new byte[chunk];
                for (long k = 0; k < total / chunk; k++) {
                    for (int i = 0; i < chunk; i++) {
                        buf[i] = SuiteSupport.pattern(k, i);
                    }
                    out.write(buf);
                    sent.addAndGet(chunk);
                }
                s.shutdownOutput();
                drain(s.getInputStream());
            }); Transport t = SuiteSupport.connect(this, peer.endpoint())) {
                long parked = awaitSenderStalls(sent, Duration.ofSeconds(5));
                check(ConformanceRule.BS_08, parked <= IN_FLIGHT_BOUND, "the peer could send " + (parked >> 20)
                        + " MiB while nothing was read; the transport buffers without bound (limit "
                        + (IN_FLIGHT_BOUND >> 20) + " MiB)");
                ByteBuffer buf = ByteBuffer.allocate(chunk);
                long received = 0;
                long nextPause = 16L << 20;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
                while (true) {
                    check(ConformanceRule.BS_08, System.nanoTime() < deadline, "only " + (received >> 20)
                            + " MiB of 1024 arrived in time");
                    buf.clear();
                    int r = t.source().read(buf, TimeUnit.MILLISECONDS.toNanos(250));
                    if (r < 0) {
                        break;
                    }
                    for (int i = 0; i < r; i++) {
                        long p = received + i;
                        if (buf.get(i) != SuiteSupport.pattern(p / chunk, (int) (p % chunk))) {
                            throw fail(ConformanceRule.BS_08, "byte " + p + " arrived altered");
                        }
                    }
                    received += r;
                    if (received >= nextPause) {
                        nextPause += 16L << 20;
                        Thread.sleep(50);
                        long inFlight = sent.get() - received;
                        check(ConformanceRule.BS_08, inFlight <= IN_FLIGHT_BOUND, (inFlight >> 20)
                                + " MiB in flight behind a slow reader (limit " + (IN_FLIGHT_BOUND >> 20) + " MiB)");
                    }
                }
                check(ConformanceRule.BS_08, received == total, received + " bytes arrived, expected " + total);
                t.close();
                peer.await(IO_BUDGET);
            }
        });
    }

    /** BS-09. If this fails, check: a timed-out read that leaves the source broken or drops a chunk. */
    @Test
    default void required_bs09_bytesAfterTimeoutAreDelivered() {
        SuiteSupport.verify(ConformanceRule.BS_09, () -> {
            CountDownLatch timedOut = new CountDownLatch(1);
            byte[] data = "after the timeout".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            try (LoopbackPeer peer = LoopbackPeer.start(s -> {
                timedOut.await(30, TimeUnit.SECONDS);
                s.getOutputStream().write(data);
                s.shutdownOutput();
                drain(s.getInputStream());
            }); Transport t = SuiteSupport.connect(this, peer.endpoint())) {
                ByteBuffer buf = ByteBuffer.allocate(64);
                for (int i = 0; i < 3; i++) {
                    int r = t.source().read(buf, TimeUnit.MILLISECONDS.toNanos(30));
                    check(ConformanceRule.BS_09, r == 0, "read with nothing sent returned " + r);
                }
                timedOut.countDown();
                byte[] got = SuiteSupport.readToEnd(ConformanceRule.BS_09, t.source(), data.length, IO_BUDGET);
                SuiteSupport.assertBytes(ConformanceRule.BS_09, "bytes sent after timed-out reads", data, got);
                t.close();
                peer.await(IO_BUDGET);
            }
        });
    }

    /**
     * Waits, without reading, until the peer's byte count {@code sent} stops growing for 300 ms (its writes
     * block: the transport no longer takes bytes), passes {@link #IN_FLIGHT_BOUND}, or {@code bound} passes.
     *
     * @return the bytes sent so far
     */
    private static long awaitSenderStalls(AtomicLong sent, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        long last = -1;
        long since = System.nanoTime();
        while (System.nanoTime() - deadline < 0) {
            long now = sent.get();
            if (now > IN_FLIGHT_BOUND) {
                return now;
            }
            if (now != last || now == 0) {
                last = now;
                since = System.nanoTime();
            } else if (System.nanoTime() - since > TimeUnit.MILLISECONDS.toNanos(300)) {
                return now;
            }
            Thread.sleep(10);
        }
        return sent.get();
    }

    private static long crc(byte[] b) {
        CRC32 c = new CRC32();
        c.update(b);
        return c.getValue();
    }

    /** Reads until the client closes; used by peers that must not close first. */
    static void drain(InputStream in) {
        byte[] sink = new byte[8192];
        try {
            while (in.read(sink) >= 0) {
                // discard
            }
        } catch (java.io.IOException ignored) {
            // the client went away
        }
    }
}
