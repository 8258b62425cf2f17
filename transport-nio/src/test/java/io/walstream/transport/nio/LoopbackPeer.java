package io.walstream.transport.nio;

import io.walstream.spi.Endpoint;
import io.walstream.spi.TransportOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** A real loopback server for one connection, the other end of an {@link NioTransport} under test. */
final class LoopbackPeer implements AutoCloseable {

    private final ServerSocket server;
    private Socket socket;

    private LoopbackPeer(ServerSocket server) {
        this.server = server;
    }

    static LoopbackPeer start() throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        server.setSoTimeout(10_000);
        return new LoopbackPeer(server);
    }

    Endpoint endpoint() {
        return Endpoint.of("127.0.0.1", server.getLocalPort());
    }

    /** Connects a transport with the given options and accepts its connection. */
    NioTransport connect(TransportOptions options) throws IOException {
        NioTransport transport = (NioTransport) new NioTransportProvider().connect(endpoint(), options);
        socket = server.accept();
        socket.setSoTimeout(10_000);
        return transport;
    }

    NioTransport connect() throws IOException {
        return connect(TransportOptions.defaults());
    }

    Socket socket() {
        return socket;
    }

    InputStream in() throws IOException {
        return socket.getInputStream();
    }

    OutputStream out() throws IOException {
        return socket.getOutputStream();
    }

    @Override
    public void close() throws IOException {
        try {
            if (socket != null) {
                socket.close();
            }
        } finally {
            server.close();
        }
    }
}
