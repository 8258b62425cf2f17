package io.walstream.replication;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.Lsn;
import io.walstream.codec.Wire;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * An {@link XLogData} over a range of a read buffer (as a stream builds it): positions kept as primitives, the
 * payload view made on demand as one slice of the buffer's shared read-only view.
 */
class XLogDataPrimitivesTest {

    private static final byte[] BUFFER = Wire.ascii("....BEGIN....");
    private static final long START = 0x0000_0001_016B_3F28L;
    private static final long END = 0xFFFF_FFFF_0000_0010L; // above Long.MAX_VALUE: compared unsigned elsewhere

    private static XLogData overBuffer(ByteBuffer arrayView) {
        return new XLogData(START, END, 42, BUFFER, arrayView, 4, 5);
    }

    @Test
    void positionsAsPrimitivesAndAsLsns() {
        XLogData x = overBuffer(null);

        assertEquals(START, x.walStartLong());
        assertEquals(END, x.walEndLong());
        assertEquals(Lsn.of(START), x.walStart());
        assertEquals(Lsn.of(END), x.walEnd());
        assertEquals(x.walStart(), x.walStart(), "a new Lsn per call, always an equal one");
        assertEquals(Lsn.INVALID, new XLogData(0, 0, 0, BUFFER, null, 4, 5).walStart());
        assertEquals(42, x.sendTimeMicros());
    }

    @Test
    void payloadIsOneSliceOfTheSharedViewAndTheSameEachCall() {
        ByteBuffer shared = ByteBuffer.wrap(BUFFER).asReadOnlyBuffer();
        XLogData x = overBuffer(shared);

        ByteBuffer p = x.payload();
        assertSame(p, x.payload());
        assertTrue(p.isReadOnly());
        assertEquals(0, p.position());
        assertArrayEquals(Wire.ascii("BEGIN"), Wire.bytes(p));
        assertEquals(0, shared.position(), "the shared view is never moved");
        assertEquals(BUFFER.length, shared.limit());
        ByteBuffer d = x.data();
        assertNotSame(p, d);
        assertArrayEquals(Wire.ascii("BEGIN"), Wire.bytes(d));
    }

    @Test
    void withoutASharedViewThePayloadIsStillAReadOnlySlice() {
        XLogData x = overBuffer(null);

        assertTrue(x.payload().isReadOnly());
        assertArrayEquals(Wire.ascii("BEGIN"), Wire.bytes(x.payload()));
        assertEquals('B', x.payloadByte(0));
        assertEquals(5, x.payloadLength());
        assertArrayEquals(Wire.ascii("BEGIN"), x.copyPayload());
        assertThrows(IndexOutOfBoundsException.class, () -> x.payloadByte(5));
    }

    @Test
    void equalsHashAndStringAsFromThePublicConstructor() {
        XLogData fromBuffer = overBuffer(ByteBuffer.wrap(BUFFER).asReadOnlyBuffer());
        XLogData fromView = new XLogData(Lsn.of(START), Lsn.of(END), 42, ByteBuffer.wrap(Wire.ascii("BEGIN")));

        assertEquals(fromView, fromBuffer);
        assertEquals(fromBuffer, fromView);
        assertEquals(fromView.hashCode(), fromBuffer.hashCode());
        assertTrue(fromBuffer.toString().startsWith("XLogData[walStart=" + Lsn.of(START) + ", walEnd=" + Lsn.of(END)
                + ", sendTimeMicros=42, payload="), fromBuffer.toString());
        assertEquals(fromView.describe(), fromBuffer.describe());
        assertEquals(START, fromView.walStartLong());
        assertEquals(END, fromView.walEndLong());
    }

    @Test
    void ofOwnedKeepsTheArrayAsTheWholePayloadAndEqualsThePublicConstructorsForm() {
        byte[] owned = Wire.ascii("BEGIN");
        XLogData x = XLogData.ofOwned(START, END, 42, owned);

        assertEquals(START, x.walStartLong());
        assertEquals(END, x.walEndLong());
        assertEquals(42, x.sendTimeMicros());
        assertEquals(5, x.payloadLength());
        assertEquals('B', x.payloadByte(0));
        assertArrayEquals(owned, x.copyPayload());
        assertNotSame(owned, x.copyPayload());
        ByteBuffer p = x.payload();
        assertTrue(p.isReadOnly());
        assertArrayEquals(owned, Wire.bytes(p));
        XLogData viaConstructor = new XLogData(Lsn.of(START), Lsn.of(END), 42,
                ByteBuffer.wrap(Wire.ascii("BEGIN")).asReadOnlyBuffer());
        assertEquals(viaConstructor, x);
        assertEquals(viaConstructor.hashCode(), x.hashCode());
        assertThrows(NullPointerException.class, () -> XLogData.ofOwned(START, END, 42, null));
    }
}
