package io.walstream.transport.nio;

import io.walstream.spi.Endpoint;
import io.walstream.spi.Transport;
import io.walstream.spi.TransportOption;
import io.walstream.spi.TransportOptions;
import io.walstream.spi.TransportProvider;
import java.io.IOException;
import java.util.Objects;

/**
 * Makes {@code nio} transports: a {@link java.nio.channels.SocketChannel} in non-blocking mode with one
 * {@link java.nio.channels.Selector} for reads and one for writes.
 *
 * <p>Honours {@link TransportOption#CONNECT_TIMEOUT}, {@link TransportOption#TCP_NODELAY},
 * {@link TransportOption#KEEPALIVE}, {@link TransportOption#RECEIVE_BUFFER_SIZE} and
 * {@link TransportOption#SEND_BUFFER_SIZE} (0 leaves the operating system's default). It keeps no read buffer
 * of its own, so {@link TransportOption#READ_BUFFER_SIZE} has nothing to size and is ignored. A host name that
 * resolves to several addresses is tried address by address within the one connect timeout.
 *
 * <p><b>Thread safety:</b> stateless and thread-safe; {@link #connect} may be called from many threads at
 * once.
 */
public final class NioTransportProvider implements TransportProvider {

    /** The provider's name: {@value}. */
    public static final String NAME = "nio";

    /** The provider's priority, {@value}: above the default 0, so it wins when it is the only JDK-only choice. */
    public static final int PRIORITY = 10;

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public NioTransportProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    /**
     * Accepts any options whose common values are in range: a positive connect timeout and socket buffer
     * sizes of 0 or more.
     *
     * @param options the options a connection will use
     * @return {@code true} if {@link #connect} will accept them
     */
    @Override
    public boolean supports(TransportOptions options) {
        return NioSettings.problem(options) == null;
    }

    @Override
    public Transport connect(Endpoint endpoint, TransportOptions options) throws IOException {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(options, "options");
        return NioConnector.connect(endpoint, NioSettings.of(options));
    }

    @Override
    public String toString() {
        return "NioTransportProvider{name=" + NAME + ", priority=" + PRIORITY + "}";
    }
}
