package io.walstream.pgoutput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.MalformedFrameException;
import io.walstream.ProtocolException;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The leading xid of R Y I U D T M exists only between Stream Start and Stream Stop. */
class PgOutputStreamBlockTest {

    private static final byte[] START = Bytes.tag('S').i32(900).u8(1).array();
    private static final byte[] STOP = Bytes.tag('E').array();

    @Test
    void changesCarryTheXidOnlyInsideABlock() {
        PgOutputDecoder d = new PgOutputDecoder(2);
        byte[] plainInsert = Bytes.tag('I').i32(16384).u8('N').i16(1).text("a").array();
        byte[] streamedInsert = Bytes.tag('I').i32(901).i32(16384).u8('N').i16(1).text("a").array();

        assertEquals(OptionalInt.empty(), d.decode(plainInsert).streamXid());
        assertFalse(d.inStreamBlock());

        assertEquals(new StreamStart(900, true), d.decode(START));
        assertTrue(d.inStreamBlock());
        assertEquals(OptionalInt.of(900), d.streamBlockXid());
        Insert i = (Insert) d.decode(streamedInsert);
        assertEquals(OptionalInt.of(901), i.streamXid()); // a subtransaction's xid is allowed
        assertEquals(16384, i.relationOid());
        // the plain form inside a block is misread as xid=16384, rel='N'...: it does not parse
        assertThrows(MalformedFrameException.class, () -> d.decode(plainInsert));

        assertEquals(new StreamStop(900), d.decode(STOP)); // the decoder names the block it closes
        assertFalse(d.inStreamBlock());
        assertEquals(OptionalInt.empty(), d.streamBlockXid());
        assertEquals(OptionalInt.empty(), d.decode(plainInsert).streamXid());
    }

    @Test
    void everyChangeTypeReadsTheXidInsideABlock() {
        PgOutputDecoder d = new PgOutputDecoder(2);
        d.decode(START);
        List<byte[]> changes = List.of(
                Bytes.tag('R').i32(77).i32(1).str("s").str("t").u8('d').i16(0).array(),
                Bytes.tag('Y').i32(77).i32(16500).str("s").str("t").array(),
                Bytes.tag('I').i32(77).i32(1).u8('N').i16(0).array(),
                Bytes.tag('U').i32(77).i32(1).u8('N').i16(0).array(),
                Bytes.tag('D').i32(77).i32(1).u8('K').i16(0).array(),
                Bytes.tag('T').i32(77).i32(1).u8(0).i32(1).array(),
                Bytes.tag('M').i32(77).u8(1).i64(5).str("p").i32(0).array());
        for (byte[] c : changes) {
            assertEquals(OptionalInt.of(77), d.decode(c).streamXid(), () -> "type " + (char) c[0]);
        }
        d.decode(STOP);
        for (byte[] c : changes) {
            byte[] withoutXid = new byte[c.length - 4];
            withoutXid[0] = c[0];
            System.arraycopy(c, 5, withoutXid, 1, c.length - 5);
            assertEquals(OptionalInt.empty(), d.decode(withoutXid).streamXid(), () -> "type " + (char) c[0]);
        }
    }

    @Test
    void otherMessagesInsideABlockHaveNoXid() {
        PgOutputDecoder d = new PgOutputDecoder(2);
        d.decode(START);
        assertEquals(new Origin(io.walstream.Lsn.INVALID, "o"), d.decode(Bytes.tag('O').i64(0).str("o").array()));
        assertTrue(d.inStreamBlock());
    }

    @Test
    void startInsideABlockIsAProtocolError() {
        PgOutputDecoder d = new PgOutputDecoder(2);
        d.decode(START);
        ProtocolException e = assertThrows(ProtocolException.class, () -> d.decode(START));
        assertEquals('S', e.tag());
        assertTrue(e.getMessage().contains("900"), e.getMessage());
        assertTrue(d.inStreamBlock());
    }

    @Test
    void stopOutsideABlockIsAProtocolError() {
        PgOutputDecoder d = new PgOutputDecoder(2);
        ProtocolException e = assertThrows(ProtocolException.class, () -> d.decode(STOP));
        assertEquals('E', e.tag());
        assertFalse(d.inStreamBlock());
    }

    @ParameterizedTest
    @ValueSource(strings = {"c", "A", "p"})
    void endOfStreamedTransactionInsideABlockIsAProtocolError(String tag) {
        PgOutputDecoder d = new PgOutputDecoder(4);
        d.decode(START);
        byte[] p = switch (tag) {
            case "c" -> Bytes.tag('c').i32(900).u8(0).i64(1).i64(2).i64(3).array();
            case "A" -> Bytes.tag('A').i32(900).i32(900).array();
            default -> Bytes.tag('p').u8(0).i64(1).i64(2).i64(3).i32(900).str("g").array();
        };
        ProtocolException e = assertThrows(ProtocolException.class, () -> d.decode(p));
        assertEquals(tag.charAt(0), e.tag());
        d.decode(STOP);
        assertEquals(tag.charAt(0), d.decode(p).tag());
    }

    @Test
    void aFailedDecodeLeavesTheStateAlone() {
        PgOutputDecoder d = new PgOutputDecoder(2);
        assertThrows(ProtocolException.class, () -> d.decode(Bytes.tag('S').i32(900).array()));
        assertFalse(d.inStreamBlock());
        d.decode(START);
        assertThrows(ProtocolException.class, () -> d.decode(Bytes.tag('E').u8(0).array()));
        assertTrue(d.inStreamBlock());
    }

    @Test
    void resetClosesTheBlock() {
        PgOutputDecoder d = new PgOutputDecoder(2);
        d.decode(START);
        d.reset();
        assertFalse(d.inStreamBlock());
        assertEquals(OptionalInt.empty(), d.decode(Bytes.tag('T').i32(0).u8(0).array()).streamXid());
    }

    @Test
    void blocksOfDifferentTransactionsInterleaveWithRegularOnes() {
        PgOutputDecoder d = new PgOutputDecoder(2);
        d.decode(START);
        d.decode(STOP);
        d.decode(Bytes.tag('B').i64(1).i64(2).i32(3).array());
        assertEquals(OptionalInt.empty(), d.decode(Bytes.tag('I').i32(1).u8('N').i16(0).array()).streamXid());
        d.decode(Bytes.tag('C').u8(0).i64(1).i64(2).i64(3).array());
        d.decode(Bytes.tag('S').i32(901).u8(0).array());
        assertEquals(OptionalInt.of(901), d.streamBlockXid());
        d.decode(STOP);
        assertEquals(new StreamCommit(900, 0, io.walstream.Lsn.of(1), io.walstream.Lsn.of(2), 3),
                d.decode(Bytes.tag('c').i32(900).u8(0).i64(1).i64(2).i64(3).array()));
    }

    @Test
    void streamAbortIsEightBytesWithoutParallel() {
        PgOutputDecoder d = new PgOutputDecoder(4);
        StreamAbort a = (StreamAbort) d.decode(Bytes.tag('A').i32(900).i32(901).array());
        assertFalse(a.hasAbortInfo());
        assertEquals(901, a.subxid());
        assertTrue(a.abortTime().isEmpty());
        MalformedFrameException e = assertThrows(MalformedFrameException.class,
                () -> d.decode(Bytes.tag('A').i32(900).i32(901).i64(5).i64(6).array()));
        assertTrue(e.getMessage().contains("parallelStreaming(true)"), e.getMessage());
    }

    @Test
    void streamAbortIsTwentyFourBytesWithParallel() {
        PgOutputDecoder d = PgOutputDecoder.builder(4).parallelStreaming(true).build();
        StreamAbort a = (StreamAbort) d.decode(Bytes.tag('A').i32(900).i32(901).i64(5).i64(6).array());
        assertTrue(a.hasAbortInfo());
        assertEquals(io.walstream.Lsn.of(5), a.abortLsn());
        assertEquals(6, a.abortTimeMicros());
        MalformedFrameException e = assertThrows(MalformedFrameException.class,
                () -> d.decode(Bytes.tag('A').i32(900).i32(901).array()));
        assertTrue(e.getMessage().contains("parallelStreaming(false)"), e.getMessage());
        assertThrows(MalformedFrameException.class,
                () -> d.decode(Bytes.tag('A').i32(900).i32(901).i64(5).array()));
    }

    @Test
    void parallelNeedsProtocolFour() {
        assertThrows(IllegalArgumentException.class, () -> PgOutputDecoder.builder(3).parallelStreaming(true));
        assertThrows(IllegalArgumentException.class, () -> PgOutputDecoder.builder(0));
        assertThrows(IllegalArgumentException.class, () -> new PgOutputDecoder(5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"S", "E", "c", "A", "b", "P", "K", "r", "p"})
    void streamingAndTwoPhaseMessagesAreErrorsInProtocolOne(String tag) {
        assertVersionError(1, tag.charAt(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"b", "P", "K", "r", "p"})
    void twoPhaseMessagesAreErrorsInProtocolTwo(String tag) {
        assertVersionError(2, tag.charAt(0));
    }

    private static void assertVersionError(int version, char tag) {
        byte[] p = Samples.all().stream().filter(s -> s.payload()[0] == tag && !s.inBlock()).findFirst()
                .orElseGet(() -> Samples.all().stream().filter(s -> s.payload()[0] == tag).findFirst().orElseThrow())
                .payload();
        ProtocolException e = assertThrows(ProtocolException.class, () -> new PgOutputDecoder(version).decode(p));
        assertFalse(e instanceof MalformedFrameException, "a version error, not a malformed frame");
        assertInstanceOf(ProtocolException.class, e);
        assertEquals(tag, e.tag());
        assertEquals(0, e.offset());
        assertTrue(e.getMessage().contains("version " + version), e.getMessage());
    }
}
