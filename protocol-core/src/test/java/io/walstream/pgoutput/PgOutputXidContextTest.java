package io.walstream.pgoutput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.walstream.MalformedFrameException;
import org.junit.jupiter.api.Test;

/** Commit and Stream Stop carry no xid on the wire; the decoder gives them the one of their Begin / Stream Start. */
class PgOutputXidContextTest {

    private static byte[] begin(int xid) {
        return Bytes.tag('B').i64(0x100).i64(5).i32(xid).array();
    }

    private static final byte[] COMMIT = Bytes.tag('C').u8(0).i64(0x100).i64(0x130).i64(5).array();

    @Test
    void commitCarriesTheXidOfItsBegin() {
        PgOutputDecoder d = new PgOutputDecoder(1);
        d.decode(begin(742));
        Commit c = (Commit) d.decode(COMMIT);
        assertEquals(742, c.xid());
        assertEquals(742L, c.xidLong());
        assertEquals("Commit flags=0 commitLsn=0/100 endLsn=0/130 commitTime=2000-01-01T00:00:00.000005Z",
                c.describe(), "describe() stays the wire content");
    }

    @Test
    void xidsAboveTwoToThe31AreUnsignedEverywhere() {
        PgOutputDecoder d = new PgOutputDecoder(2);
        int big = (int) 3_000_000_000L;
        d.decode(begin(big));
        Commit c = (Commit) d.decode(COMMIT);
        assertEquals(3_000_000_000L, c.xidLong());
        assertEquals("3000000000", Xids.toString(c.xid()));
        assertEquals(true, c.toString().contains("xid=3000000000"), c.toString());

        d.decode(Bytes.tag('S').i32(big).u8(1).array());
        StreamStop stop = (StreamStop) d.decode(Bytes.tag('E').array());
        assertEquals(new StreamStop(big), stop);
        assertEquals(3_000_000_000L, stop.xidLong());
        assertEquals("StreamStop[xid=3000000000]", stop.toString());
        assertEquals("StreamStop", stop.describe());
    }

    @Test
    void commitWithoutBeginAndAfterResetHasInvalidXid() {
        PgOutputDecoder d = new PgOutputDecoder(1);
        assertEquals(Xids.INVALID, ((Commit) d.decode(COMMIT)).xid());
        d.decode(begin(9));
        d.reset();
        assertEquals(Xids.INVALID, ((Commit) d.decode(COMMIT)).xid());
    }

    @Test
    void aMalformedBeginDoesNotChangeTheXid() {
        PgOutputDecoder d = new PgOutputDecoder(1);
        d.decode(begin(7));
        byte[] trailing = Bytes.tag('B').i64(0x100).i64(5).i32(8).u8(0).array();
        assertThrows(MalformedFrameException.class, () -> d.decode(trailing));
        assertEquals(7, ((Commit) d.decode(COMMIT)).xid());
    }

    @Test
    void oidsPrintUnsigned() {
        assertEquals("4294967295", Oids.toString(-1));
        assertEquals(4_294_967_295L, Oids.toLong(-1));
        assertEquals(16384L, Oids.toLong(16384));
    }
}
