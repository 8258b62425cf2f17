package io.walstream;

import static io.walstream.PgWire.begin;
import static io.walstream.PgWire.beginPrepare;
import static io.walstream.PgWire.commit;
import static io.walstream.PgWire.commitPrepared;
import static io.walstream.PgWire.delete;
import static io.walstream.PgWire.insert;
import static io.walstream.PgWire.message;
import static io.walstream.PgWire.origin;
import static io.walstream.PgWire.prepare;
import static io.walstream.PgWire.relation;
import static io.walstream.PgWire.rollbackPrepared;
import static io.walstream.PgWire.streamAbort;
import static io.walstream.PgWire.streamCommit;
import static io.walstream.PgWire.streamPrepare;
import static io.walstream.PgWire.streamStart;
import static io.walstream.PgWire.streamStop;
import static io.walstream.PgWire.truncate;
import static io.walstream.PgWire.type;
import static io.walstream.PgWire.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.EventSource.Polled;
import io.walstream.pgoutput.Commit;
import io.walstream.pgoutput.Delete;
import io.walstream.pgoutput.Insert;
import io.walstream.pgoutput.LogicalMessage;
import io.walstream.pgoutput.PgOutputMessage;
import io.walstream.pgoutput.RollbackPrepared;
import io.walstream.pgoutput.Row;
import io.walstream.pgoutput.StreamCommit;
import io.walstream.pgoutput.Truncate;
import io.walstream.pgoutput.Update;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionAssemblerTest {

    private static final int USERS = 16384;
    private static final int ORDERS = 16390;

    @TempDir
    Path spillDir;

    private final Feed feed = new Feed();
    private TransactionAssembler assembler;

    private TransactionAssembler assembler(long budget) {
        assembler = new TransactionAssembler(new TransactionOptions(budget, spillDir));
        return assembler;
    }

    /** Feeds the payloads; returns the transactions they completed. */
    private List<Transaction> feed(byte[]... payloads) {
        if (assembler == null) {
            assembler(TransactionOptions.DEFAULT_MEMORY_BUDGET);
        }
        List<Transaction> out = new ArrayList<>();
        for (byte[] p : payloads) {
            Polled polled = feed.polled(p);
            Transaction t = assembler.accept(polled.event(), polled.data().data());
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    private static byte[] usersRelation(Integer xid) {
        return relation(xid, USERS, "public", "users", "id", 23, "name", 25);
    }

    static List<String> summary(Transaction t) {
        List<String> out = new ArrayList<>();
        for (ReplicationEvent e : t) {
            out.add(summary(e));
        }
        return out;
    }

    static String summary(ReplicationEvent e) {
        PgOutputMessage m = e.message();
        String xid = m.streamXid().isPresent() ? "[" + m.streamXid().getAsInt() + "]" : "";
        if (m instanceof Insert) {
            return "I" + xid + " " + row(e.newRow());
        } else if (m instanceof Update) {
            return "U" + xid + " " + row(e.newRow()) + (e.oldRow() == null ? "" : " key " + row(e.oldRow()));
        } else if (m instanceof Delete) {
            return "D" + xid + " " + row(e.oldRow());
        } else if (m instanceof Truncate tr) {
            return "T" + xid + " " + tr.relationOids();
        } else if (m instanceof LogicalMessage lm) {
            return "M" + xid + " " + lm.prefix() + ":" + new String(lm.content(), StandardCharsets.UTF_8);
        }
        return m.describe();
    }

    private static String row(Row r) {
        StringBuilder sb = new StringBuilder(r.relation().qualifiedName()).append('(');
        for (String name : r.columnNames()) {
            var v = r.get(name);
            if (sb.charAt(sb.length() - 1) != '(') {
                sb.append(',');
            }
            sb.append(name).append('=').append(v.isNull() ? "null" : v.asString());
        }
        return sb.append(')').toString();
    }

    private List<Path> spillFiles() throws IOException {
        try (Stream<Path> s = Files.list(spillDir)) {
            return s.collect(Collectors.toList());
        }
    }

    @Test
    void regularTransactionIsDeliveredWholeAtCommit() {
        List<Transaction> none = feed(begin(0x5000, 777, 740), origin(0x4000, "node_a"), usersRelation(null),
                insert(null, USERS, "1", "ann"), update(null, USERS, null, "1", "anne"),
                delete(null, USERS, "1", null), truncate(null, USERS), message(null, true, 0x4F00, "p", "hi"));
        assertTrue(none.isEmpty());

        List<Transaction> done = feed(commit(0x5000, 0x5030, 778));
        assertEquals(1, done.size());
        Transaction t = done.get(0);
        assertEquals(Transaction.Kind.REGULAR, t.kind());
        assertEquals(740, t.xid());
        assertFalse(t.isStreamed());
        assertNull(t.gid());
        assertEquals(Lsn.of(0x5000), t.commitLsn());
        assertEquals(Lsn.of(0x5030), t.endLsn());
        assertEquals(778, t.commitTimeMicros());
        assertEquals("node_a", t.origin().orElseThrow().name());
        assertTrue(t.endMessage() instanceof Commit);
        assertTrue(t.beginLsn().isValid());
        assertEquals(5, t.size());
        assertEquals(List.of("I public.users(id=1,name=ann)", "U public.users(id=1,name=anne)",
                "D public.users(id=1)", "T [16384]", "M p:hi"), summary(t));
        assertFalse(t.isSpilled());
        assertEquals(0, assembler.openTransactions());
    }

    @Test
    void interleavedStreamedTransactionsAreAssembledPerXidInCommitOrder() {
        List<Transaction> out = feed(
                streamStart(100, true), usersRelation(100), insert(100, USERS, "1", "a"), streamStop(),
                streamStart(200, true), usersRelation(200), insert(200, USERS, "2", "b"), streamStop(),
                begin(0x6000, 1, 300), usersRelation(null), insert(null, USERS, "3", "c"), commit(0x6000, 0x6010, 2),
                streamStart(100, false), insert(100, USERS, "4", "d"), streamStop(),
                streamStart(200, false), insert(200, USERS, "5", "e"), streamStop(),
                streamCommit(200, 0x7000, 0x7010, 3),
                streamCommit(100, 0x7100, 0x7110, 4));

        assertEquals(List.of(300, 200, 100), out.stream().map(Transaction::xid).collect(Collectors.toList()));
        assertEquals(List.of(Transaction.Kind.REGULAR, Transaction.Kind.STREAMED, Transaction.Kind.STREAMED),
                out.stream().map(Transaction::kind).collect(Collectors.toList()));
        assertEquals(List.of("I public.users(id=3,name=c)"), summary(out.get(0)));
        assertEquals(List.of("I[200] public.users(id=2,name=b)", "I[200] public.users(id=5,name=e)"),
                summary(out.get(1)));
        assertEquals(List.of("I[100] public.users(id=1,name=a)", "I[100] public.users(id=4,name=d)"),
                summary(out.get(2)));
        assertTrue(out.get(2).isStreamed());
        assertEquals(Lsn.of(0x7100), out.get(2).commitLsn());
        assertEquals(Lsn.of(0x7110), out.get(2).endLsn());
        assertTrue(out.get(2).endMessage() instanceof StreamCommit);
        assertEquals(0, assembler.openTransactions());
    }

    @Test
    void subtransactionAbortDropsOnlyThatSubxidsChanges() {
        List<Transaction> out = feed(
                streamStart(100, true), usersRelation(100), insert(100, USERS, "1", "top"),
                insert(101, USERS, "2", "sub1"), insert(102, USERS, "3", "sub2"), streamStop(),
                streamAbort(100, 101),
                streamStart(100, false), insert(102, USERS, "4", "sub2"), insert(100, USERS, "5", "top"), streamStop(),
                streamCommit(100, 0x7000, 0x7010, 3));

        assertEquals(1, out.size());
        assertEquals(List.of("I[100] public.users(id=1,name=top)", "I[102] public.users(id=3,name=sub2)",
                "I[102] public.users(id=4,name=sub2)", "I[100] public.users(id=5,name=top)"), summary(out.get(0)));
        assertEquals(4, out.get(0).size());
    }

    @Test
    void topLevelAbortDiscardsTheTransaction() {
        List<Transaction> out = feed(
                streamStart(100, true), usersRelation(100), insert(100, USERS, "1", "x"), streamStop(),
                streamAbort(100, 100));
        assertTrue(out.isEmpty());
        assertEquals(0, assembler.openTransactions());
        assertEquals(0, assembler.memoryBytes());
        // an abort for an unknown xid is harmless
        assertTrue(feed(streamAbort(555, 555)).isEmpty());
    }

    @Test
    void twoPhaseTransactionsAreDeliveredAtPrepareAndSettledLater() {
        List<Transaction> out = feed(
                beginPrepare(0x8000, 0x8040, 10, 900, "gid-1"), usersRelation(null), insert(null, USERS, "1", "p"),
                prepare(0x8000, 0x8040, 11, 900, "gid-1"),
                begin(0x8100, 12, 901), insert(null, USERS, "2", "r"), commit(0x8100, 0x8110, 13),
                commitPrepared(0x8200, 0x8210, 14, 900, "gid-1"),
                streamStart(902, true), usersRelation(902), insert(902, USERS, "3", "s"), streamStop(),
                streamPrepare(0x8300, 0x8340, 15, 902, "gid-2"),
                rollbackPrepared(0x8340, 0x8400, 15, 16, 902, "gid-2"));

        assertEquals(List.of("PREPARED 900", "REGULAR 901", "COMMIT_PREPARED 900", "PREPARED 902",
                        "ROLLBACK_PREPARED 902"),
                out.stream().map(t -> t.kind() + " " + t.xid()).collect(Collectors.toList()));
        Transaction prepared = out.get(0);
        assertEquals("gid-1", prepared.gid());
        assertEquals(Lsn.of(0x8000), prepared.commitLsn());
        assertEquals(Lsn.of(0x8040), prepared.endLsn());
        assertEquals(List.of("I public.users(id=1,name=p)"), summary(prepared));
        Transaction committed = out.get(2);
        assertEquals("gid-1", committed.gid());
        assertEquals(Lsn.of(0x8200), committed.commitLsn());
        assertEquals(Lsn.of(0x8210), committed.endLsn());
        assertTrue(committed.isEmpty());
        Transaction streamPrepared = out.get(3);
        assertTrue(streamPrepared.isStreamed());
        assertEquals("gid-2", streamPrepared.gid());
        assertEquals(List.of("I[902] public.users(id=3,name=s)"), summary(streamPrepared));
        Transaction rolledBack = out.get(4);
        assertEquals(Lsn.INVALID, rolledBack.commitLsn());
        assertEquals(Lsn.of(0x8400), rolledBack.endLsn());
        assertEquals(16, rolledBack.commitTimeMicros());
        assertEquals(Lsn.of(0x8340), ((RollbackPrepared) rolledBack.endMessage()).prepareEndLsn());
    }

    @Test
    void nonTransactionalMessageIsDeliveredAlone() {
        List<Transaction> out = feed(message(null, false, 0x9000, "audit", "x"));
        assertEquals(1, out.size());
        assertEquals(Transaction.Kind.MESSAGE, out.get(0).kind());
        assertEquals(Lsn.of(0x9000), out.get(0).commitLsn());
        assertEquals(Lsn.INVALID, out.get(0).endLsn());
        assertEquals(List.of("M audit:x"), summary(out.get(0)));
    }

    @Test
    void aTransactionResentFromItsBeginIsDeliveredOnceAndWhole() {
        assertTrue(feed(begin(0x5000, 1, 740), usersRelation(null), insert(null, USERS, "1", "a")).isEmpty());
        // the connection broke; the server resends the transaction from its Begin
        assembler.reset();
        feed.reconnect();
        List<Transaction> out = feed(begin(0x5000, 1, 740), usersRelation(null), insert(null, USERS, "1", "a"),
                insert(null, USERS, "2", "b"), commit(0x5000, 0x5010, 2));
        assertEquals(1, out.size());
        assertEquals(List.of("I public.users(id=1,name=a)", "I public.users(id=2,name=b)"), summary(out.get(0)));
    }

    @Test
    void aSecondBeginWithoutResetReplacesThePartialTransaction() {
        List<Transaction> out = feed(begin(0x5000, 1, 740), usersRelation(null), insert(null, USERS, "1", "a"),
                begin(0x5000, 1, 740), insert(null, USERS, "1", "a"), insert(null, USERS, "2", "b"),
                commit(0x5000, 0x5010, 2));
        assertEquals(1, out.size());
        assertEquals(2, out.get(0).size());
    }

    @Test
    void aStreamedTransactionResentFromItsFirstChunkStartsAfresh() {
        List<Transaction> out = feed(streamStart(100, true), usersRelation(100), insert(100, USERS, "1", "a"),
                streamStop(),
                streamStart(100, true), usersRelation(100), insert(100, USERS, "1", "a"), streamStop(),
                streamStart(100, false), insert(100, USERS, "2", "b"), streamStop(),
                streamCommit(100, 0x7000, 0x7010, 3));
        assertEquals(1, out.size());
        assertEquals(List.of("I[100] public.users(id=1,name=a)", "I[100] public.users(id=2,name=b)"),
                summary(out.get(0)));
    }

    @Test
    void aDuplicateStreamedTransactionIsDiscarded() {
        assertTrue(feed(streamStart(100, true), usersRelation(100), insert(100, USERS, "1", "a"), streamStop())
                .isEmpty());
        assertEquals(1, assembler.openTransactions());
        assembler.discard(100);
        assertEquals(0, assembler.openTransactions());
        assertEquals(0, assembler.memoryBytes());
    }

    @Test
    void resetDiscardsEverythingOpen() throws IOException {
        assembler(0);
        feed(streamStart(100, true), usersRelation(100), insert(100, USERS, "1", "a"), streamStop(),
                begin(0x5000, 1, 740), usersRelation(null), insert(null, USERS, "1", "a"));
        assertEquals(2, assembler.openTransactions());
        assertEquals(2, spillFiles().size());
        assembler.reset();
        assertEquals(0, assembler.openTransactions());
        assertEquals(List.of(), spillFiles());
    }

    @Test
    void impossibleSequencesAreProtocolErrors() {
        assertThrows(ProtocolException.class, () -> feed(commit(0x5000, 0x5010, 2)));
        assertThrows(ProtocolException.class, () -> feed(streamCommit(100, 0x7000, 0x7010, 3)));
        assertThrows(ProtocolException.class, () -> feed(usersRelation(null), insert(null, USERS, "1", "a")));
        assertThrows(ProtocolException.class, () -> feed(streamStart(7, false), streamStop(),
                streamCommit(7, 0x7000, 0x7010, 3)));
        assertThrows(ProtocolException.class, () -> feed(begin(0x5000, 1, 740),
                prepare(0x5000, 0x5010, 1, 740, "g")));
    }

    @Test
    void changesBeyondTheBudgetSpillToDiskAndAreReadBackInOrder() throws IOException {
        assembler(3L * (TransactionAssembler.CHANGE_OVERHEAD + 40)); // room for a few changes in memory
        List<byte[]> in = new ArrayList<>();
        in.add(streamStart(100, true));
        in.add(type(100, 70001, "public", "mood"));
        in.add(relation(100, USERS, "public", "users", "id", 23, "name", 25, "mood", 70001));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int sub = i % 5 == 4 ? 101 : 100;
            in.add(insert(sub, USERS, Integer.toString(i), "n" + i, "happy"));
            if (sub == 100) {
                expected.add("I[100] public.users(id=" + i + ",name=n" + i + ",mood=happy)");
            }
            if (i == 25) {
                in.add(streamStop());
                in.add(streamStart(100, false));
            }
        }
        in.add(delete(100, USERS, "7", null, null));
        expected.add("D[100] public.users(id=7)");
        in.add(streamStop());
        in.add(streamAbort(100, 101));
        assertTrue(feed(in.toArray(new byte[0][])).isEmpty());
        assertEquals(1, spillFiles().size());
        assertTrue(assembler.memoryBytes() <= 3L * (TransactionAssembler.CHANGE_OVERHEAD + 40));

        Transaction t = feed(streamCommit(100, 0x7000, 0x7010, 3)).get(0);
        assertTrue(t.isSpilled());
        assertEquals(expected.size(), t.size());
        assertEquals(expected, summary(t));
        assertEquals(expected, summary(t)); // a second iteration reads the file again
        List<ReplicationEvent> all = t.changes();
        assertEquals(expected.size(), all.size());
        // rows read back are bound with the user type's name from the Type message
        assertEquals("public.mood", all.get(all.size() - 2).newRow().get("mood").typeName());
        assertEquals(Lsn.of(0x7010), t.endLsn());
        // every change, from memory or read back from disk, knows its transaction and, now, its commit
        for (ReplicationEvent e : all) {
            assertEquals(java.util.OptionalLong.of(100), e.xid(), e.describe());
            assertEquals(java.util.Optional.of(Lsn.of(0x7000)), e.commitLsn(), e.describe());
            assertEquals("users", e.table());
        }

        t.release();
        assertTrue(t.isReleased());
        assertEquals(List.of(), spillFiles());
        assertEquals(0, assembler.memoryBytes());
        assertThrows(IllegalStateException.class, t::iterator);
    }

    @Test
    void spilledRowsBindToTheRelationVersionOfTheirArrival() {
        assembler(0);
        List<Transaction> out = feed(begin(0x5000, 1, 740),
                relation(null, USERS, "public", "users", "id", 23, "name", 25),
                insert(null, USERS, "1", "a"),
                relation(null, USERS, "public", "users", "id", 23, "name", 25, "email", 25),
                insert(null, USERS, "2", "b", "b@x"),
                update(null, USERS, new String[] {"2", null, null}, "3", "b", "b@x"),
                commit(0x5000, 0x5010, 2));
        assertEquals(List.of("I public.users(id=1,name=a)", "I public.users(id=2,name=b,email=b@x)",
                "U public.users(id=3,name=b,email=b@x) key public.users(id=2)"), summary(out.get(0)));
    }

    @Test
    void spillKeepsOrderAcrossMemoryAndDiskAndAbortDeletesTheFile() throws IOException {
        assembler(2L * (TransactionAssembler.CHANGE_OVERHEAD + 30));
        feed(begin(0x5000, 1, 740), usersRelation(null));
        for (int i = 0; i < 10; i++) {
            feed(insert(null, USERS, Integer.toString(i), "n"));
        }
        Transaction t = feed(commit(0x5000, 0x5010, 2)).get(0);
        assertTrue(t.isSpilled());
        List<String> ids = new ArrayList<>();
        for (ReplicationEvent e : t) {
            ids.add(e.newRow().get("id").asString());
        }
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), ids);
        t.release();

        feed(streamStart(100, true), usersRelation(100));
        for (int i = 0; i < 10; i++) {
            feed(insert(100, USERS, Integer.toString(i), "n"));
        }
        feed(streamStop());
        assertEquals(1, spillFiles().size());
        feed(streamAbort(100, 100));
        assertEquals(List.of(), spillFiles());
        assertEquals(0, assembler.memoryBytes());
    }

    @Test
    void closeDeletesTheFilesOfOpenAndUnreleasedTransactions() throws IOException {
        assembler(0);
        Transaction delivered = feed(begin(0x5000, 1, 740), usersRelation(null), insert(null, USERS, "1", "a"),
                commit(0x5000, 0x5010, 2)).get(0);
        feed(streamStart(100, true), usersRelation(100), insert(100, USERS, "1", "a"), streamStop());
        Iterator<ReplicationEvent> reading = delivered.iterator();
        assertTrue(reading.hasNext());
        assertEquals(2, spillFiles().size());

        assembler.close();

        assertEquals(List.of(), spillFiles());
        assertTrue(delivered.isReleased());
        assertThrows(IllegalStateException.class, delivered::changes);
        assertNull(feed(begin(0x6000, 1, 741)).stream().findAny().orElse(null));
        assertEquals(0, assembler.openTransactions());
    }

    @Test
    void memoryIsReturnedWhenADeliveredTransactionIsReleased() {
        Transaction t = feed(begin(0x5000, 1, 740), usersRelation(null), insert(null, USERS, "1", "a"),
                commit(0x5000, 0x5010, 2)).get(0);
        assertTrue(assembler.memoryBytes() > 0);
        t.release();
        t.release();
        assertEquals(0, assembler.memoryBytes());
        assertNotNull(t.describe());
    }
}
