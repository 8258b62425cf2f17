/**
 * A walstream transport on {@link java.nio.channels.SocketChannel} in non-blocking mode, waiting with
 * {@link java.nio.channels.Selector}s: {@link io.walstream.transport.nio.NioTransportProvider}, named
 * {@code nio}.
 *
 * <p>Reads go straight from the socket into the caller's buffer and writes straight from the caller's buffer
 * to the socket: the transport holds no bytes of its own, so a slow reader makes the kernel's receive buffer
 * fill and TCP flow control slow the server down.
 */
package io.walstream.transport.nio;
