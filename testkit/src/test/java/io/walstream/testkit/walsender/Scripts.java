package io.walstream.testkit.walsender;

import io.walstream.Lsn;
import io.walstream.pgoutput.Insert;
import io.walstream.pgoutput.PgOutputMessage;
import io.walstream.pgoutput.Relation;
import io.walstream.pgoutput.RelationColumn;
import io.walstream.pgoutput.ReplicaIdentity;
import io.walstream.pgoutput.TupleData;
import java.util.List;
import java.util.OptionalInt;

/** Building blocks for fake-walsender tests: one table, inserts, transactions at predictable positions. */
final class Scripts {

    static final int OID = 16384;

    private Scripts() {
    }

    static Relation relation() {
        return new Relation(OptionalInt.empty(), OID, "public", "t", ReplicaIdentity.DEFAULT,
                List.of(new RelationColumn(1, "id", 23, -1)));
    }

    static Insert insert(int id) {
        return new Insert(OptionalInt.empty(), OID, TupleData.builder().text(Integer.toString(id)).build());
    }

    /** Commit position of transaction {@code n} (1-based). */
    static Lsn commit(int n) {
        return Lsn.of(0x1000000L + n * 0x100L);
    }

    /** End position of transaction {@code n}. */
    static Lsn end(int n) {
        return Lsn.of(0x1000000L + n * 0x100L + 0x30);
    }

    /** Appends transaction {@code n} (xid 700+n) with one insert of {@code n}. */
    static WalSenderScript tx(WalSenderScript s, int n) {
        List<PgOutputMessage> changes = List.of(relation(), insert(n));
        return s.transaction(700 + n, commit(n), end(n), changes);
    }
}
