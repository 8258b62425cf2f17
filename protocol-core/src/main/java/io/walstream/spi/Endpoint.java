package io.walstream.spi;

import java.util.Objects;

/**
 * Where to connect: a host name or IP literal and a TCP port.
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param host a host name, an IPv4 literal or an IPv6 literal without brackets
 * @param port a TCP port, 1–65535
 */
public record Endpoint(String host, int port) {

    public Endpoint {
        Objects.requireNonNull(host, "host");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("Endpoint host is empty");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Endpoint port " + port + " is outside 1-65535");
        }
    }

    /**
     * @param host host name or IP literal
     * @param port TCP port
     * @return the endpoint
     */
    public static Endpoint of(String host, int port) {
        return new Endpoint(host, port);
    }

    /** @return {@code host:port}, with an IPv6 literal in brackets: {@code [::1]:5432} */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
