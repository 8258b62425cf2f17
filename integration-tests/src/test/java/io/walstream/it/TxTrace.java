package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.walstream.Lsn;
import io.walstream.RawEvent;
import io.walstream.ReplicationEvent;
import io.walstream.Transaction;
import io.walstream.pgoutput.Begin;
import io.walstream.pgoutput.BeginPrepare;
import io.walstream.pgoutput.Commit;
import io.walstream.pgoutput.CommitPrepared;
import io.walstream.pgoutput.Delete;
import io.walstream.pgoutput.Insert;
import io.walstream.pgoutput.LogicalMessage;
import io.walstream.pgoutput.PgOutputMessage;
import io.walstream.pgoutput.Prepare;
import io.walstream.pgoutput.RollbackPrepared;
import io.walstream.pgoutput.Row;
import io.walstream.pgoutput.StreamAbort;
import io.walstream.pgoutput.StreamCommit;
import io.walstream.pgoutput.StreamPrepare;
import io.walstream.pgoutput.StreamStart;
import io.walstream.pgoutput.StreamStop;
import io.walstream.pgoutput.Truncate;
import io.walstream.pgoutput.Update;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A consumer-independent picture of what a slot delivered: one line per transaction (or non-transactional
 * message), in the order its commit-like message arrived, e.g. {@code REGULAR [I t 1 one 10, U t 1 uno 11]}.
 * The message-level consumers (pull, push, publisher, raw) feed it message by message and it assembles the
 * transactions itself — stream blocks by xid, subtransaction and top-level aborts — independently of the
 * library's {@code TransactionAssembler}; transaction mode formats its {@link Transaction}s directly. Changes are
 * formatted for tables with the columns {@code id bigint/int, name text, amount bigint}.
 */
final class TxTrace {

    private record Change(int subxid, String text) {
    }

    private final List<String> lines = new ArrayList<>();
    private List<Change> open;
    private String openKind;
    private final Map<Integer, List<Change>> streamed = new LinkedHashMap<>();
    private Integer block;
    /** The position each commit-like message asks to acknowledge, in arrival order. */
    private Lsn lastAck;
    private int subtransactionAborts;

    /** @return how many Stream Abort messages of a subtransaction (not the top-level xid) arrived */
    int subtransactionAborts() {
        return subtransactionAborts;
    }

    /** @return the lines so far */
    List<String> lines() {
        return lines;
    }

    /** @return the acknowledgement point of the last commit-like message, or {@code null} */
    Lsn lastAck() {
        return lastAck;
    }

    // --- the assembling, shared by the decoded and the raw feeds ------------------------------------------

    void begin(String kind) {
        assertNull(open, "Begin while a transaction is open");
        assertNull(block, "Begin inside a stream block");
        open = new ArrayList<>();
        openKind = kind;
    }

    void change(Integer streamXid, String text) {
        if (block != null) {
            assertNotNull(streamXid, "a change inside a stream block carries the streaming xid: " + text);
            streamed.get(block).add(new Change(streamXid, text));
        } else {
            assertNull(streamXid, "a change outside a stream block carries no xid: " + text);
            assertNotNull(open, "change outside any transaction: " + text);
            open.add(new Change(0, text));
        }
    }

    void nonTransactionalMessage(String text) {
        lines.add("MESSAGE " + List.of(text));
    }

    void end(String kind, Lsn ack) {
        assertNotNull(open, kind + " without its Begin");
        assertEquals(openKind, kind.startsWith("PREPARED") ? "PREPARED" : "REGULAR", "kind of the end message");
        lines.add(kind + " " + texts(open));
        open = null;
        ack(ack);
    }

    void streamStart(int xid, boolean first) {
        assertNull(block, "Stream Start inside a stream block");
        assertNull(open, "Stream Start inside a transaction");
        if (first) {
            assertFalse(streamed.containsKey(xid), "a first segment for a streaming xid seen before");
            streamed.put(xid, new ArrayList<>());
        } else {
            assertTrue(streamed.containsKey(xid), "a later segment without the first");
        }
        block = xid;
    }

    void streamStop() {
        assertNotNull(block, "Stream Stop outside a stream block");
        block = null;
    }

    void streamEnd(String kind, int xid, Lsn ack) {
        assertNull(block, kind + " inside a stream block");
        List<Change> changes = streamed.remove(xid);
        assertNotNull(changes, kind + " of an unknown streaming xid " + xid);
        lines.add(kind + " " + texts(changes));
        ack(ack);
    }

    void streamAbort(int xid, int subxid) {
        assertNull(block, "Stream Abort inside a stream block");
        List<Change> changes = streamed.get(xid);
        assertNotNull(changes, "Stream Abort of an unknown streaming xid " + xid);
        if (xid == subxid) {
            streamed.remove(xid);
        } else {
            subtransactionAborts++;
            changes.removeIf(c -> c.subxid() == subxid);
        }
    }

    void settled(String kind, Lsn ack) {
        assertNull(open, kind + " inside a transaction");
        lines.add(kind + " []");
        ack(ack);
    }

    private void ack(Lsn ack) {
        assertNotNull(ack);
        if (lastAck != null) {
            assertTrue(ack.isAfter(lastAck), "acknowledgement points grow: " + ack + " after " + lastAck);
        }
        lastAck = ack;
    }

    private static List<String> texts(List<Change> changes) {
        List<String> out = new ArrayList<>(changes.size());
        for (Change c : changes) {
            out.add(c.text());
        }
        return out;
    }

    /** @return whether nothing is open (no transaction, no streaming xid, no block) */
    boolean idle() {
        return open == null && block == null && streamed.isEmpty();
    }

    // --- decoded events -------------------------------------------------------------------------------------

    /** Feeds one decoded event (pull, push, publisher). */
    void accept(ReplicationEvent e) {
        PgOutputMessage m = e.message();
        Integer sx = m.streamXid().isPresent() ? m.streamXid().getAsInt() : null;
        if (m instanceof Begin) {
            begin("REGULAR");
        } else if (m instanceof BeginPrepare) {
            begin("PREPARED");
        } else if (m instanceof Commit c) {
            end("REGULAR", c.endLsn());
        } else if (m instanceof Prepare p) {
            end("PREPARED " + p.gid(), p.endLsn());
        } else if (m instanceof StreamStart s) {
            streamStart(s.xid(), s.firstSegment());
        } else if (m instanceof StreamStop) {
            streamStop();
        } else if (m instanceof StreamCommit sc) {
            streamEnd("STREAMED", sc.xid(), sc.endLsn());
        } else if (m instanceof StreamPrepare sp) {
            streamEnd("PREPARED " + sp.gid() + " (streamed)", sp.xid(), sp.endLsn());
        } else if (m instanceof StreamAbort a) {
            streamAbort(a.xid(), a.subxid());
        } else if (m instanceof CommitPrepared cp) {
            settled("COMMIT_PREPARED " + cp.gid(), cp.endLsn());
        } else if (m instanceof RollbackPrepared rp) {
            settled("ROLLBACK_PREPARED " + rp.gid(), rp.rollbackEndLsn());
        } else if (m instanceof LogicalMessage lm && !lm.transactional()) {
            nonTransactionalMessage(format(e));
        } else if (m instanceof Insert || m instanceof Update || m instanceof Delete || m instanceof Truncate
                || m instanceof LogicalMessage) {
            change(sx, format(e));
        }
    }

    /** @return the change as a line item: {@code I t 1 one 10}, {@code U t …}, {@code D t 1}, {@code T [oid]}, … */
    static String format(ReplicationEvent e) {
        PgOutputMessage m = e.message();
        if (m instanceof Insert) {
            return "I " + row(e.newRow());
        }
        if (m instanceof Update) {
            return "U " + row(e.newRow()) + (e.oldRow() == null ? "" : " old " + row(e.oldRow()));
        }
        if (m instanceof Delete) {
            assertTrue(e.oldRow().isKeyOnly(), "default replica identity: the key only");
            return "D " + e.oldRow().relation().name() + " " + e.oldRow().get("id").asLong();
        }
        if (m instanceof Truncate t) {
            return "T " + t.relationOids();
        }
        if (m instanceof LogicalMessage lm) {
            return "M " + (lm.transactional() ? "tx " : "nontx ") + lm.prefix() + " "
                    + new String(lm.content(), StandardCharsets.UTF_8);
        }
        throw new AssertionError("not a change: " + m.describe());
    }

    private static String row(Row r) {
        return r.relation().name() + " " + r.get("id").asLong() + " " + r.get("name").asString() + " "
                + r.get("amount").asLong();
    }

    /** Formats a whole transaction as {@link #accept} would have assembled it. */
    static String line(Transaction t) {
        List<String> changes = new ArrayList<>(t.size());
        for (ReplicationEvent e : t) {
            changes.add(format(e));
        }
        assertEquals(t.size(), changes.size(), "size() matches the iteration");
        String kind = switch (t.kind()) {
            case REGULAR, STREAMED, MESSAGE -> t.kind().name();
            case PREPARED -> "PREPARED " + t.gid() + (t.isStreamed() ? " (streamed)" : "");
            case COMMIT_PREPARED, ROLLBACK_PREPARED -> t.kind().name() + " " + t.gid();
        };
        return kind + " " + changes;
    }

    // --- raw payloads -----------------------------------------------------------------------------------------

    private final Map<Integer, String> relationNames = new HashMap<>();

    /**
     * Feeds one raw message, decoding the payload bytes with a minimal pgoutput reader of its own, and checks
     * what {@link RawEvent} says about it: the tag, the streaming xid flag and the acknowledgement point.
     */
    void acceptRaw(RawEvent r) {
        ByteBuffer b = r.payload();
        char tag = (char) (b.get() & 0xFF);
        assertEquals(tag, r.tag(), "RawEvent.tag is the payload's first byte");
        boolean changeLike = "RYIUDTM".indexOf(tag) >= 0;
        if (changeLike) {
            assertEquals(block != null, r.hasStreamXid(), "hasStreamXid for '" + tag + "' inside a block: "
                    + (block != null));
        } else {
            assertFalse(r.hasStreamXid(), "control message '" + tag + "' has no leading xid flag");
        }
        Integer sx = changeLike && r.hasStreamXid() ? b.getInt() : null;
        Lsn ack = null;
        switch (tag) {
            case 'B' -> {
                b.getLong(); // final_lsn
                b.getLong(); // commit time
                b.getInt(); // xid
                begin("REGULAR");
            }
            case 'b' -> {
                b.getLong();
                b.getLong();
                b.getLong();
                b.getInt();
                cstring(b);
                begin("PREPARED");
            }
            case 'C' -> {
                assertEquals(0, b.get(), "Commit flags");
                Lsn commit = Lsn.of(b.getLong());
                ack = Lsn.of(b.getLong());
                assertTrue(ack.isAfter(commit), "end_lsn after commit_lsn");
                end("REGULAR", ack);
            }
            case 'P', 'p' -> {
                assertEquals(0, b.get(), "Prepare flags");
                b.getLong();
                ack = Lsn.of(b.getLong());
                b.getLong();
                int xid = b.getInt();
                String gid = cstring(b);
                if (tag == 'P') {
                    end("PREPARED " + gid, ack);
                } else {
                    streamEnd("PREPARED " + gid + " (streamed)", xid, ack);
                }
            }
            case 'K' -> {
                assertEquals(0, b.get(), "Commit Prepared flags");
                b.getLong();
                ack = Lsn.of(b.getLong());
                b.getLong();
                b.getInt();
                settled("COMMIT_PREPARED " + cstring(b), ack);
            }
            case 'r' -> {
                assertEquals(0, b.get(), "Rollback Prepared flags");
                b.getLong();
                ack = Lsn.of(b.getLong());
                b.getLong();
                b.getLong();
                b.getInt();
                settled("ROLLBACK_PREPARED " + cstring(b), ack);
            }
            case 'S' -> {
                int xid = b.getInt();
                streamStart(xid, b.get() == 1);
            }
            case 'E' -> streamStop();
            case 'c' -> {
                int xid = b.getInt();
                assertEquals(0, b.get(), "Stream Commit flags");
                b.getLong();
                ack = Lsn.of(b.getLong());
                streamEnd("STREAMED", xid, ack);
            }
            case 'A' -> streamAbort(b.getInt(), b.getInt());
            case 'O', 'Y' -> {
                // origin / type: nothing to check here
            }
            case 'R' -> {
                int oid = b.getInt();
                cstring(b); // namespace
                relationNames.put(oid, cstring(b));
            }
            case 'I' -> {
                String rel = relation(b.getInt());
                assertEquals('N', (char) b.get());
                change(sx, "I " + rel + " " + String.join(" ", tuple(b)));
            }
            case 'U' -> {
                String rel = relation(b.getInt());
                char marker = (char) b.get();
                String old = "";
                if (marker == 'K' || marker == 'O') {
                    old = " old " + rel + " " + String.join(" ", tuple(b));
                    marker = (char) b.get();
                }
                assertEquals('N', marker);
                change(sx, "U " + rel + " " + String.join(" ", tuple(b)) + old);
            }
            case 'D' -> {
                String rel = relation(b.getInt());
                assertEquals('K', (char) b.get(), "default replica identity: the key only");
                change(sx, "D " + rel + " " + tuple(b).get(0));
            }
            case 'T' -> {
                int n = b.getInt();
                b.get(); // options
                List<Integer> oids = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    oids.add(b.getInt());
                }
                change(sx, "T " + oids);
            }
            case 'M' -> {
                boolean transactional = (b.get() & 1) != 0;
                b.getLong();
                String prefix = cstring(b);
                byte[] content = new byte[b.getInt()];
                b.get(content);
                String text = "M " + (transactional ? "tx " : "nontx ") + prefix + " "
                        + new String(content, StandardCharsets.UTF_8);
                if (transactional) {
                    change(sx, text);
                } else {
                    nonTransactionalMessage(text);
                }
            }
            default -> fail("unexpected pgoutput message '" + tag + "'");
        }
        assertEquals(ack, r.ackLsn(), "RawEvent.ackLsn of '" + tag + "'");
        assertEquals(ack != null, r.isCommitLike());
    }

    private String relation(int oid) {
        String name = relationNames.get(oid);
        assertNotNull(name, "a Relation message precedes the first change of relation " + oid);
        return name;
    }

    private static List<String> tuple(ByteBuffer b) {
        int n = b.getShort();
        List<String> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            char kind = (char) b.get();
            switch (kind) {
                case 'n' -> values.add("null");
                case 'u' -> values.add("unchanged");
                case 't' -> {
                    byte[] v = new byte[b.getInt()];
                    b.get(v);
                    values.add(new String(v, StandardCharsets.UTF_8));
                }
                default -> fail("unexpected column kind '" + kind + "'");
            }
        }
        return values;
    }

    private static String cstring(ByteBuffer b) {
        int start = b.position();
        while (b.get() != 0) {
            // scan to the terminator
        }
        byte[] s = new byte[b.position() - start - 1];
        b.get(start, s);
        return new String(s, StandardCharsets.UTF_8);
    }
}
