package io.walstream.spi;

import java.net.SocketAddress;
import java.util.Objects;

/**
 * Facts about a connected {@link Transport}, for logs and diagnostics.
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param provider the {@link TransportProvider#name()} that made the transport, e.g. {@code nio}
 * @param endpoint the endpoint that was asked for
 * @param localAddress the local socket address, or {@code null} if the transport has none
 * @param remoteAddress the resolved peer address, or {@code null} if the transport has none
 * @param detail a short free-form note such as {@code epoll}, or {@code ""}
 */
public record TransportInfo(String provider, Endpoint endpoint, SocketAddress localAddress,
                            SocketAddress remoteAddress, String detail) {

    public TransportInfo {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(endpoint, "endpoint");
        detail = detail == null ? "" : detail;
    }
}
