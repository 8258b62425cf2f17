package io.walstream.testkit;

import static io.walstream.testkit.SuiteSupport.IO_BUDGET;
import static io.walstream.testkit.SuiteSupport.check;

import io.walstream.spi.Endpoint;
import io.walstream.spi.Transport;
import io.walstream.spi.TransportOption;
import io.walstream.spi.TransportOptions;
import io.walstream.testkit.wire.LoopbackPeer;
import java.io.DataInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * OP rules: optional capabilities. A transport that does not declare the capability sees the rule reported
 * as skipped with the reason, never as passed.
 *
 * <p><b>Thread safety:</b> JUnit runs each test on one thread.
 */
public interface OptionalRules extends TransportContract {

    /** OP-01. If this fails, check: end of stream on the read side closing the whole channel. */
    @Test
    default void optional_op01_writeAfterPeerHalfClose() {
        SuiteSupport.requireCapability(this, Capability.HALF_CLOSE, ConformanceRule.OP_01);
        SuiteSupport.verify(ConformanceRule.OP_01, () -> {
            byte[] hello = "server says bye".getBytes(StandardCharsets.US_ASCII);
            byte[] answer = "client still writes".getBytes(StandardCharsets.US_ASCII);
            AtomicReference<byte[]> received = new AtomicReference<>();
            try (LoopbackPeer peer = LoopbackPeer.start(s -> {
                s.getOutputStream().write(hello);
                s.shutdownOutput();
                byte[] b = new byte[answer.length];
                new DataInputStream(s.getInputStream()).readFully(b);
                received.set(b);
            }); Transport t = SuiteSupport.connect(this, peer.endpoint())) {
                byte[] got = SuiteSupport.readToEnd(ConformanceRule.OP_01, t.source(), hello.length, IO_BUDGET);
                SuiteSupport.assertBytes(ConformanceRule.OP_01, "bytes before the half-close", hello, got);
                try {
                    t.sink().write(ByteBuffer.wrap(answer));
                    t.sink().flush();
                } catch (java.io.IOException e) {
                    throw SuiteSupport.fail(ConformanceRule.OP_01, "write() after the peer's half-close (read side"
                            + " at end of stream) failed: " + e);
                }
                peer.await(IO_BUDGET);
                SuiteSupport.assertBytes(ConformanceRule.OP_01, "bytes written after the half-close", answer,
                        received.get());
            }
        });
    }

    /** OP-02. If this fails, check: the host rendered as {@code host:port} without brackets for IPv6. */
    @Test
    default void optional_op02_connectsToIpv6Loopback() {
        SuiteSupport.requireCapability(this, Capability.IPV6, ConformanceRule.OP_02);
        InetAddress v6;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
            v6 = probe.getInetAddress();
        } catch (Exception e) {
            Assumptions.abort("[OP-02] this machine has no IPv6 loopback: " + e);
            return;
        }
        InetAddress bind = v6;
        SuiteSupport.verify(ConformanceRule.OP_02, () -> {
            byte[] hello = "over ipv6".getBytes(StandardCharsets.US_ASCII);
            try (LoopbackPeer peer = LoopbackPeer.start(bind, s -> {
                s.getOutputStream().write(hello);
                s.shutdownOutput();
                ByteSourceRules.drain(s.getInputStream());
            })) {
                Endpoint endpoint = Endpoint.of("::1", peer.endpoint().port());
                check(ConformanceRule.OP_02, endpoint.toString().startsWith("[::1]:"), "endpoint renders as " + endpoint);
                Transport connected;
                try {
                    connected = SuiteSupport.connect(this, endpoint);
                } catch (java.io.IOException e) {
                    throw SuiteSupport.fail(ConformanceRule.OP_02, "connecting to " + endpoint + " failed: " + e);
                }
                try (Transport t = connected) {
                    byte[] got = SuiteSupport.readToEnd(ConformanceRule.OP_02, t.source(), hello.length, IO_BUDGET);
                    SuiteSupport.assertBytes(ConformanceRule.OP_02, "bytes over IPv6", hello, got);
                }
                peer.await(IO_BUDGET);
            }
        });
    }

    /**
     * OP-03. The writes run on their own thread so that a write that never returns fails this rule by name
     * instead of the test's time-out. If this fails, check: a write loop that waits for writability without a
     * deadline.
     */
    @Test
    default void optional_op03_writeTimeoutFailsAStalledWrite() {
        SuiteSupport.requireCapability(this, Capability.WRITE_TIMEOUT, ConformanceRule.OP_03);
        SuiteSupport.verify(ConformanceRule.OP_03, () -> {
            Duration writeTimeout = Duration.ofMillis(500);
            Duration bound = Duration.ofSeconds(6);
            CountDownLatch done = new CountDownLatch(1);
            try (LoopbackPeer peer = LoopbackPeer.start(s -> done.await(60, TimeUnit.SECONDS))) {
                TransportOptions o = options().toBuilder()
                        .set(TransportOption.WRITE_TIMEOUT, writeTimeout)
                        .set(TransportOption.SEND_BUFFER_SIZE, 64 * 1024).build();
                Transport t = provider().connect(peer.endpoint(), o);
                AtomicLong written = new AtomicLong();
                CompletableFuture<Object> writes = CompletableFuture.supplyAsync(() -> {
                    try {
                        for (int i = 0; i < 256; i++) {
                            t.sink().write(ByteBuffer.allocate(1024 * 1024));
                            t.sink().flush();
                            written.addAndGet(1024 * 1024);
                        }
                        return "no failure";
                    } catch (java.io.IOException expected) {
                        return expected;
                    }
                }, LifecycleRules.daemonExecutor());
                long start = System.nanoTime();
                try {
                    Object outcome;
                    try {
                        outcome = writes.get(bound.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (TimeoutException e) {
                        throw SuiteSupport.fail(ConformanceRule.OP_03, "a write to a peer that reads nothing was"
                                + " still blocked after " + bound.toMillis() + " ms with WRITE_TIMEOUT "
                                + writeTimeout.toMillis() + " ms (" + (written.get() >> 20) + " MiB written)");
                    }
                    long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    check(ConformanceRule.OP_03, outcome instanceof java.io.IOException, "256 MiB were written to a"
                            + " peer that reads nothing, in " + took + " ms");
                } finally {
                    SuiteSupport.closeQuietly(t);
                    done.countDown();
                }
            }
        });
    }
}
