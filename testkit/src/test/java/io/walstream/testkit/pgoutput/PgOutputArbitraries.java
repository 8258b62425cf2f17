package io.walstream.testkit.pgoutput;

import io.walstream.Lsn;
import io.walstream.pgoutput.Begin;
import io.walstream.pgoutput.BeginPrepare;
import io.walstream.pgoutput.ColumnKind;
import io.walstream.pgoutput.Commit;
import io.walstream.pgoutput.CommitPrepared;
import io.walstream.pgoutput.Delete;
import io.walstream.pgoutput.Insert;
import io.walstream.pgoutput.LogicalMessage;
import io.walstream.pgoutput.OldTupleKind;
import io.walstream.pgoutput.Origin;
import io.walstream.pgoutput.PgOutputMessage;
import io.walstream.pgoutput.Prepare;
import io.walstream.pgoutput.Relation;
import io.walstream.pgoutput.RelationColumn;
import io.walstream.pgoutput.ReplicaIdentity;
import io.walstream.pgoutput.RollbackPrepared;
import io.walstream.pgoutput.StreamAbort;
import io.walstream.pgoutput.StreamCommit;
import io.walstream.pgoutput.StreamPrepare;
import io.walstream.pgoutput.StreamStart;
import io.walstream.pgoutput.Truncate;
import io.walstream.pgoutput.TupleData;
import io.walstream.pgoutput.Type;
import io.walstream.pgoutput.UnknownMessage;
import io.walstream.pgoutput.Update;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** jqwik generators for every pgoutput message, by protocol version. */
final class PgOutputArbitraries {
    static final String KNOWN_TAGS = "BCORYIUDTMSEcAbPKrp";

    private PgOutputArbitraries() {
    }

    static Arbitrary<Integer> xids() {
        return Arbitraries.oneOf(Arbitraries.integers(), Arbitraries.of(0, 1, -1, Integer.MIN_VALUE, 744));
    }

    static Arbitrary<Lsn> lsns() {
        return Arbitraries.oneOf(Arbitraries.longs().map(Lsn::of), Arbitraries.of(Lsn.INVALID, Lsn.of(-1L)));
    }

    static Arbitrary<Long> times() {
        return Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.longs().between(0, 1L << 52));
    }

    /** Any UTF-16 text without NUL and without surrogates, so that UTF-8 round-trips. */
    static Arbitrary<String> strings() {
        return Arbitraries.oneOf(
                Arbitraries.strings().alpha().numeric().withChars('_', '"', ' ', '.').ofMaxLength(12),
                Arbitraries.strings().withCharRange('\u0001', '\ud7ff').withCharRange('\ue000', '\ufffd')
                        .ofMaxLength(8));
    }

    static Arbitrary<byte[]> bytes(int max) {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(max);
    }

    static Arbitrary<TupleData> tuples() {
        Arbitrary<Object[]> column = Combinators.combine(Arbitraries.of(ColumnKind.class), bytes(24))
                .as((k, b) -> new Object[] {k, b});
        return column.list().ofMaxSize(10).map(cols -> {
            TupleData.Builder b = TupleData.builder();
            for (Object[] c : cols) {
                b.add((ColumnKind) c[0], (byte[]) c[1]);
            }
            return b.build();
        });
    }

    static Arbitrary<OptionalInt> noXid() {
        return Arbitraries.just(OptionalInt.empty());
    }

    /** Changes (R Y I U D T M) with the given streaming xid arbitrary. */
    static List<Arbitrary<? extends PgOutputMessage>> changes(Arbitrary<OptionalInt> xid) {
        Arbitrary<RelationColumn> column = Combinators.combine(Arbitraries.integers().between(0, 255), strings(),
                Arbitraries.integers(), Arbitraries.integers()).as(RelationColumn::new);
        List<Arbitrary<? extends PgOutputMessage>> out = new ArrayList<>();
        out.add(Combinators.combine(xid, Arbitraries.integers(), strings(), strings(),
                Arbitraries.of(ReplicaIdentity.class), column.list().ofMaxSize(6)).as(Relation::new));
        out.add(Combinators.combine(xid, Arbitraries.integers(), strings(), strings()).as(Type::new));
        out.add(Combinators.combine(xid, Arbitraries.integers(), tuples()).as(Insert::new));
        out.add(Combinators.combine(xid, Arbitraries.integers(), Arbitraries.of(OldTupleKind.class), tuples(),
                tuples()).as((x, oid, kind, old, nu) ->
                new Update(x, oid, kind, kind == OldTupleKind.NONE ? null : old, nu)));
        out.add(Combinators.combine(xid, Arbitraries.integers(), Arbitraries.of(OldTupleKind.KEY, OldTupleKind.OLD),
                tuples()).as(Delete::new));
        out.add(Combinators.combine(xid, Arbitraries.integers().between(0, 255),
                Arbitraries.integers().list().ofMaxSize(8)).as(Truncate::new));
        out.add(Combinators.combine(xid, Arbitraries.integers().between(0, 255), lsns(), strings(), bytes(64))
                .as(LogicalMessage::new));
        return out;
    }

    /**
     * Messages valid outside a stream block for a protocol version (Stream Stop is left to the block tests).
     *
     * @param parallel whether Stream Abort has the parallel-apply fields
     * @param unknown whether to include unknown types (for a decoder that skips them)
     */
    static Arbitrary<PgOutputMessage> outsideBlock(int version, boolean parallel, boolean unknown) {
        List<Arbitrary<? extends PgOutputMessage>> all = new ArrayList<>(changes(noXid()));
        all.add(Combinators.combine(lsns(), times(), xids()).as(Begin::new));
        all.add(Combinators.combine(lsns(), lsns(), times()).as((a, b, t) -> new Commit(0, a, b, t)));
        all.add(Combinators.combine(lsns(), strings()).as(Origin::new));
        if (version >= 2) {
            all.add(Combinators.combine(xids(), Arbitraries.of(true, false)).as(StreamStart::new));
            all.add(Combinators.combine(xids(), lsns(), lsns(), times())
                    .as((x, a, b, t) -> new StreamCommit(x, 0, a, b, t)));
            all.add(parallel
                    ? Combinators.combine(xids(), xids(), lsns(), times()).as(StreamAbort::new)
                    : Combinators.combine(xids(), xids()).as(StreamAbort::new));
        }
        if (version >= 3) {
            all.add(Combinators.combine(lsns(), lsns(), times(), xids(), strings()).as(BeginPrepare::new));
            all.add(Combinators.combine(lsns(), lsns(), times(), xids(), strings())
                    .as((a, b, t, x, g) -> new Prepare(0, a, b, t, x, g)));
            all.add(Combinators.combine(lsns(), lsns(), times(), xids(), strings())
                    .as((a, b, t, x, g) -> new CommitPrepared(0, a, b, t, x, g)));
            all.add(Combinators.combine(lsns(), lsns(), times(), times(), xids(), strings())
                    .as((a, b, t, u, x, g) -> new RollbackPrepared(0, a, b, t, u, x, g)));
            all.add(Combinators.combine(lsns(), lsns(), times(), xids(), strings())
                    .as((a, b, t, x, g) -> new StreamPrepare(0, a, b, t, x, g)));
        }
        if (unknown) {
            all.add(Combinators.combine(Arbitraries.integers().between(0, 255)
                    .filter(t -> KNOWN_TAGS.indexOf(t) < 0), bytes(16)).as(UnknownMessage::new));
        }
        return Arbitraries.oneOf(all);
    }
}
