package io.walstream;

import static io.walstream.PgWire.begin;
import static io.walstream.PgWire.beginPrepare;
import static io.walstream.PgWire.commit;
import static io.walstream.PgWire.commitPrepared;
import static io.walstream.PgWire.delete;
import static io.walstream.PgWire.insert;
import static io.walstream.PgWire.message;
import static io.walstream.PgWire.prepare;
import static io.walstream.PgWire.relation;
import static io.walstream.PgWire.streamAbort;
import static io.walstream.PgWire.streamCommit;
import static io.walstream.PgWire.streamStart;
import static io.walstream.PgWire.streamStop;
import static io.walstream.PgWire.truncate;
import static io.walstream.PgWire.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The event surface: operation, table, before/after and the transaction of every event, from scripted streams. */
class EventFactoryTest {
    private static final int USERS = 16_384;
    private static final int ORDERS = 16_390;

    private final Feed feed = new Feed();

    private ReplicationEvent next(byte[] payload) {
        return feed.polled(payload).event();
    }

    @Test
    void regularTransactionCarriesItsCommitOnEveryChange() {
        ReplicationEvent b = next(begin(0x5000, 1_000_000, -2)); // xid 4294967294
        next(relation(null, USERS, "public", "users", "id", 23, "name", 25));
        ReplicationEvent ins = next(insert(null, USERS, "1", "ann"));
        ReplicationEvent upd = next(update(null, USERS, new String[] {"1", null}, "2", "anne"));
        ReplicationEvent del = next(delete(null, USERS, "2", null));
        ReplicationEvent c = next(commit(0x5000, 0x5010, 1_000_000));

        assertEquals(Operation.BEGIN, b.operation());
        assertEquals(Operation.INSERT, ins.operation());
        assertEquals("c", ins.operation().debeziumOp());
        assertEquals("public", ins.schema());
        assertEquals("users", ins.table());
        assertTrue(ins.isFor("public", "users"));
        assertFalse(ins.isFor("public", "orders"));
        assertNull(ins.before());
        assertEquals("ann", ins.after().get("name").asString());
        assertEquals(Operation.UPDATE, upd.operation());
        assertEquals(1, upd.before().get("id").asInt());
        assertTrue(upd.before().isKeyOnly());
        assertEquals("anne", upd.after().get("name").asString());
        assertEquals(Operation.DELETE, del.operation());
        assertNull(del.after());
        assertEquals(2, del.before().get("id").asInt());
        Instant commitTime = Instant.parse("2000-01-01T00:00:01Z");
        for (ReplicationEvent e : new ReplicationEvent[] {b, ins, upd, del, c}) {
            assertEquals(OptionalLong.of(4294967294L), e.xid(), e.describe());
            assertEquals(Optional.of(Lsn.of(0x5000)), e.commitLsn(), e.describe());
            assertEquals(Optional.of(commitTime), e.commitTime(), e.describe());
        }
        assertEquals("4294967294", c.transaction().xidString());
        assertEquals(Optional.of(Lsn.of(0x5010)), c.transaction().endLsn());
        assertNull(b.table());
        assertFalse(c.isRowChange());
    }

    @Test
    void truncateNamesEveryTable() {
        next(begin(0x6000, 1, 7));
        next(relation(null, USERS, "public", "users", "id", 23));
        next(relation(null, ORDERS, "sales", "orders", "id", 23));
        ReplicationEvent t = next(truncate(null, USERS, ORDERS));
        assertEquals(Operation.TRUNCATE, t.operation());
        assertEquals("t", t.operation().debeziumOp());
        assertEquals(2, t.relations().size());
        assertEquals("users", t.table());
        assertTrue(t.isFor("sales", "orders"));
        assertTrue(t.operation().isChange());
        assertFalse(t.isRowChange());
    }

    @Test
    void streamedTransactionLearnsItsCommitWhenItArrives() {
        ReplicationEvent start = next(streamStart(900, true));
        next(relation(900, USERS, "public", "users", "id", 23, "name", 25));
        ReplicationEvent ins = next(insert(900, USERS, "1", "a"));
        next(streamStop());
        next(begin(0x7000, 1, 901));
        ReplicationEvent other = next(insert(null, USERS, "2", "b"));
        next(commit(0x7000, 0x7010, 1));
        next(streamStart(900, false));
        ReplicationEvent ins2 = next(insert(900, USERS, "3", "c"));
        next(streamStop());
        assertEquals(OptionalLong.of(900), ins.xid());
        assertTrue(ins.transaction().isStreamed());
        assertEquals(Optional.empty(), ins.commitLsn(), "not committed yet");
        assertEquals(OptionalLong.of(901), other.xid());
        assertEquals(Optional.of(Lsn.of(0x7000)), other.commitLsn());

        ReplicationEvent sc = next(streamCommit(900, 0x8000, 0x8010, 2_000_000));
        assertEquals(Operation.STREAM_COMMIT, sc.operation());
        for (ReplicationEvent e : new ReplicationEvent[] {start, ins, ins2, sc}) {
            assertEquals(Optional.of(Lsn.of(0x8000)), e.commitLsn(), e.describe());
            assertEquals(Optional.of(Instant.parse("2000-01-01T00:00:02Z")), e.commitTime());
        }
    }

    @Test
    void abortedStreamAndPreparedTransactions() {
        next(streamStart(42, true));
        next(relation(42, USERS, "public", "users", "id", 23));
        ReplicationEvent ins = next(insert(42, USERS, "1"));
        next(streamStop());
        ReplicationEvent abort = next(streamAbort(42, 42));
        assertTrue(ins.transaction().isAborted());
        assertEquals(Operation.STREAM_ABORT, abort.operation());

        ReplicationEvent bp = next(beginPrepare(0x9000, 0x9010, 1, 43, "g1"));
        ReplicationEvent pins = next(insert(null, USERS, "2"));
        next(prepare(0x9000, 0x9010, 1, 43, "g1"));
        assertEquals(Optional.of("g1"), pins.transaction().gid());
        assertEquals(Optional.empty(), pins.commitLsn());
        ReplicationEvent cp = next(commitPrepared(0xA000, 0xA010, 3_000_000, 43, "g1"));
        assertEquals(Optional.of(Lsn.of(0xA000)), pins.commitLsn(), "completed by Commit Prepared");
        assertEquals(Operation.COMMIT_PREPARED, cp.operation());
        assertEquals(OptionalLong.of(43), bp.xid());
    }

    @Test
    void nonTransactionalMessageHasNoTransaction() {
        ReplicationEvent m = next(message(null, false, 0x100, "p", "x"));
        assertEquals(Operation.MESSAGE, m.operation());
        assertNull(m.transaction());
        assertEquals(OptionalLong.empty(), m.xid());
        assertNull(m.operation().debeziumOp());
    }
}
