package io.walstream.pgoutput.types;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Codecs of the network and bit-string types: {@code inet}/{@code cidr} ({@link PgInet}),
 * {@code macaddr}/{@code macaddr8} ({@link PgMacaddr}), {@code bit}/{@code varbit} ({@link PgBitString}).
 * Stateless.
 */
final class NetworkTypes {

    private NetworkTypes() {
    }

    static void register(Map<Integer, TypeCodec> codecs) {
        codecs.put(BuiltinTypes.INET, SimpleCodec.of(PgInet.class, t -> PgInet.parse(t, false), NetworkTypes::inet));
        codecs.put(BuiltinTypes.CIDR, SimpleCodec.of(PgInet.class, t -> PgInet.parse(t, true), NetworkTypes::inet));
        TypeCodec mac = SimpleCodec.of(PgMacaddr.class, PgMacaddr::parse, b -> PgMacaddr.of(TextTypes.rest(b)));
        codecs.put(BuiltinTypes.MACADDR, mac);
        codecs.put(BuiltinTypes.MACADDR8, mac);
        TypeCodec bits = SimpleCodec.of(PgBitString.class, PgBitString::parse, PgBitString::binary);
        codecs.put(BuiltinTypes.BIT, bits);
        codecs.put(BuiltinTypes.VARBIT, bits);
    }

    /** {@code inet_send}: family (2 = IPv4, 3 = IPv6), bits, is_cidr, address length, address. */
    static PgInet inet(ByteBuffer b) {
        int family = b.get();
        int bits = b.get() & 0xff;
        boolean cidr = b.get() != 0;
        int nb = b.get() & 0xff;
        int expected = family == 2 ? 4 : family == 3 ? 16 : -1;
        if (expected < 0 || nb != expected || b.remaining() < nb) {
            throw new IllegalArgumentException("bad inet family " + family + " or length " + nb);
        }
        byte[] addr = new byte[nb];
        b.get(addr);
        return PgInet.of(addr, bits, cidr);
    }
}
