package io.walstream.testkit;

import io.walstream.spi.Endpoint;
import io.walstream.spi.Transport;
import io.walstream.spi.TransportOption;
import io.walstream.spi.TransportOptions;
import io.walstream.spi.TransportProvider;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A small, correct reference transport on {@link java.net.Socket}, used to show that the suite passes a
 * correct implementation and as the base of the deliberately broken ones.
 */
public final class PlainSocketTransportProvider implements TransportProvider {

    /** Found by {@link java.util.ServiceLoader} in the fake-walsender tests (META-INF/services). */
    public PlainSocketTransportProvider() {
    }

    @Override
    public String name() {
        return "plain-socket";
    }

    @Override
    public Transport connect(Endpoint endpoint, TransportOptions options) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(options.get(TransportOption.TCP_NODELAY));
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()),
                    (int) Math.max(1, options.get(TransportOption.CONNECT_TIMEOUT).toMillis()));
        } catch (IOException e) {
            socket.close();
            throw new IOException("plain-socket: cannot connect to " + endpoint + ": " + e.getMessage(), e);
        }
        return new PlainSocketTransport(socket, endpoint);
    }
}
