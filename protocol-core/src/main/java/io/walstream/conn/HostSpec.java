package io.walstream.conn;

import java.util.Objects;

/**
 * One entry of the host list: libpq pairs the {@code host}, {@code hostaddr} and {@code port} lists by
 * position (a single port applies to every host).
 *
 * <p>{@code host} is the name used for certificate verification, SNI and {@code .pgpass}; it is empty
 * only when the entry has a {@code hostaddr} and no name. {@code hostaddr} is a numeric address to
 * connect to without DNS, or empty. When neither was given the host is {@code localhost} (libpq would
 * use its Unix-socket directory; walstream has no Unix sockets).
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param host the host name (or socket directory), empty if only {@code hostaddr} was given
 * @param hostaddr the numeric address, or empty
 * @param port the TCP port, 1–65535
 */
public record HostSpec(String host, String hostaddr, int port) {

    /** The port libpq uses when none is given. */
    public static final int DEFAULT_PORT = 5432;

    /** The host used when neither {@code host} nor {@code hostaddr} is given. */
    public static final String DEFAULT_HOST = "localhost";

    /**
     * @throws NullPointerException if {@code host} or {@code hostaddr} is {@code null}
     * @throws IllegalArgumentException if both are empty or the port is out of range
     */
    public HostSpec {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(hostaddr, "hostaddr");
        if (host.isEmpty() && hostaddr.isEmpty()) {
            throw new IllegalArgumentException("host and hostaddr are both empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range 1-65535");
        }
    }

    /** @return {@code hostaddr} if given, else {@code host}: what to open the TCP connection to */
    public String connectAddress() {
        return hostaddr.isEmpty() ? host : hostaddr;
    }

    /** @return {@code host} if given, else {@code hostaddr}: the name libpq matches against {@code .pgpass} */
    public String passwordHost() {
        return host.isEmpty() ? hostaddr : host;
    }

    /**
     * @return whether this entry names a Unix-domain socket (a directory starting with {@code /}, or an
     *     abstract socket {@code @name}) and has no {@code hostaddr}; walstream cannot connect to those
     */
    public boolean isUnixSocket() {
        return hostaddr.isEmpty() && (host.startsWith("/") || host.startsWith("@"));
    }

    /** @return {@code host:port}, {@code [v6]:port}, or {@code host(hostaddr):port} */
    @Override
    public String toString() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        if (!hostaddr.isEmpty()) {
            h = h + "(" + hostaddr + ")";
        }
        return h + ":" + port;
    }
}
