package io.walstream.pgoutput.types;

import static io.walstream.pgoutput.types.TestValue.hex;
import static io.walstream.pgoutput.types.TestValue.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class InetTest {

    @Test
    void ipv4Text() throws Exception {
        PgInet v = ValueDecoder.toInet(text(869, "192.168.0.1/24"));
        assertEquals(InetAddress.getByName("192.168.0.1"), v.address());
        assertEquals(24, v.prefixLength());
        assertFalse(v.isCidr());
        assertEquals("192.168.0.1/24", v.toString());
        PgInet host = ValueDecoder.toInet(text(869, "10.1.2.3"));
        assertEquals(32, host.prefixLength());
        assertEquals("10.1.2.3", host.toString());
    }

    @Test
    void ipv4Binary() {
        // family 2 (PGSQL_AF_INET), bits 24, is_cidr 0, nb 4, address
        assertEquals(ValueDecoder.toInet(text(869, "192.168.0.1/24")), ValueDecoder.toInet(hex(869, "02180004 c0a80001")));
        PgInet cidr = ValueDecoder.toInet(hex(650, "02080104 0a000000"));
        assertTrue(cidr.isCidr());
        assertEquals("10.0.0.0/8", cidr.toString());
        assertEquals(cidr, ValueDecoder.toInet(text(650, "10.0.0.0/8")));
    }

    @Test
    void ipv6() throws Exception {
        PgInet v = ValueDecoder.toInet(text(869, "::1"));
        assertTrue(v.isIpv6());
        assertEquals(128, v.prefixLength());
        assertEquals(InetAddress.getByName("::1"), v.address());
        assertEquals(v, ValueDecoder.toInet(hex(869, "03800010 00000000000000000000000000000001")));
        assertEquals("::1", v.toString());
        PgInet net = ValueDecoder.toInet(hex(650, "03200110 20010db8000000000000000000000000"));
        assertEquals("2001:db8::/32", net.toString());
        assertEquals(net, ValueDecoder.toInet(text(650, "2001:db8::/32")));
        assertEquals("fe80::1:2/64", ValueDecoder.toInet(text(869, "fe80::1:2/64")).toString());
        assertEquals("1:2:3:4:5:6:7:8", ValueDecoder.toInet(text(869, "1:2:3:4:5:6:7:8")).toString());
        assertEquals("::", ValueDecoder.toInet(text(869, "::")).toString());
    }

    @Test
    void ipv4MappedStaysIpv6() {
        PgInet v = ValueDecoder.toInet(text(869, "::ffff:1.2.3.4"));
        assertTrue(v.isIpv6());
        assertTrue(v.address() instanceof Inet6Address);
        assertArrayEquals(Bin.hex("00000000000000000000ffff01020304"), v.addressBytes());
        assertEquals("::ffff:1.2.3.4", v.toString());
    }

    @Test
    void invalid() {
        assertThrows(ValueConversionException.class, () -> ValueDecoder.toInet(text(869, "example.com")));
        assertThrows(ValueConversionException.class, () -> ValueDecoder.toInet(text(869, "1.2.3.256")));
        assertThrows(ValueConversionException.class, () -> ValueDecoder.toInet(text(869, "1.2.3.4/33")));
        assertThrows(ValueConversionException.class, () -> ValueDecoder.toInet(text(869, "1:2:3")));
        assertThrows(ValueConversionException.class, () -> ValueDecoder.toInet(text(869, "1::2::3")));
        assertThrows(ValueConversionException.class, () -> ValueDecoder.toInet(hex(869, "04200004 01020304")));
        assertThrows(ValueConversionException.class, () -> ValueDecoder.toInet(hex(869, "02200010 01020304")));
    }
}
