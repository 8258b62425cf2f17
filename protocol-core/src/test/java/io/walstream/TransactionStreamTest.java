package io.walstream;

import static io.walstream.PgWire.begin;
import static io.walstream.PgWire.commit;
import static io.walstream.PgWire.insert;
import static io.walstream.PgWire.relation;
import static io.walstream.PgWire.streamCommit;
import static io.walstream.PgWire.streamStart;
import static io.walstream.PgWire.streamStop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class TransactionStreamTest {

    private static final int USERS = 16384;
    private static final Duration WAIT = Duration.ofSeconds(2);

    @TempDir
    Path spillDir;

    private final Feed feed = new Feed();
    private final FakeEventSource source = new FakeEventSource();

    private TransactionStream stream(long budget) {
        return new TransactionStream(source, new TransactionOptions(budget, spillDir));
    }

    private FakeEventSource add(byte[]... payloads) {
        for (byte[] p : payloads) {
            source.add(feed.polled(p));
        }
        return source;
    }

    private byte[] users(Integer xid) {
        return relation(xid, USERS, "public", "users", "id", 23, "name", 25);
    }

    private long files() throws IOException {
        try (Stream<Path> s = Files.list(spillDir)) {
            return s.count();
        }
    }

    @Test
    void nextAcknowledgesAndReleasesThePreviousTransaction() throws IOException {
        TransactionStream ts = stream(0);
        add(begin(0x5000, 1, 740), users(null), insert(null, USERS, "1", "a"), commit(0x5000, 0x5010, 2));
        add(begin(0x6000, 3, 741), insert(null, USERS, "2", "b"), commit(0x6000, 0x6010, 4));

        Transaction first = ts.next(WAIT);
        assertEquals(740, first.xid());
        assertEquals(1, files());
        int acksBefore = source.acks.get();
        source.log.add("returned");

        Transaction second = ts.next(WAIT);
        assertEquals(741, second.xid());
        assertTrue(first.isReleased());
        assertEquals(acksBefore + 1, source.acks.get());
        assertEquals("ack", source.log.get(source.log.indexOf("returned") + 1), "acknowledged before reading on");
        assertFalse(second.isReleased());
        assertEquals(1, files());
    }

    @Test
    void forEachAcknowledgesAndReleasesWhenTheHandlerReturns() throws IOException {
        TransactionStream ts = stream(0);
        add(begin(0x5000, 1, 740), users(null), insert(null, USERS, "1", "a"), commit(0x5000, 0x5010, 2)).end();
        List<Transaction> seen = new ArrayList<>();
        ts.forEach(t -> {
            assertFalse(t.isReleased());
            assertEquals(1, t.changes().size());
            seen.add(t);
            source.log.add("handled");
        });
        assertEquals(1, seen.size());
        assertTrue(seen.get(0).isReleased());
        assertEquals("ack", source.log.get(source.log.indexOf("handled") + 1));
        assertEquals(0, files());
    }

    @Test
    void aReconnectDiscardsTheTransactionInProgress() {
        TransactionStream ts = stream(TransactionOptions.DEFAULT_MEMORY_BUDGET);
        add(begin(0x5000, 1, 740), users(null), insert(null, USERS, "1", "a"));
        source.reconnect();
        feed.reconnect();
        add(begin(0x5000, 1, 740), users(null), insert(null, USERS, "1", "a"), insert(null, USERS, "2", "b"),
                commit(0x5000, 0x5010, 2));
        Transaction t = ts.next(WAIT);
        assertEquals(2, t.size());
        assertEquals(0, ts.openTransactions());
    }

    @Test
    void aReconnectDiscardsStreamedChunksAndTheirSpillFiles() throws IOException {
        TransactionStream ts = stream(0);
        add(streamStart(100, true), users(100), insert(100, USERS, "1", "a"), streamStop());
        assertNull(ts.next(Duration.ofMillis(300)));
        assertEquals(1, ts.openTransactions());
        assertEquals(1, files());
        source.reconnect();
        feed.reconnect();
        add(begin(0x5000, 1, 740), users(null), insert(null, USERS, "1", "a"), commit(0x5000, 0x5010, 2));
        Transaction t = ts.next(WAIT);
        assertEquals(740, t.xid());
        assertEquals(0, ts.openTransactions());
        assertEquals(1, files()); // only the delivered one's
        ts.discardAll();
        assertEquals(0, files());
        assertTrue(t.isReleased());
    }

    @Test
    void aDuplicateStreamCommitDropsTheResentChunks() {
        TransactionStream ts = stream(TransactionOptions.DEFAULT_MEMORY_BUDGET);
        add(streamStart(100, true), users(100), insert(100, USERS, "1", "a"), streamStop());
        source.add(feed.duplicate(streamCommit(100, 0x7000, 0x7010, 1)));
        assertNull(ts.next(Duration.ofMillis(300)));
        assertEquals(0, ts.openTransactions());
        assertEquals(0, ts.bufferedBytes());
    }

    @Test
    void aTimeoutInTheMiddleKeepsThePartialTransaction() {
        TransactionStream ts = stream(TransactionOptions.DEFAULT_MEMORY_BUDGET);
        add(begin(0x5000, 1, 740), users(null), insert(null, USERS, "1", "a"));
        assertNull(ts.next(Duration.ofMillis(200)));
        assertEquals(1, ts.openTransactions());
        add(insert(null, USERS, "2", "b"), commit(0x5000, 0x5010, 2));
        Transaction t = ts.next(WAIT);
        assertEquals(2, t.size());
        assertEquals(Lsn.of(0x5010), t.endLsn());
    }

    @Test
    void theEndReturnsNull() {
        TransactionStream ts = stream(TransactionOptions.DEFAULT_MEMORY_BUDGET);
        source.end();
        assertNull(ts.next(WAIT));
        ts.forEach(t -> {
            throw new AssertionError("nothing to deliver");
        });
    }
}
