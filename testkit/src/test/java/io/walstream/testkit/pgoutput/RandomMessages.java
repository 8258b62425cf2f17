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
import io.walstream.pgoutput.StreamStop;
import io.walstream.pgoutput.Truncate;
import io.walstream.pgoutput.TupleData;
import io.walstream.pgoutput.Type;
import io.walstream.pgoutput.Update;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;

/** Seeded valid messages of every type, for the mutation fuzzer (no jqwik: one Random, replayable). */
final class RandomMessages {
    private final Random r;

    RandomMessages(Random r) {
        this.r = r;
    }

    private Lsn lsn() {
        return Lsn.of(r.nextLong());
    }

    private String str() {
        int n = r.nextInt(6);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('a' + r.nextInt(26)));
        }
        return sb.toString();
    }

    private byte[] bytes(int max) {
        byte[] b = new byte[r.nextInt(max + 1)];
        r.nextBytes(b);
        return b;
    }

    private TupleData tuple() {
        TupleData.Builder b = TupleData.builder();
        int n = r.nextInt(6);
        for (int i = 0; i < n; i++) {
            b.add(ColumnKind.values()[r.nextInt(4)], bytes(8));
        }
        return b.build();
    }

    private OptionalInt xid(boolean inBlock) {
        return inBlock ? OptionalInt.of(r.nextInt()) : OptionalInt.empty();
    }

    /**
     * @param version the protocol version
     * @param parallel whether Stream Abort has the parallel fields
     * @param inBlock whether a stream block is open
     * @return a message valid in that state
     */
    PgOutputMessage next(int version, boolean parallel, boolean inBlock) {
        List<Character> tags = new ArrayList<>();
        for (char c : "BCORYIUDTM".toCharArray()) {
            tags.add(c);
        }
        if (version >= 2) {
            tags.add(inBlock ? 'E' : 'S');
            if (!inBlock) {
                tags.add('c');
                tags.add('A');
            }
        }
        if (version >= 3) {
            for (char c : "bPKr".toCharArray()) {
                tags.add(c);
            }
            if (!inBlock) {
                tags.add('p');
            }
        }
        char tag = tags.get(r.nextInt(tags.size()));
        switch (tag) {
            case 'B':
                return new Begin(lsn(), r.nextLong(), r.nextInt());
            case 'C':
                return new Commit(0, lsn(), lsn(), r.nextLong());
            case 'O':
                return new Origin(lsn(), str());
            case 'R': {
                List<RelationColumn> cols = new ArrayList<>();
                int n = r.nextInt(5);
                for (int i = 0; i < n; i++) {
                    cols.add(new RelationColumn(r.nextInt(2), str(), r.nextInt(), r.nextInt()));
                }
                return new Relation(xid(inBlock), r.nextInt(), str(), str(), ReplicaIdentity.values()[r.nextInt(4)],
                        cols);
            }
            case 'Y':
                return new Type(xid(inBlock), r.nextInt(), str(), str());
            case 'I':
                return new Insert(xid(inBlock), r.nextInt(), tuple());
            case 'U': {
                OldTupleKind k = OldTupleKind.values()[r.nextInt(3)];
                return new Update(xid(inBlock), r.nextInt(), k, k == OldTupleKind.NONE ? null : tuple(), tuple());
            }
            case 'D':
                return new Delete(xid(inBlock), r.nextInt(), r.nextBoolean() ? OldTupleKind.KEY : OldTupleKind.OLD,
                        tuple());
            case 'T': {
                List<Integer> oids = new ArrayList<>();
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    oids.add(r.nextInt());
                }
                return new Truncate(xid(inBlock), r.nextInt(4), oids);
            }
            case 'M':
                return new LogicalMessage(xid(inBlock), r.nextInt(2), lsn(), str(), bytes(16));
            case 'S':
                return new StreamStart(r.nextInt(), r.nextBoolean());
            case 'E':
                return new StreamStop();
            case 'c':
                return new StreamCommit(r.nextInt(), 0, lsn(), lsn(), r.nextLong());
            case 'A':
                return parallel ? new StreamAbort(r.nextInt(), r.nextInt(), lsn(), r.nextLong())
                        : new StreamAbort(r.nextInt(), r.nextInt());
            case 'b':
                return new BeginPrepare(lsn(), lsn(), r.nextLong(), r.nextInt(), str());
            case 'P':
                return new Prepare(0, lsn(), lsn(), r.nextLong(), r.nextInt(), str());
            case 'K':
                return new CommitPrepared(0, lsn(), lsn(), r.nextLong(), r.nextInt(), str());
            case 'r':
                return new RollbackPrepared(0, lsn(), lsn(), r.nextLong(), r.nextLong(), r.nextInt(), str());
            default:
                return new StreamPrepare(0, lsn(), lsn(), r.nextLong(), r.nextInt(), str());
        }
    }
}
