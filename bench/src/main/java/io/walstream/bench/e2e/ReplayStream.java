package io.walstream.bench.e2e;

import io.walstream.Lsn;
import io.walstream.pgoutput.Begin;
import io.walstream.pgoutput.Commit;
import io.walstream.pgoutput.Insert;
import io.walstream.pgoutput.PgOutputMessage;
import io.walstream.pgoutput.Relation;
import io.walstream.pgoutput.RelationColumn;
import io.walstream.pgoutput.ReplicaIdentity;
import io.walstream.pgoutput.TupleData;
import io.walstream.pgoutput.types.BuiltinTypes;
import io.walstream.testkit.pgoutput.PgOutputWriter;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The byte stream the replay walsender serves: CopyData frames holding XLogData around pgoutput messages, encoded
 * once into one direct buffer so serving a client costs the server nothing but the socket writes.
 *
 * <p>Content: one Relation {@code public.bench_items (id bigint, qty int, name text, at timestamptz, price
 * numeric)}, then transactions of {@value #ROWS_PER_TRANSACTION} text-format Inserts between a Begin and a Commit.
 * walStart increases by the message's size, so every client sees a well-formed, monotonic stream.
 *
 * <p><b>Thread safety:</b> immutable after construction; {@link #bytes()} returns a new duplicate per call.
 */
final class ReplayStream {

    static final int ROWS_PER_TRANSACTION = 1000;
    static final int RELATION_OID = 16_385;
    private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;
    /** Frames are grouped into write chunks that end on a transaction boundary. */
    private static final int TRANSACTIONS_PER_CHUNK = 1;

    private final ByteBuffer bytes;
    private final int[] chunkEnds;
    private final long messages;
    private final long lastWalStart;

    private ReplayStream(ByteBuffer bytes, int[] chunkEnds, long messages, long lastWalStart) {
        this.bytes = bytes;
        this.chunkEnds = chunkEnds;
        this.messages = messages;
        this.lastWalStart = lastWalStart;
    }

    /**
     * @param minMessages at least this many XLogData messages (rounded up to whole transactions)
     * @return the encoded stream
     */
    static ReplayStream build(long minMessages) {
        long transactions = Math.max(1, (minMessages - 1 + ROWS_PER_TRANSACTION + 1) / (ROWS_PER_TRANSACTION + 2));
        long messages = 1 + transactions * (ROWS_PER_TRANSACTION + 2);
        // Measure one transaction to size the buffer (rows differ by a few bytes; add slack).
        long estimate = 4096 + transactions * (long) (ROWS_PER_TRANSACTION + 2) * 160;
        if (estimate > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(minMessages + " messages do not fit in one 2 GiB buffer");
        }
        ByteBuffer out = ByteBuffer.allocateDirect((int) estimate);
        int[] ends = new int[(int) ((transactions + TRANSACTIONS_PER_CHUNK - 1) / TRANSACTIONS_PER_CHUNK) + 1];
        int chunk = 0;
        long lsn = 0x1_6B37_4D48L;
        long time = 1_750_000_000_000_000L - PG_EPOCH_MICROS;
        long id = 1_000_000_000L;
        lsn = put(out, lsn, time, new Relation(RELATION_OID, "public", "bench_items", ReplicaIdentity.DEFAULT, List.of(
                RelationColumn.of(true, "id", BuiltinTypes.INT8, -1),
                RelationColumn.of(false, "qty", BuiltinTypes.INT4, -1),
                RelationColumn.of(false, "name", BuiltinTypes.TEXT, -1),
                RelationColumn.of(false, "at", BuiltinTypes.TIMESTAMPTZ, -1),
                RelationColumn.of(false, "price", BuiltinTypes.NUMERIC, -1))));
        ends[chunk++] = out.position();
        long last = 0;
        for (long t = 0; t < transactions; t++) {
            int xid = (int) (1000 + t);
            long commitLsn = lsn + ROWS_PER_TRANSACTION * 140L;
            lsn = put(out, lsn, time + t, new Begin(Lsn.of(commitLsn), time + t, xid));
            for (int r = 0; r < ROWS_PER_TRANSACTION; r++, id++) {
                lsn = put(out, lsn, time + t, new Insert(RELATION_OID, TupleData.builder()
                        .text(Long.toString(id))
                        .text(Integer.toString(r % 500))
                        .text("item-" + id)
                        .text("2025-06-15 12:34:" + (10 + r % 50) + "." + (100_000 + r) + "+00")
                        .text((r % 10_000) + "." + (r % 100 < 10 ? "0" : "") + (r % 100))
                        .build()));
            }
            last = Math.max(lsn, commitLsn);
            lsn = put(out, last, time + t, new Commit(0, Lsn.of(commitLsn), Lsn.of(last + 48), time + t));
            if ((t + 1) % TRANSACTIONS_PER_CHUNK == 0 || t == transactions - 1) {
                ends[chunk++] = out.position();
            }
        }
        out.flip();
        return new ReplayStream(out.asReadOnlyBuffer(), java.util.Arrays.copyOf(ends, chunk), messages, last);
    }

    private static long put(ByteBuffer out, long walStart, long time, PgOutputMessage m) {
        byte[] frame = PgOutputWriter.copyData(Lsn.of(walStart), Lsn.of(walStart + 1_000_000), time, m);
        out.put(frame);
        return walStart + frame.length;
    }

    /** @return a fresh read-only view of the whole stream, position 0 */
    ByteBuffer bytes() {
        return bytes.duplicate();
    }

    /** @return end offsets of the write chunks, each on a transaction (or the Relation) boundary */
    int[] chunkEnds() {
        return chunkEnds.clone();
    }

    /** @return XLogData messages in the stream */
    long messages() {
        return messages;
    }

    /** @return walStart of the last message (the final Commit), where clients stop */
    long lastWalStart() {
        return lastWalStart;
    }
}
