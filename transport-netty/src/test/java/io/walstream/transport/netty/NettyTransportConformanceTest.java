package io.walstream.transport.netty;

import io.walstream.spi.TransportOptions;
import io.walstream.spi.TransportProvider;
import io.walstream.testkit.Capabilities;
import io.walstream.testkit.Capability;
import io.walstream.testkit.TransportConformanceSuite;

/** The full transport conformance suite against the Netty transport on its default (native epoll when present). */
class NettyTransportConformanceTest extends TransportConformanceSuite {

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
