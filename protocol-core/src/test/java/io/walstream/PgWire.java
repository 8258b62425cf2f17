package io.walstream;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Hand-built pgoutput payloads, field by field from the spec layouts (protocol-core tests may not use the
 * testkit). A {@code streamXid} of {@code null} means the message is outside a stream block (no leading xid).
 */
final class PgWire {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private PgWire(char tag) {
        u8(tag);
    }

    private PgWire u8(int v) {
        out.write(v);
        return this;
    }

    private PgWire i16(int v) {
        return u8(v >>> 8).u8(v);
    }

    private PgWire i32(int v) {
        return u8(v >>> 24).u8(v >>> 16).u8(v >>> 8).u8(v);
    }

    private PgWire i64(long v) {
        return i32((int) (v >>> 32)).i32((int) v);
    }

    private PgWire str(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        return u8(0);
    }

    private PgWire xid(Integer streamXid) {
        return streamXid == null ? this : i32(streamXid);
    }

    /** Text columns; {@code null} is a NULL column. */
    private PgWire tuple(String... values) {
        i16(values.length);
        for (String v : values) {
            if (v == null) {
                u8('n');
            } else {
                byte[] b = v.getBytes(StandardCharsets.UTF_8);
                u8('t').i32(b.length);
                out.writeBytes(b);
            }
        }
        return this;
    }

    private byte[] bytes() {
        return out.toByteArray();
    }

    static byte[] begin(long finalLsn, long time, int xid) {
        return new PgWire('B').i64(finalLsn).i64(time).i32(xid).bytes();
    }

    static byte[] commit(long commitLsn, long endLsn, long time) {
        return new PgWire('C').u8(0).i64(commitLsn).i64(endLsn).i64(time).bytes();
    }

    static byte[] origin(long lsn, String name) {
        return new PgWire('O').i64(lsn).str(name).bytes();
    }

    /** A relation whose columns are given as name/type-OID pairs; the first column is the key. */
    static byte[] relation(Integer streamXid, int oid, String namespace, String name, Object... columns) {
        PgWire w = new PgWire('R').xid(streamXid).i32(oid).str(namespace).str(name).u8('d').i16(columns.length / 2);
        for (int i = 0; i < columns.length; i += 2) {
            w.u8(i == 0 ? 1 : 0).str((String) columns[i]).i32((Integer) columns[i + 1]).i32(-1);
        }
        return w.bytes();
    }

    static byte[] type(Integer streamXid, int oid, String namespace, String name) {
        return new PgWire('Y').xid(streamXid).i32(oid).str(namespace).str(name).bytes();
    }

    static byte[] insert(Integer streamXid, int relOid, String... values) {
        return new PgWire('I').xid(streamXid).i32(relOid).u8('N').tuple(values).bytes();
    }

    static byte[] update(Integer streamXid, int relOid, String[] key, String... values) {
        PgWire w = new PgWire('U').xid(streamXid).i32(relOid);
        if (key != null) {
            w.u8('K').tuple(key);
        }
        return w.u8('N').tuple(values).bytes();
    }

    static byte[] delete(Integer streamXid, int relOid, String... key) {
        return new PgWire('D').xid(streamXid).i32(relOid).u8('K').tuple(key).bytes();
    }

    static byte[] truncate(Integer streamXid, int... relOids) {
        PgWire w = new PgWire('T').xid(streamXid).i32(relOids.length).u8(0);
        for (int oid : relOids) {
            w.i32(oid);
        }
        return w.bytes();
    }

    static byte[] message(Integer streamXid, boolean transactional, long lsn, String prefix, String content) {
        byte[] c = content.getBytes(StandardCharsets.UTF_8);
        PgWire w = new PgWire('M').xid(streamXid).u8(transactional ? 1 : 0).i64(lsn).str(prefix).i32(c.length);
        w.out.writeBytes(c);
        return w.bytes();
    }

    static byte[] streamStart(int xid, boolean first) {
        return new PgWire('S').i32(xid).u8(first ? 1 : 0).bytes();
    }

    static byte[] streamStop() {
        return new PgWire('E').bytes();
    }

    static byte[] streamCommit(int xid, long commitLsn, long endLsn, long time) {
        return new PgWire('c').i32(xid).u8(0).i64(commitLsn).i64(endLsn).i64(time).bytes();
    }

    static byte[] streamAbort(int xid, int subxid) {
        return new PgWire('A').i32(xid).i32(subxid).bytes();
    }

    static byte[] beginPrepare(long prepareLsn, long endLsn, long time, int xid, String gid) {
        return new PgWire('b').i64(prepareLsn).i64(endLsn).i64(time).i32(xid).str(gid).bytes();
    }

    static byte[] prepare(long prepareLsn, long endLsn, long time, int xid, String gid) {
        return new PgWire('P').u8(0).i64(prepareLsn).i64(endLsn).i64(time).i32(xid).str(gid).bytes();
    }

    static byte[] streamPrepare(long prepareLsn, long endLsn, long time, int xid, String gid) {
        return new PgWire('p').u8(0).i64(prepareLsn).i64(endLsn).i64(time).i32(xid).str(gid).bytes();
    }

    static byte[] commitPrepared(long commitLsn, long endLsn, long time, int xid, String gid) {
        return new PgWire('K').u8(0).i64(commitLsn).i64(endLsn).i64(time).i32(xid).str(gid).bytes();
    }

    static byte[] rollbackPrepared(long prepareEndLsn, long rollbackEndLsn, long prepareTime, long rollbackTime,
                                   int xid, String gid) {
        return new PgWire('r').u8(0).i64(prepareEndLsn).i64(rollbackEndLsn).i64(prepareTime).i64(rollbackTime)
                .i32(xid).str(gid).bytes();
    }
}
