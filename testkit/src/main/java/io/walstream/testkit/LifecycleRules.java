package io.walstream.testkit;

import static io.walstream.testkit.ByteSourceRules.drain;
import static io.walstream.testkit.SuiteSupport.IO_BUDGET;
import static io.walstream.testkit.SuiteSupport.check;
import static io.walstream.testkit.SuiteSupport.fail;

import io.walstream.spi.Endpoint;
import io.walstream.spi.Transport;
import io.walstream.spi.TransportInfo;
import io.walstream.spi.TransportOption;
import io.walstream.spi.TransportOptions;
import io.walstream.testkit.wire.LoopbackPeer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * LC rules: connecting, closing and reporting.
 *
 * <p><b>Thread safety:</b> JUnit runs each test on one thread; helper threads are daemons.
 */
public interface LifecycleRules extends TransportContract {

    /**
     * LC-01. The read is started on its own thread and close() is called once that thread is seen blocked inside
     * read() ({@link BlockedRead}), not after a fixed sleep. If this fails, check: close() that does not wake the
     * selector / queue the reader waits on.
     */
    @Test
    default void required_lc01_closeFromAnotherThreadUnblocksRead() {
        SuiteSupport.verify(ConformanceRule.LC_01, () -> {
            try (LoopbackPeer peer = LoopbackPeer.start(s -> drain(s.getInputStream()))) {
                Transport t = SuiteSupport.connect(this, peer.endpoint());
                BlockedRead read = BlockedRead.start(t.source(), ByteBuffer.allocate(64), TimeUnit.SECONDS.toNanos(30));
                boolean blocked = read.awaitBlocked(SuiteSupport.BLOCK_BOUND);
                read.requireRunning(ConformanceRule.LC_01, "read(30 s) with nothing sent", "before close()");
                long start = System.nanoTime();
                t.close();
                Object outcome;
                try {
                    outcome = read.outcome(SuiteSupport.PROMPT);
                } catch (TimeoutException e) {
                    throw fail(ConformanceRule.LC_01, "a read " + (blocked ? "blocked" : "running")
                            + " in another thread was still waiting " + SuiteSupport.PROMPT.toMillis()
                            + " ms after close(); close() does not wake it");
                }
                long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                check(ConformanceRule.LC_01, outcome instanceof IOException || Integer.valueOf(-1).equals(outcome),
                        "the woken read returned " + outcome + " instead of -1 or an IOException (after " + took + " ms)");
                peer.await(IO_BUDGET);
            }
        });
    }

    /** LC-02. If this fails, check: a read on a closed transport that waits for its deadline. */
    @Test
    default void required_lc02_readAfterCloseDoesNotBlock() {
        SuiteSupport.verify(ConformanceRule.LC_02, () -> {
            try (LoopbackPeer peer = LoopbackPeer.start(s -> drain(s.getInputStream()))) {
                Transport t = SuiteSupport.connect(this, peer.endpoint());
                t.close();
                long start = System.nanoTime();
                Object outcome;
                try {
                    outcome = t.source().read(ByteBuffer.allocate(64), TimeUnit.SECONDS.toNanos(5));
                } catch (IOException e) {
                    outcome = e;
                }
                long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                check(ConformanceRule.LC_02, took < 1000, "read(5 s) after close() took " + took + " ms and returned "
                        + outcome + "; expected -1 or an IOException at once");
                check(ConformanceRule.LC_02, outcome instanceof IOException || Integer.valueOf(-1).equals(outcome),
                        "read() after close() returned " + outcome + " instead of -1 or an IOException");
                peer.await(IO_BUDGET);
            }
        });
    }

    /** LC-03. If this fails, check: close() that throws the second time, or leaves the socket open. */
    @Test
    default void required_lc03_closeIsIdempotentAndClosesConnection() {
        SuiteSupport.verify(ConformanceRule.LC_03, () -> {
            CountDownLatch peerSawEof = new CountDownLatch(1);
            try (LoopbackPeer peer = LoopbackPeer.start(s -> {
                drain(s.getInputStream());
                peerSawEof.countDown();
            })) {
                Transport t = SuiteSupport.connect(this, peer.endpoint());
                t.close();
                String[] again = {"a second transport close()", "source().close()", "sink().close()"};
                for (String what : again) {
                    try {
                        switch (what.charAt(0)) {
                            case 'a' -> t.close();
                            case 's' -> (what.startsWith("source") ? (AutoCloseable) t.source() : t.sink()).close();
                            default -> throw new IllegalStateException(what);
                        }
                    } catch (Exception e) {
                        throw fail(ConformanceRule.LC_03, what + " after close() threw " + e + "; close() must be"
                                + " idempotent");
                    }
                }
                check(ConformanceRule.LC_03, peerSawEof.await(2, TimeUnit.SECONDS),
                        "the peer saw no end of stream within 2 s of close()");
                peer.await(IO_BUDGET);
            }
        });
    }

    /** LC-04. If this fails, check: the exception message built without the endpoint. */
    @Test
    default void required_lc04_refusedConnectionNamesEndpoint() {
        SuiteSupport.verify(ConformanceRule.LC_04, () -> {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            Endpoint endpoint = Endpoint.of("127.0.0.1", port);
            Object outcome = connectOutcome(endpoint, options(), Duration.ofSeconds(10));
            check(ConformanceRule.LC_04, outcome instanceof IOException, "connecting to a closed port gave "
                    + outcome + " instead of an IOException");
            String message = String.valueOf(((IOException) outcome).getMessage());
            check(ConformanceRule.LC_04, message.contains("127.0.0.1") && message.contains(String.valueOf(port)),
                    "the message does not name host and port " + endpoint + ": \"" + message + "\"");
        });
    }

    /**
     * LC-05. A listener whose accept queue is full drops new SYNs, so a connect to it hangs until the client
     * gives up. If this fails, check: CONNECT_TIMEOUT not applied to the connect attempt.
     */
    @Test
    default void required_lc05_unresponsiveEndpointFailsWithinConnectTimeout() {
        SuiteSupport.verify(ConformanceRule.LC_05, () -> {
            try (ServerSocket full = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                java.util.List<java.nio.channels.SocketChannel> fillers = new java.util.ArrayList<>();
                try {
                    InetSocketAddress target = new InetSocketAddress(full.getInetAddress(), full.getLocalPort());
                    boolean saturated = false;
                    for (int i = 0; i < 64 && !saturated; i++) {
                        java.nio.channels.SocketChannel c = java.nio.channels.SocketChannel.open();
                        fillers.add(c);
                        c.configureBlocking(false);
                        if (!c.connect(target)) {
                            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
                            boolean done = false;
                            while (!done && System.nanoTime() < until) {
                                done = c.finishConnect();
                                if (!done) {
                                    Thread.sleep(10);
                                }
                            }
                            saturated = !done;
                        }
                    }
                    if (!saturated) {
                        org.junit.jupiter.api.Assumptions.abort("[LC-05] the loopback listener never stopped accepting,"
                                + " so an unresponsive endpoint cannot be simulated here");
                    }
                    Endpoint endpoint = Endpoint.of("127.0.0.1", full.getLocalPort());
                    TransportOptions o = options().toBuilder()
                            .set(TransportOption.CONNECT_TIMEOUT, Duration.ofSeconds(1)).build();
                    long start = System.nanoTime();
                    Object outcome = connectOutcome(endpoint, o, Duration.ofSeconds(10));
                    long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    if (outcome instanceof Transport) {
                        SuiteSupport.closeQuietly((Transport) outcome);
                        throw fail(ConformanceRule.LC_05, "connected to a listener that drops SYNs after " + took + " ms");
                    }
                    check(ConformanceRule.LC_05, outcome instanceof IOException, "connecting to " + endpoint + " gave "
                            + outcome + " instead of an IOException");
                    check(ConformanceRule.LC_05, took <= 4000, "failing took " + took + " ms with a 1 s connect timeout");
                    String message = String.valueOf(((IOException) outcome).getMessage());
                    check(ConformanceRule.LC_05, message.contains("127.0.0.1") && message.contains(
                            String.valueOf(endpoint.port())), "the message does not name " + endpoint + ": \"" + message + "\"");
                } finally {
                    fillers.forEach(SuiteSupport::closeQuietly);
                }
            }
        });
    }

    /** LC-06. If this fails, check: info() built before the connection was made. */
    @Test
    default void required_lc06_infoNamesProviderAndEndpoint() {
        SuiteSupport.verify(ConformanceRule.LC_06, () -> {
            try (LoopbackPeer peer = LoopbackPeer.start(s -> drain(s.getInputStream()));
                 Transport t = SuiteSupport.connect(this, peer.endpoint())) {
                TransportInfo info = t.info();
                check(ConformanceRule.LC_06, info != null, "info() is null");
                check(ConformanceRule.LC_06, provider().name().equals(info.provider()), "info().provider() is '"
                        + info.provider() + "', expected '" + provider().name() + "'");
                check(ConformanceRule.LC_06, peer.endpoint().equals(info.endpoint()), "info().endpoint() is "
                        + info.endpoint() + ", expected " + peer.endpoint());
                if (info.remoteAddress() instanceof InetSocketAddress) {
                    int port = ((InetSocketAddress) info.remoteAddress()).getPort();
                    check(ConformanceRule.LC_06, port == peer.endpoint().port(), "info().remoteAddress() port "
                            + port + ", expected " + peer.endpoint().port());
                }
                check(ConformanceRule.LC_06, t.source() == t.source() && t.sink() == t.sink(),
                        "source() or sink() returns a different object on each call");
                t.close();
                peer.await(IO_BUDGET);
            }
        });
    }

    /**
     * LC-07. The peer closes once the reader is seen blocked inside read() ({@link BlockedRead}). If this fails,
     * check: end of stream noticed only when the deadline passes or data arrives.
     */
    @Test
    default void required_lc07_peerCloseWhileWaitingIsPrompt() {
        SuiteSupport.verify(ConformanceRule.LC_07, () -> {
            CountDownLatch closeNow = new CountDownLatch(1);
            try (LoopbackPeer peer = LoopbackPeer.start(s -> {
                closeNow.await(30, TimeUnit.SECONDS);
                s.shutdownOutput();
                drain(s.getInputStream());
            }); Transport t = SuiteSupport.connect(this, peer.endpoint())) {
                BlockedRead read = BlockedRead.start(t.source(), ByteBuffer.allocate(64), TimeUnit.SECONDS.toNanos(20));
                read.awaitBlocked(SuiteSupport.BLOCK_BOUND);
                read.requireRunning(ConformanceRule.LC_07, "read(20 s) with nothing sent", "before the peer closed");
                long start = System.nanoTime();
                closeNow.countDown();
                Object r;
                try {
                    r = read.outcome(Duration.ofSeconds(2));
                } catch (TimeoutException e) {
                    throw fail(ConformanceRule.LC_07, "the peer's close was not reported within 2000 ms by a read"
                            + " with a 20 s deadline");
                }
                long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                check(ConformanceRule.LC_07, Integer.valueOf(-1).equals(r), "read() returned " + r
                        + " when the peer closed, expected -1");
                check(ConformanceRule.LC_07, took < 2000, "the peer's close was reported after " + took + " ms");
                t.close();
                peer.await(IO_BUDGET);
            }
        });
    }

    /** LC-08. If this fails, check: name() built from the class name or locale-dependent upper-casing. */
    @Test
    default void required_lc08_providerNameIsStableLowerCase() {
        SuiteSupport.verify(ConformanceRule.LC_08, () -> {
            String name = provider().name();
            check(ConformanceRule.LC_08, name != null && name.matches("[a-z][a-z0-9-]*"), "name() is '" + name
                    + "', expected lower-case letters, digits and dashes");
            check(ConformanceRule.LC_08, name.equals(provider().name()), "name() changes between calls");
            check(ConformanceRule.LC_08, provider().supports(TransportOptions.defaults()),
                    "supports(defaults) is false");
            check(ConformanceRule.LC_08, provider().supports(options()), "supports(options()) is false");
        });
    }

    private Object connectOutcome(Endpoint endpoint, TransportOptions o, Duration budget) throws InterruptedException {
        CompletableFuture<Object> f = CompletableFuture.supplyAsync(() -> {
            try {
                return provider().connect(endpoint, o);
            } catch (IOException e) {
                return e;
            } catch (RuntimeException e) {
                return e;
            }
        }, daemonExecutor());
        try {
            return f.get(budget.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return "no outcome within " + budget;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    /** @return an executor of daemon threads, so a transport that hangs cannot keep the JVM alive */
    static java.util.concurrent.Executor daemonExecutor() {
        return r -> {
            Thread th = new Thread(r, "walstream-conformance-helper");
            th.setDaemon(true);
            th.start();
        };
    }
}
