package io.walstream.bench;

import io.walstream.Lsn;
import io.walstream.pgoutput.Begin;
import io.walstream.pgoutput.Commit;
import io.walstream.pgoutput.Insert;
import io.walstream.pgoutput.PgOutputDecoder;
import io.walstream.pgoutput.PgOutputMessage;
import io.walstream.pgoutput.Relation;
import io.walstream.pgoutput.RelationCache;
import io.walstream.pgoutput.RelationColumn;
import io.walstream.pgoutput.ReplicaIdentity;
import io.walstream.pgoutput.Row;
import io.walstream.pgoutput.TupleData;
import io.walstream.pgoutput.types.BuiltinTypes;
import io.walstream.testkit.pgoutput.PgOutputWriter;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Throughput of the pgoutput layer: {@link PgOutputDecoder} and {@link RelationCache} over XLogData payloads held
 * in memory (no framing: see {@link FrameDecoderBenchmark} for that layer).
 *
 * <p>The stream is one Relation for {@code public.bench_items (id bigint, qty int, name text, at timestamptz,
 * price numeric)}, then {@value #TRANSACTIONS} transactions of Begin, {@value #ROWS_PER_TRANSACTION} single-row
 * Inserts in text format, and Commit: {@value #MESSAGES} messages, built once per fork with
 * {@link PgOutputWriter}. One invocation decodes them all with a fresh decoder and cache;
 * {@link OperationsPerInvocation} makes one JMH operation one message, so the score is messages per second and
 * {@code gc.alloc.rate.norm} (with {@code -prof gc}) is bytes allocated per message.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(PgOutputDecodeBenchmark.MESSAGES)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
public class PgOutputDecodeBenchmark {

    static final int TRANSACTIONS = 1_000;
    static final int ROWS_PER_TRANSACTION = 1_000;
    /** Relation + per transaction Begin, the inserts and Commit. */
    static final int MESSAGES = 1 + TRANSACTIONS * (ROWS_PER_TRANSACTION + 2);

    private static final int RELATION_OID = 16_385;
    /** Microseconds from 1970-01-01 to 2000-01-01, PostgreSQL's epoch. */
    private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;

    /** All payloads back to back; payload i is {@code [offsets[i], offsets[i + 1])}. */
    private byte[] payloads;
    private int[] offsets;

    /** Builds the payloads once per fork. */
    @Setup(Level.Trial)
    public void buildStream() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(MESSAGES * 90);
        offsets = new int[MESSAGES + 1];
        int n = 0;
        n = add(out, n, new Relation(RELATION_OID, "public", "bench_items", ReplicaIdentity.DEFAULT, List.of(
                RelationColumn.of(true, "id", BuiltinTypes.INT8, -1),
                RelationColumn.of(false, "qty", BuiltinTypes.INT4, -1),
                RelationColumn.of(false, "name", BuiltinTypes.TEXT, -1),
                RelationColumn.of(false, "at", BuiltinTypes.TIMESTAMPTZ, -1),
                RelationColumn.of(false, "price", BuiltinTypes.NUMERIC, -1))));
        long lsn = 0x1_6B37_4D48L;
        long time = 1_750_000_000_000_000L - PG_EPOCH_MICROS;
        long id = 1_000_000_000L;
        for (int t = 0; t < TRANSACTIONS; t++) {
            int xid = 1000 + t;
            long commitLsn = lsn + ROWS_PER_TRANSACTION * 100L;
            n = add(out, n, new Begin(Lsn.of(commitLsn), time + t, xid));
            for (int r = 0; r < ROWS_PER_TRANSACTION; r++, id++) {
                n = add(out, n, new Insert(RELATION_OID, TupleData.builder()
                        .text(Long.toString(id))
                        .text(Integer.toString(r % 500))
                        .text("item-" + id)
                        .text("2025-06-15 12:34:" + (10 + r % 50) + "." + (100_000 + r) + "+00")
                        .text((r % 10_000) + "." + (r % 100 < 10 ? "0" : "") + (r % 100))
                        .build()));
            }
            n = add(out, n, new Commit(0, Lsn.of(commitLsn), Lsn.of(commitLsn + 48), time + t));
            lsn = commitLsn + 48;
        }
        if (n != MESSAGES) {
            throw new IllegalStateException("built " + n + " messages, expected " + MESSAGES);
        }
        payloads = out.toByteArray();
    }

    private int add(ByteArrayOutputStream out, int n, PgOutputMessage m) {
        out.writeBytes(PgOutputWriter.encode(m));
        offsets[n + 1] = out.size();
        return n + 1;
    }

    /** Decodes every message; the Relation goes to the cache; nothing is read from the tuples. */
    @Benchmark
    public void decodeOnly(Blackhole bh) {
        PgOutputDecoder decoder = new PgOutputDecoder(2);
        RelationCache cache = new RelationCache();
        byte[] p = payloads;
        int[] o = offsets;
        for (int i = 0; i < MESSAGES; i++) {
            PgOutputMessage m = decoder.decode(p, o[i], o[i + 1] - o[i]);
            cache.accept(m);
            bh.consume(m);
        }
    }

    /** Decodes every message and reads every column of every inserted row as its typed Java value. */
    @Benchmark
    public void decodeAndReadEveryColumn(Blackhole bh) {
        PgOutputDecoder decoder = new PgOutputDecoder(2);
        RelationCache cache = new RelationCache();
        byte[] p = payloads;
        int[] o = offsets;
        for (int i = 0; i < MESSAGES; i++) {
            PgOutputMessage m = decoder.decode(p, o[i], o[i + 1] - o[i]);
            if (m instanceof Insert) {
                Row row = cache.newRow((Insert) m);
                bh.consume(row.get(0).asLong());
                bh.consume(row.get(1).asInt());
                bh.consume(row.get(2).asString());
                bh.consume(row.get(3).asInstant());
                bh.consume(row.get(4).asBigDecimal());
            } else {
                cache.accept(m);
                bh.consume(m);
            }
        }
    }

    /**
     * {@link #decodeOnly} plus every column through a primitive accessor ({@code asLong}, {@code asInt},
     * {@code asEpochMicros}, {@code asDouble}; the text column's length): its allocation per message should equal
     * {@link #decodeOnly}'s, since those accessors parse the tuple bytes in place.
     */
    @Benchmark
    public void decodeAndReadPrimitives(Blackhole bh) {
        PgOutputDecoder decoder = new PgOutputDecoder(2);
        RelationCache cache = new RelationCache();
        byte[] p = payloads;
        int[] o = offsets;
        for (int i = 0; i < MESSAGES; i++) {
            PgOutputMessage m = decoder.decode(p, o[i], o[i + 1] - o[i]);
            if (m instanceof Insert) {
                Row row = cache.newRow((Insert) m);
                bh.consume(row.get(0).asLong());
                bh.consume(row.get(1).asInt());
                bh.consume(row.tuple().length(2));
                bh.consume(row.get(3).asEpochMicros());
                bh.consume(row.get(4).asDouble());
            } else {
                cache.accept(m);
                bh.consume(m);
            }
        }
    }
}
