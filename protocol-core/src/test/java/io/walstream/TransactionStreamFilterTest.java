package io.walstream;

import static io.walstream.PgWire.begin;
import static io.walstream.PgWire.commit;
import static io.walstream.PgWire.insert;
import static io.walstream.PgWire.relation;
import static io.walstream.PgWire.streamCommit;
import static io.walstream.PgWire.streamStart;
import static io.walstream.PgWire.streamStop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The {@code tables} filter in the whole-transaction mode: changes of other tables dropped, emptied ones skipped. */
@Timeout(20)
class TransactionStreamFilterTest {

    private static final int USERS = 16384;
    private static final int AUDIT = 16390;
    private static final Duration WAIT = Duration.ofSeconds(2);

    @TempDir
    Path spillDir;

    private final Feed feed = new Feed();
    private final FakeEventSource source = new FakeEventSource();

    private TransactionStream stream(EventFilter filter) {
        return new TransactionStream(source, new TransactionOptions(1 << 20, spillDir)).filter(filter);
    }

    private void add(byte[]... payloads) {
        for (byte[] p : payloads) {
            source.add(feed.polled(p));
        }
    }

    private void relations() {
        add(relation(null, USERS, "public", "users", "id", 23, "name", 25),
                relation(null, AUDIT, "public", "audit", "id", 23, "what", 25));
    }

    @Test
    void otherTablesChangesAreDroppedAndEmptiedTransactionsSkippedButAcknowledged() {
        TransactionStream ts = stream(EventFilter.of(true, List.of("public.users")));
        add(begin(0x5000, 1, 740));
        relations();
        add(insert(null, USERS, "1", "a"), insert(null, AUDIT, "1", "x"), commit(0x5000, 0x5010, 2));
        add(begin(0x6000, 3, 741), insert(null, AUDIT, "2", "y"), commit(0x6000, 0x6010, 4)); // audit only
        add(begin(0x7000, 5, 742), insert(null, USERS, "3", "c"), commit(0x7000, 0x7010, 6));

        Transaction first = ts.next(WAIT);
        assertEquals(740, first.xid());
        assertEquals(1, first.size(), "the audit insert is dropped");
        assertEquals("users", first.changes().get(0).table());
        int acks = source.acks.get();

        Transaction next = ts.next(WAIT);
        assertEquals(742, next.xid(), "741 touched only audit: skipped");
        assertTrue(source.acks.get() > acks, "the skipped one is acknowledged on the way");
        assertNull(ts.next(Duration.ofMillis(100)));
    }

    @Test
    void streamedTransactionsAreFilteredToo() {
        TransactionStream ts = stream(EventFilter.of(false, List.of("users"))); // any schema
        add(streamStart(900, true), relation(900, USERS, "public", "users", "id", 23, "name", 25),
                relation(900, AUDIT, "public", "audit", "id", 23, "what", 25), insert(900, AUDIT, "1", "x"),
                insert(900, USERS, "1", "a"), streamStop(), streamCommit(900, 0x8000, 0x8010, 7));
        Transaction t = ts.next(WAIT);
        assertEquals(900, t.xid());
        assertEquals(1, t.size());
        assertEquals("users", t.changes().get(0).table());
    }

    @Test
    void withoutTablesEmptyTransactionsAreDeliveredAsBefore() {
        TransactionStream ts = stream(EventFilter.of(true, List.of()));
        add(begin(0x5000, 1, 740), commit(0x5000, 0x5010, 2));
        Transaction t = ts.next(WAIT);
        assertEquals(740, t.xid());
        assertTrue(t.isEmpty());
    }
}
