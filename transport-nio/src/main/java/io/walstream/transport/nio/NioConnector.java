package io.walstream.transport.nio;

import io.walstream.spi.Endpoint;
import io.walstream.spi.TransportInfo;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens an {@link NioTransport}: resolves the host, then tries each of its addresses with a non-blocking
 * connect that a {@link Selector} finishes, all within one connect timeout.
 *
 * <p>Every failure is an {@link IOException} whose message names the transport ({@code nio}) and the
 * endpoint, with the operating system's exception as its cause: an {@link UnknownHostException} when the host
 * does not resolve, a {@link SocketTimeoutException} when the timeout passes, otherwise a
 * {@link ConnectException}.
 *
 * <p><b>Thread safety:</b> stateless; safe from any thread.
 */
final class NioConnector {

    private static final Logger log = LoggerFactory.getLogger(NioConnector.class);

    private NioConnector() {
    }

    /**
     * @param endpoint where to connect
     * @param settings the checked options
     * @return the connected transport
     * @throws IOException if no address of the endpoint accepted a connection in time
     */
    static NioTransport connect(Endpoint endpoint, NioSettings settings) throws IOException {
        long start = System.nanoTime();
        long timeoutNanos = settings.connectTimeoutNanos();
        InetAddress[] addresses = resolve(endpoint);
        List<IOException> failures = new ArrayList<>(addresses.length);
        for (InetAddress address : addresses) {
            long remaining = timeoutNanos - (System.nanoTime() - start);
            if (remaining <= 0) {
                failures.add(new SocketTimeoutException("connect timed out before trying " + address));
                break;
            }
            InetSocketAddress target = new InetSocketAddress(address, endpoint.port());
            try {
                NioTransport transport = connectTo(endpoint, target, settings, remaining);
                if (log.isDebugEnabled()) {
                    log.debug("nio transport connected to {} ({} -> {}) in {} ms", endpoint,
                            transport.info().localAddress(), transport.info().remoteAddress(),
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                }
                return transport;
            } catch (IOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    InterruptedIOException interrupted = new InterruptedIOException(
                            "nio transport was interrupted while connecting to " + endpoint);
                    interrupted.initCause(e);
                    throw interrupted;
                }
                log.debug("nio transport could not connect to {} at {}: {}", endpoint, target, e.toString());
                failures.add(e);
            }
        }
        throw failed(endpoint, settings, failures);
    }

    private static InetAddress[] resolve(Endpoint endpoint) throws UnknownHostException {
        try {
            return InetAddress.getAllByName(endpoint.host());
        } catch (UnknownHostException e) {
            UnknownHostException named = new UnknownHostException("nio transport cannot resolve host '"
                    + endpoint.host() + "' of " + endpoint + "; check the host name and DNS");
            named.initCause(e);
            throw named;
        }
    }

    private static NioTransport connectTo(Endpoint endpoint, InetSocketAddress target, NioSettings settings,
                                          long timeoutNanos) throws IOException {
        SocketChannel channel = SocketChannel.open();
        Selector readSelector = null;
        Selector writeSelector = null;
        boolean connected = false;
        try {
            channel.configureBlocking(false);
            applyOptions(channel, settings);
            readSelector = Selector.open();
            SelectionKey key = channel.register(readSelector, SelectionKey.OP_CONNECT);
            if (!channel.connect(target)) {
                awaitConnect(channel, readSelector, timeoutNanos);
            }
            key.interestOps(SelectionKey.OP_READ);
            writeSelector = Selector.open();
            channel.register(writeSelector, SelectionKey.OP_WRITE);
            TransportInfo info = new TransportInfo(NioTransportProvider.NAME, endpoint,
                    channel.getLocalAddress(), channel.getRemoteAddress(), "");
            NioTransport transport = new NioTransport(channel, readSelector, writeSelector, info,
                    settings.writeTimeoutNanos());
            connected = true;
            return transport;
        } finally {
            if (!connected) {
                closeQuietly(channel);
                closeQuietly(readSelector);
                closeQuietly(writeSelector);
            }
        }
    }

    private static void applyOptions(SocketChannel channel, NioSettings settings) throws IOException {
        channel.setOption(StandardSocketOptions.TCP_NODELAY, settings.tcpNoDelay());
        channel.setOption(StandardSocketOptions.SO_KEEPALIVE, settings.keepAlive());
        NioKeepalives.apply(channel, settings.options());
        // Set before connecting: the receive buffer decides the TCP window scale offered in the SYN.
        if (settings.receiveBufferSize() > 0) {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, settings.receiveBufferSize());
        }
        if (settings.sendBufferSize() > 0) {
            channel.setOption(StandardSocketOptions.SO_SNDBUF, settings.sendBufferSize());
        }
    }

    private static void awaitConnect(SocketChannel channel, Selector selector, long timeoutNanos)
            throws IOException {
        long start = System.nanoTime();
        while (!channel.finishConnect()) {
            long remaining = timeoutNanos - (System.nanoTime() - start);
            if (remaining <= 0) {
                throw new SocketTimeoutException("connect timed out");
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("connect interrupted");
            }
            selector.select(SelectTimeouts.millis(remaining));
            selector.selectedKeys().clear();
        }
    }

    private static IOException failed(Endpoint endpoint, NioSettings settings, List<IOException> failures) {
        IOException last = failures.get(failures.size() - 1);
        IOException failure;
        if (last instanceof SocketTimeoutException) {
            failure = new SocketTimeoutException("nio transport timed out connecting to " + endpoint + " after "
                    + settings.connectTimeout().toMillis() + " ms; check the host, port and firewall, or raise"
                    + " TransportOption.connectTimeout");
        } else {
            failure = new ConnectException("nio transport could not connect to " + endpoint + ": "
                    + last.getMessage() + "; check that the server is running and accepts TCP connections there");
        }
        failure.initCause(last);
        for (int i = 0; i < failures.size() - 1; i++) {
            failure.addSuppressed(failures.get(i));
        }
        return failure;
    }

    private static void closeQuietly(Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException e) {
            log.debug("nio transport ignored a failure while closing after a failed connect: {}", e.toString());
        }
    }
}
