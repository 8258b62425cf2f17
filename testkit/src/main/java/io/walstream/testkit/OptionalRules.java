package io.walstream.testkit;

import static io.walstream.testkit.SuiteSupport.IO_BUDGET;
import static io.walstream.testkit.SuiteSupport.check;

import io.walstream.spi.Endpoint;
import io.walstream.spi.Transport;
import io.walstream.testkit.wire.LoopbackPeer;
import java.io.DataInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
                t.sink().write(ByteBuffer.wrap(answer));
                t.sink().flush();
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
                try (Transport t = SuiteSupport.connect(this, endpoint)) {
                    byte[] got = SuiteSupport.readToEnd(ConformanceRule.OP_02, t.source(), hello.length, IO_BUDGET);
                    SuiteSupport.assertBytes(ConformanceRule.OP_02, "bytes over IPv6", hello, got);
                }
                peer.await(IO_BUDGET);
            }
        });
    }

    /** OP-03. If this fails, check: a write loop that waits for writability without a deadline. */
    @Test
    default void optional_op03_writeTimeoutFailsAStalledWrite() {
        SuiteSupport.requireCapability(this, Capability.WRITE_TIMEOUT, ConformanceRule.OP_03);
        SuiteSupport.verify(ConformanceRule.OP_03, () -> {
            java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
            try (LoopbackPeer peer = LoopbackPeer.start(s -> done.await(60, java.util.concurrent.TimeUnit.SECONDS))) {
                io.walstream.spi.TransportOptions o = options().toBuilder()
                        .set(io.walstream.spi.TransportOption.WRITE_TIMEOUT, java.time.Duration.ofMillis(500))
                        .set(io.walstream.spi.TransportOption.SEND_BUFFER_SIZE, 64 * 1024).build();
                try (Transport t = provider().connect(peer.endpoint(), o)) {
                    long start = System.nanoTime();
                    boolean failed = false;
                    try {
                        for (int i = 0; i < 256 && !failed; i++) {
                            t.sink().write(ByteBuffer.allocate(1024 * 1024));
                            t.sink().flush();
                        }
                    } catch (java.io.IOException expected) {
                        failed = true;
                    }
                    long took = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    check(ConformanceRule.OP_03, failed, "256 MiB were written to a peer that reads nothing");
                    check(ConformanceRule.OP_03, took < 15_000, "the stalled write failed only after " + took
                            + " ms with a 500 ms write timeout");
                } finally {
                    done.countDown();
                }
            }
        });
    }
}
