package io.walstream.testkit.pgoutput;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.walstream.Lsn;
import io.walstream.pgoutput.Begin;
import io.walstream.pgoutput.Insert;
import io.walstream.pgoutput.Origin;
import io.walstream.pgoutput.PgOutputDecoder;
import io.walstream.pgoutput.PgOutputMessage;
import io.walstream.pgoutput.StreamStart;
import io.walstream.pgoutput.StreamStop;
import io.walstream.pgoutput.TupleData;
import io.walstream.replication.XLogData;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The writer's bytes match the spec layout, and its helpers build blocks and frames. */
class PgOutputWriterTest {

    @Test
    void beginMatchesTheFixtureBytes() {
        byte[] b = PgOutputWriter.encode(new Begin(Lsn.parse("0/16B3F60"), 0x0002B6C15A3E0A00L, 744));
        assertEquals("42" + "00000000016b3f60" + "0002b6c15a3e0a00" + "000002e8", HexFormat.of().formatHex(b));
    }

    @Test
    void streamedInsertCarriesTheXid() {
        byte[] b = PgOutputWriter.encode(new Insert(OptionalInt.of(5), 16384,
                TupleData.builder().text("42").nul().build()));
        assertEquals("49" + "00000005" + "00004000" + "4e" + "0002" + "74" + "00000002" + "3432" + "6e",
                HexFormat.of().formatHex(b));
    }

    @Test
    void streamBlockWrapsChangesAndKeepsOtherMessages() {
        Insert insert = new Insert(16384, TupleData.builder().build());
        Origin origin = new Origin(Lsn.INVALID, "n");
        List<PgOutputMessage> block = PgOutputWriter.streamBlock(9, true, List.of(origin, insert));
        assertEquals(List.of(new StreamStart(9, true), origin, new Insert(OptionalInt.of(9), 16384,
                TupleData.builder().build()), new StreamStop(9)), block);
        PgOutputDecoder d = new PgOutputDecoder(2);
        for (int i = 0; i < block.size(); i++) {
            assertEquals(block.get(i), d.decode(PgOutputWriter.encodeAll(block).get(i)));
        }
    }

    @Test
    void xlogDataAndCopyDataFrames() {
        Begin begin = new Begin(Lsn.of(1), 2, 3);
        XLogData x = PgOutputWriter.xlogData(Lsn.of(10), Lsn.of(20), 30, begin);
        assertEquals(begin, new PgOutputDecoder(1).decode(x.payload()));
        byte[] frame = PgOutputWriter.copyData(Lsn.of(10), Lsn.of(20), 30, begin);
        ByteBuffer f = ByteBuffer.wrap(frame);
        assertEquals('d', f.get());
        assertEquals(frame.length - 1, f.getInt());
        assertEquals('w', f.get());
        assertEquals(10, f.getLong());
        assertEquals(20, f.getLong());
        assertEquals(30, f.getLong());
        byte[] rest = new byte[f.remaining()];
        f.get(rest);
        assertArrayEquals(PgOutputWriter.encode(begin), rest);
    }

    @Test
    void stringsWithNulCannotBeEncoded() {
        assertThrows(IllegalArgumentException.class, () -> PgOutputWriter.encode(new Origin(Lsn.INVALID, "a\0b")));
    }

}
