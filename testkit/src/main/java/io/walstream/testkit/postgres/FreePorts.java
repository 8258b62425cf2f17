package io.walstream.testkit.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Finds a TCP port on {@code 127.0.0.1} that is free right now. Another process may take it before the server
 * binds it, so callers retry with a new port when the server reports the address in use.
 *
 * <p><b>Thread safety:</b> stateless; safe for concurrent use.
 */
final class FreePorts {
    private FreePorts() {
    }

    static int find() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName(PostgresServer.HOST), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find a free port on " + PostgresServer.HOST, e);
        }
    }
}
