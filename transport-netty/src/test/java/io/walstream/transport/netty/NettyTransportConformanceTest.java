package io.walstream.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.epoll.Epoll;
import io.walstream.spi.Transport;
import io.walstream.spi.TransportOptions;
import io.walstream.spi.TransportProvider;
import io.walstream.testkit.Capabilities;
import io.walstream.testkit.Capability;
import io.walstream.testkit.TransportConformanceSuite;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The full transport conformance suite against the Netty transport on its default, native epoll. On Linux x86_64,
 * where the epoll library ships with the build, epoll failing to load fails this class (every rule), instead of
 * quietly running the suite over Netty's NIO channels a second time ({@link NettyNioTransportConformanceTest}
 * covers those); on other platforms the class is skipped with the reason.
 */
class NettyTransportConformanceTest extends TransportConformanceSuite {

    @BeforeAll
    static void epollLoads() {
        if (epollShipped()) {
            assertTrue(Epoll.isAvailable(), () -> "native epoll did not load on Linux x86_64, so the epoll"
                    + " conformance run would test NIO instead: " + Epoll.unavailabilityCause());
        } else {
            assumeTrue(Epoll.isAvailable(), "native epoll is not shipped for " + System.getProperty("os.name")
                    + "/" + System.getProperty("os.arch") + "; NettyNioTransportConformanceTest covers Netty here");
        }
    }

    /** The suite's connections really run on epoll, not on a silent NIO fallback. */
    @Test
    void connectionsUnderTestRunOnEpoll() throws Exception {
        try (LoopbackPeer peer = new LoopbackPeer(); Transport t = provider().connect(peer.endpoint(), options())) {
            assertEquals("epoll", t.info().detail(), "the conformance run's channel");
        }
    }

    static boolean epollShipped() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")
                && Set.of("amd64", "x86_64").contains(System.getProperty("os.arch", ""));
    }

    @Override
    public TransportProvider provider() {
        return new NettyTransportProvider();
    }

    @Override
    public Capabilities capabilities() {
        return Capabilities.minimal().withHalfClose(true).withIpv6(true).with(Capability.WRITE_TIMEOUT, true);
    }

    @Override
    public TransportOptions options() {
        return TransportOptions.defaults();
    }
}
