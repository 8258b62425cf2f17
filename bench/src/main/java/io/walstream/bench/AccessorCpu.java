package io.walstream.bench;

import io.walstream.pgoutput.Insert;
import io.walstream.pgoutput.RelationCache;
import io.walstream.pgoutput.Relation;
import io.walstream.pgoutput.RelationColumn;
import io.walstream.pgoutput.ReplicaIdentity;
import io.walstream.pgoutput.Row;
import io.walstream.pgoutput.TupleData;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;

/**
 * The value accessors alone, in thread CPU nanoseconds per row: 1,024 bound rows of the end-to-end stream's
 * table ({@code bigint, int, text, timestamptz, numeric}, text format, the same values {@code ReplayStream}
 * writes) read over and over, one accessor (or one client mode of {@code bench/e2e}) per pass. Thread CPU time
 * instead of JMH's wall-clock throughput, so that a machine shared with other work still gives usable
 * before/after figures (run the same class against an older {@code benchmarks.jar}'s protocol-core).
 *
 * <p>Run: {@code java -cp benchmarks.jar io.walstream.bench.AccessorCpu [passes]}.
 *
 * <p><b>Thread safety:</b> a single-threaded program.
 */
public final class AccessorCpu {
    private static final String[] MODES = {"isNull", "asLong", "asInt", "asString", "asEpochMicros", "asInstant",
        "asBigDecimal", "text (5 x utf8Text)", "typed (e2e TYPED)", "formatOid", "kind", "length"};
    private static volatile long sink;

    private AccessorCpu() {
    }

    /**
     * @param args optional number of passes (default 4)
     */
    public static void main(String[] args) {
        int passes = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        RelationCache cache = new RelationCache();
        cache.put(new Relation(1, "public", "bench_items", ReplicaIdentity.DEFAULT, List.of(
                RelationColumn.of(true, "id", 20, -1), RelationColumn.of(false, "qty", 23, -1),
                RelationColumn.of(false, "name", 25, -1), RelationColumn.of(false, "at", 1184, -1),
                RelationColumn.of(false, "price", 1700, -1))));
        Row[] rows = new Row[1024];
        for (int r = 0; r < rows.length; r++) {
            long id = 1_000_000_000L + r;
            rows[r] = cache.newRow(new Insert(1, TupleData.builder().text(Long.toString(id))
                    .text(Integer.toString(r % 500)).text("item-" + id)
                    .text("2025-06-15 12:34:" + (10 + r % 50) + "." + (100_000 + r) + "+00")
                    .text((r % 10_000) + "." + (r % 100 < 10 ? "0" : "") + (r % 100)).build()));
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long n = 20_000_000;
        for (int pass = 0; pass < passes; pass++) {
            StringBuilder out = new StringBuilder("pass " + (pass + 1) + " ns/row:");
            for (int m = 0; m < MODES.length; m++) {
                long t0 = mx.getCurrentThreadCpuTime();
                long s = run(rows, m, n);
                long t1 = mx.getCurrentThreadCpuTime();
                sink += s;
                out.append(String.format(Locale.ROOT, " %s=%.1f", MODES[m], (t1 - t0) / (double) n));
            }
            System.out.println(out);
        }
    }

    private static long run(Row[] rows, int mode, long n) {
        long s = 0;
        for (long i = 0; i < n; i++) {
            Row r = rows[(int) (i & 1023)];
            switch (mode) {
                case 0:
                    s += r.get(3).isNull() ? 1 : 0;
                    break;
                case 1:
                    s += r.get(0).asLong();
                    break;
                case 2:
                    s += r.get(1).asInt();
                    break;
                case 3:
                    s += r.get(2).asString().length();
                    break;
                case 4:
                    s += r.get(3).asEpochMicros();
                    break;
                case 5:
                    s += r.get(3).asInstant().getNano();
                    break;
                case 6:
                    s += r.get(4).asBigDecimal().scale();
                    break;
                case 7:
                    for (int c = 0; c < 5; c++) {
                        s += r.get(c).utf8Text().length();
                    }
                    break;
                case 8:
                    s += r.get(0).asLong() + r.get(1).asInt() + r.get(2).asString().length()
                            + r.get(3).asInstant().getNano() + r.get(4).asBigDecimal().scale();
                    break;
                case 9: // the parts of an accessor's fixed cost, one at a time (isNull is the row fetch + handle)
                    s += r.get(1).formatOid();
                    break;
                case 10:
                    s += r.get(1).kind().ordinal();
                    break;
                case 11:
                    s += r.tuple().length(1);
                    break;
                default:
                    throw new IllegalArgumentException("mode " + mode);
            }
        }
        return s;
    }
}
