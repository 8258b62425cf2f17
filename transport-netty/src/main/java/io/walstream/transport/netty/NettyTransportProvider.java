package io.walstream.transport.netty;

import io.walstream.spi.Endpoint;
import io.walstream.spi.Transport;
import io.walstream.spi.TransportOptions;
import io.walstream.spi.TransportProvider;
import java.io.IOException;

/**
 * The {@code netty} {@link TransportProvider}: connections on Netty 4.2 channels, native epoll when
 * available, else NIO. Priority 5. Found by {@link java.util.ServiceLoader}; applications normally do not
 * construct it.
 *
 * <p>Settings: the common {@link io.walstream.spi.TransportOption} keys ({@code CONNECT_TIMEOUT},
 * {@code TCP_NODELAY}, {@code KEEPALIVE}, {@code RECEIVE_BUFFER_SIZE}, {@code SEND_BUFFER_SIZE},
 * {@code READ_BUFFER_SIZE}) and the Netty-only keys in {@link NettyTransportOptions}.
 *
 * <p><b>Thread safety:</b> stateless apart from the shared event loop group, which is reference counted;
 * {@link #connect} may be called from many threads at once, but never from an event loop thread of the
 * group it connects on (it blocks until connected).
 */
public final class NettyTransportProvider implements TransportProvider {

    /** The provider name, {@value}. */
    public static final String NAME = "netty";

    /** The provider priority, {@value}. */
    public static final int PRIORITY = 5;

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public NettyTransportProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    /** @return {@code true}: NIO is always there, and epoll is used only when it loads */
    @Override
    public boolean isAvailable() {
        return true;
    }

    /**
     * @return {@code false} only for a caller's {@link NettyTransportOptions#EVENT_LOOP_GROUP} that is shut
     *         down or whose channel type cannot be derived and was not given
     */
    @Override
    public boolean supports(TransportOptions options) {
        return EventLoops.supports(options);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if {@link NettyTransportOptions#EVENT_LOOP_GROUP} is unusable
     * @throws IllegalStateException if called on an event loop thread of the group it would connect on
     */
    @Override
    public Transport connect(Endpoint endpoint, TransportOptions options) throws IOException {
        return Connector.connect(endpoint, options);
    }

    @Override
    public String toString() {
        return "NettyTransportProvider{name=" + NAME + ", priority=" + PRIORITY + ", epoll="
                + NativeTransport.isEpollAvailable() + "}";
    }
}
