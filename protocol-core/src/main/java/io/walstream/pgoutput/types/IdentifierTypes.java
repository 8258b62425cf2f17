package io.walstream.pgoutput.types;

import io.walstream.Lsn;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Codecs of the system identifier types: {@code oid}, {@code xid}, {@code cid} (unsigned 32-bit, as
 * {@link Long}), {@code xid8} ({@link Long}, unsigned 64-bit, printed unsigned), {@code pg_lsn}
 * ({@link Lsn}), {@code tid} ({@link PgTid}), {@code pg_snapshot}/{@code txid_snapshot} ({@link PgSnapshot}),
 * {@code int2vector} ({@code List<Short>}), {@code oidvector} ({@code List<Long>}) and the {@code reg*} alias
 * types. A {@code reg*} value ({@code regclass}, {@code regtype}, ...) is an OID whose output function prints
 * the object's name: in text it is that name ({@link String}), in binary the OID ({@link Long}); the two cannot
 * be matched without the catalog. Stateless.
 */
final class IdentifierTypes {

    private static final int[] REG_TYPES = {BuiltinTypes.REGPROC, BuiltinTypes.REGPROCEDURE, BuiltinTypes.REGOPER,
        BuiltinTypes.REGOPERATOR, BuiltinTypes.REGCLASS, BuiltinTypes.REGTYPE, BuiltinTypes.REGCONFIG,
        BuiltinTypes.REGDICTIONARY, BuiltinTypes.REGNAMESPACE, BuiltinTypes.REGROLE, BuiltinTypes.REGCOLLATION};

    private IdentifierTypes() {
    }

    static void register(Map<Integer, TypeCodec> codecs) {
        TypeCodec u32 = SimpleCodec.of(Long.class, t -> unsigned32(t.trim()), b -> b.getInt() & 0xFFFF_FFFFL);
        codecs.put(BuiltinTypes.OID, u32);
        codecs.put(BuiltinTypes.XID, u32);
        codecs.put(BuiltinTypes.CID, u32);
        codecs.put(BuiltinTypes.XID8, new SimpleCodec(Long.class, t -> Long.parseUnsignedLong(t.trim()),
                ByteBuffer::getLong, (v, sb) -> sb.append(Long.toUnsignedString((Long) v))));
        TypeCodec reg = SimpleCodec.of(Object.class, t -> t, b -> b.getInt() & 0xFFFF_FFFFL);
        for (int oid : REG_TYPES) {
            codecs.put(oid, reg);
        }
        codecs.put(BuiltinTypes.PG_LSN, SimpleCodec.of(Lsn.class, t -> Lsn.parse(t.trim()), b -> Lsn.of(b.getLong())));
        codecs.put(BuiltinTypes.TID, SimpleCodec.of(PgTid.class, IdentifierTypes::parseTid,
                b -> new PgTid(b.getInt() & 0xFFFF_FFFFL, b.getShort() & 0xFFFF)));
        TypeCodec snapshot = SimpleCodec.of(PgSnapshot.class, PgSnapshot::parse, IdentifierTypes::snapshot);
        codecs.put(BuiltinTypes.PG_SNAPSHOT, snapshot);
        codecs.put(BuiltinTypes.TXID_SNAPSHOT, snapshot);
        codecs.put(BuiltinTypes.INT2VECTOR, new SimpleCodec(List.class, t -> vector(t, false), b -> vector(b, false),
                IdentifierTypes::formatVector));
        codecs.put(BuiltinTypes.OIDVECTOR, new SimpleCodec(List.class, t -> vector(t, true), b -> vector(b, true),
                IdentifierTypes::formatVector));
    }

    static long unsigned32(String t) {
        long v = Long.parseLong(t);
        if (v < 0 || v > 0xFFFF_FFFFL) {
            throw new NumberFormatException("out of range for an unsigned 32-bit integer");
        }
        return v;
    }

    private static PgTid parseTid(String text) {
        String t = text.trim();
        int comma = t.indexOf(',');
        if (!t.startsWith("(") || !t.endsWith(")") || comma < 0) {
            throw new IllegalArgumentException("not a tid");
        }
        return new PgTid(unsigned32(t.substring(1, comma)), Integer.parseInt(t.substring(comma + 1, t.length() - 1)));
    }

    private static PgSnapshot snapshot(ByteBuffer b) {
        int n = b.getInt();
        long xmin = b.getLong();
        long xmax = b.getLong();
        if (n < 0 || n > b.remaining() / 8) {
            throw new IllegalArgumentException("bad snapshot size " + n);
        }
        List<Long> xips = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            xips.add(b.getLong());
        }
        return new PgSnapshot(xmin, xmax, xips);
    }

    private static List<Object> vector(String text, boolean oid) {
        List<Object> out = new ArrayList<>();
        int i = 0;
        String t = text.trim();
        while (i < t.length()) {
            int end = t.indexOf(' ', i);
            if (end < 0) {
                end = t.length();
            }
            if (end > i) {
                String item = t.substring(i, end);
                out.add(oid ? (Object) unsigned32(item) : (Object) Short.parseShort(item));
            }
            i = end + 1;
        }
        return Collections.unmodifiableList(out);
    }

    /** {@code int2vectorsend}/{@code oidvectorsend}: a one-dimensional array without NULLs. */
    private static List<Object> vector(ByteBuffer b, boolean oid) {
        int ndim = b.getInt();
        b.getInt(); // flags
        b.getInt(); // element type
        List<Object> out = new ArrayList<>();
        if (ndim == 0) {
            return Collections.unmodifiableList(out);
        }
        if (ndim != 1) {
            throw new IllegalArgumentException("a vector has one dimension, not " + ndim);
        }
        int n = b.getInt();
        b.getInt(); // lower bound
        if (n < 0 || n > b.remaining() / 4) {
            throw new IllegalArgumentException("bad vector size " + n);
        }
        for (int i = 0; i < n; i++) {
            int len = b.getInt();
            out.add(oid ? (Object) (b.getInt() & 0xFFFF_FFFFL) : (Object) b.getShort());
            if (len != (oid ? 4 : 2)) {
                throw new IllegalArgumentException("bad vector element length " + len);
            }
        }
        return Collections.unmodifiableList(out);
    }

    private static void formatVector(Object v, StringBuilder sb) {
        List<?> items = (List<?>) v;
        for (int i = 0; i < items.size(); i++) {
            sb.append(i > 0 ? " " : "").append(items.get(i));
        }
    }
}
