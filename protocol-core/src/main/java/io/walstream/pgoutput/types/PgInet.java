package io.walstream.pgoutput.types;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;

/**
 * A PostgreSQL {@code inet} or {@code cidr} value: an IPv4 or IPv6 address, a prefix length (netmask bits) and
 * whether it is a {@code cidr} (a network, whose host bits are zero) rather than an {@code inet} (a host
 * address with an optional netmask).
 *
 * <p>The address is kept as its 4 or 16 raw bytes, so an IPv4-mapped IPv6 address ({@code ::ffff:1.2.3.4})
 * stays IPv6. {@link #toString()} renders PostgreSQL's output form: {@code inet} omits the prefix when it is the
 * full address length ({@code 192.168.0.1}, {@code 10.0.0.1/8}); {@code cidr} always shows it
 * ({@code 10.0.0.0/8}).
 *
 * <p><b>Thread safety:</b> immutable.
 */
public final class PgInet {

    private final byte[] address;
    private final int prefixLength;
    private final boolean cidr;

    private PgInet(byte[] address, int prefixLength, boolean cidr) {
        this.address = address;
        this.prefixLength = prefixLength;
        this.cidr = cidr;
    }

    /**
     * @param address the address bytes: 4 for IPv4, 16 for IPv6 (copied)
     * @param prefixLength 0 to 32 (IPv4) or 0 to 128 (IPv6)
     * @param cidr whether this is a {@code cidr} rather than an {@code inet}
     * @return the value
     * @throws IllegalArgumentException if the length or prefix is out of range
     */
    public static PgInet of(byte[] address, int prefixLength, boolean cidr) {
        Objects.requireNonNull(address, "address");
        if (address.length != 4 && address.length != 16) {
            throw new IllegalArgumentException("address must have 4 or 16 bytes, not " + address.length);
        }
        if (prefixLength < 0 || prefixLength > address.length * 8) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " out of range");
        }
        return new PgInet(address.clone(), prefixLength, cidr);
    }

    /**
     * @param address an address
     * @param prefixLength its prefix length
     * @param cidr whether this is a {@code cidr}
     * @return the value
     */
    public static PgInet of(InetAddress address, int prefixLength, boolean cidr) {
        return of(address.getAddress(), prefixLength, cidr);
    }

    /**
     * Parses PostgreSQL's text form, {@code address[/bits]}, without any name lookup.
     *
     * @param text such as {@code 192.168.0.1/24} or {@code ::1}
     * @param cidr whether the value is a {@code cidr}
     * @return the value
     * @throws IllegalArgumentException if the text is not an IP address with optional prefix
     */
    public static PgInet parse(String text, boolean cidr) {
        return InetText.parse(text.trim(), cidr);
    }

    /** @return the address; IPv6 addresses are always {@link Inet6Address}, even IPv4-mapped ones */
    public InetAddress address() {
        try {
            if (address.length == 16) {
                return Inet6Address.getByAddress(null, address, -1);
            }
            return InetAddress.getByAddress(address);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return a copy of the 4 or 16 address bytes */
    public byte[] addressBytes() {
        return address.clone();
    }

    /** @return the prefix length (netmask bits) */
    public int prefixLength() {
        return prefixLength;
    }

    /** @return whether this is a {@code cidr} value */
    public boolean isCidr() {
        return cidr;
    }

    /** @return whether the address is IPv6 */
    public boolean isIpv6() {
        return address.length == 16;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PgInet)) {
            return false;
        }
        PgInet other = (PgInet) o;
        return prefixLength == other.prefixLength && cidr == other.cidr && Arrays.equals(address, other.address);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(address) * 31 + prefixLength * 2 + (cidr ? 1 : 0);
    }

    /** @return PostgreSQL's text form */
    @Override
    public String toString() {
        String a = InetText.format(address);
        return cidr || prefixLength != address.length * 8 ? a + "/" + prefixLength : a;
    }
}
