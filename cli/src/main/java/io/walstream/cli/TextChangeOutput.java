package io.walstream.cli;

import io.walstream.ReplicationEvent;
import io.walstream.Transaction;
import io.walstream.pgoutput.CachedRelation;
import io.walstream.pgoutput.ColumnValue;
import io.walstream.pgoutput.Delete;
import io.walstream.pgoutput.Insert;
import io.walstream.pgoutput.LogicalMessage;
import io.walstream.pgoutput.OldTupleKind;
import io.walstream.pgoutput.PgOutputMessage;
import io.walstream.pgoutput.RelationCache;
import io.walstream.pgoutput.Row;
import io.walstream.pgoutput.Truncate;
import io.walstream.pgoutput.Update;
import io.walstream.pgoutput.types.BuiltinTypes;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code --format text}: lines close to the {@code test_decoding} plugin's, so that pg_recvlogical users read
 * them at once:
 *
 * <pre>
 * BEGIN 771
 * table public.item: INSERT: id[int4]:1 note[text]:'it''s' body[text]:null
 * table public.item: UPDATE: old-key: id[int4]:1 new-tuple: id[int4]:2 note[text]:'x' body[text]:unchanged-toast-datum
 * table public.item: DELETE: id[int4]:2
 * table public.item, public.tag: TRUNCATE: restart_seqs cascade
 * message: transactional: 1 prefix: demo, sz: 5 content:hello
 * COMMIT 771 (at 2026-12-07T17:01:02.123456Z, lsn 0/1A2B4F0)
 * </pre>
 *
 * Type names are the server's ({@code int4}, not {@code integer}). With a change limit (the demo), the rest of a
 * large transaction is summarized in one line.
 *
 * <p><b>Thread safety:</b> used by the streaming thread only.
 */
final class TextChangeOutput implements ChangeOutput {
    private final PrintStream out;
    private final int maxChanges;
    private final boolean boundaries;
    private final int maxValueChars;

    TextChangeOutput(OutputTarget target, boolean boundaries, int maxChangesPerTransaction) {
        this(target, boundaries, maxChangesPerTransaction, Integer.MAX_VALUE);
    }

    /** With limits, for the demo: at most so many changes per transaction and characters per value. */
    TextChangeOutput(OutputTarget target, boolean boundaries, int maxChangesPerTransaction, int maxValueChars) {
        this.out = new PrintStream(target.stream(), false, StandardCharsets.UTF_8);
        this.maxChanges = maxChangesPerTransaction;
        this.boundaries = boundaries;
        this.maxValueChars = maxValueChars;
    }

    @Override
    public int write(Transaction t, RelationCache relations) {
        Transaction.Kind kind = t.kind();
        if (kind == Transaction.Kind.COMMIT_PREPARED || kind == Transaction.Kind.ROLLBACK_PREPARED) {
            out.println(kind.name().replace('_', ' ') + " '" + t.gid() + "' " + Integer.toUnsignedString(t.xid()));
            return 0;
        }
        boolean tx = boundaries && kind != Transaction.Kind.MESSAGE;
        if (tx) {
            out.println("BEGIN " + Integer.toUnsignedString(t.xid()) + (t.isStreamed() ? " (streamed)" : ""));
        }
        int written = 0;
        int shown = 0;
        for (ReplicationEvent e : t) {
            if (shown >= maxChanges) {
                written++;
                continue;
            }
            String line = line(e, relations, maxValueChars);
            if (line != null) {
                out.println(line);
                written++;
                shown++;
            }
        }
        if (written > shown) {
            out.println("... " + (written - shown) + " more changes in this transaction");
        }
        if (tx) {
            String end = kind == Transaction.Kind.PREPARED ? "PREPARE TRANSACTION '" + t.gid() + "'" : "COMMIT";
            out.println(end + " " + Integer.toUnsignedString(t.xid()) + " (at " + t.commitTime() + ", lsn "
                    + t.commitLsn() + ")");
        }
        return written;
    }

    static String line(ReplicationEvent e, RelationCache relations, int maxValueChars) {
        PgOutputMessage m = e.message();
        if (m instanceof Insert) {
            return table(e.newRow()) + ": INSERT: " + tuple(e.newRow(), maxValueChars);
        }
        if (m instanceof Update u) {
            String old = u.oldKind() == OldTupleKind.NONE ? ""
                    : (u.oldKind() == OldTupleKind.KEY ? "old-key: " : "old-tuple: ")
                            + tuple(e.oldRow(), maxValueChars) + " new-tuple: ";
            return table(e.newRow()) + ": UPDATE: " + old + tuple(e.newRow(), maxValueChars);
        }
        if (m instanceof Delete) {
            return table(e.oldRow()) + ": DELETE: "
                    + (e.oldRow() == null ? "(no-tuple-data)" : tuple(e.oldRow(), maxValueChars));
        }
        if (m instanceof Truncate t) {
            List<String> names = new ArrayList<>();
            for (int oid : t.relationOids()) {
                names.add(relations.find(oid).map(CachedRelation::qualifiedName)
                        .orElse("oid " + Integer.toUnsignedString(oid)));
            }
            String flags = ((t.options() & Truncate.OPTION_RESTART_IDENTITY) != 0 ? "restart_seqs " : "")
                    + ((t.options() & Truncate.OPTION_CASCADE) != 0 ? "cascade" : "");
            return "table " + String.join(", ", names) + ": TRUNCATE: "
                    + (flags.isEmpty() ? "(no-flags)" : flags.strip());
        }
        if (m instanceof LogicalMessage lm) {
            return "message: transactional: " + (lm.transactional() ? 1 : 0) + " prefix: " + lm.prefix() + ", sz: "
                    + lm.contentLength() + " content:" + new String(lm.content(), StandardCharsets.UTF_8);
        }
        return null;
    }

    private static String table(Row row) {
        return "table " + row.relation().qualifiedName();
    }

    private static String tuple(Row row, int maxValueChars) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < row.size(); i++) {
            ColumnValue c = row.get(i);
            if (c.isPlaceholder()) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(c.columnName()).append('[').append(c.typeName()).append("]:");
            if (c.isNull()) {
                sb.append("null");
            } else if (c.isUnchangedToast()) {
                sb.append("unchanged-toast-datum");
            } else if (c.isBinary()) {
                sb.append("\\x").append(HexFormat.of().formatHex(c.rawBytes()));
            } else if (unquoted(c.formatOid())) {
                sb.append(c.utf8Text());
            } else {
                String text = c.utf8Text();
                String shown = text.length() <= maxValueChars ? text : text.substring(0, maxValueChars);
                sb.append('\'').append(shown.replace("'", "''")).append('\'');
                if (shown.length() < text.length()) {
                    sb.append("...(").append(text.length()).append(" chars)");
                }
            }
        }
        return sb.toString();
    }

    /** test_decoding prints these types without quotes. */
    private static boolean unquoted(int oid) {
        return oid == BuiltinTypes.INT2 || oid == BuiltinTypes.INT4 || oid == BuiltinTypes.INT8
                || oid == BuiltinTypes.OID || oid == BuiltinTypes.FLOAT4 || oid == BuiltinTypes.FLOAT8
                || oid == BuiltinTypes.NUMERIC || oid == BuiltinTypes.BOOL;
    }

    @Override
    public void flush() {
        out.flush();
    }
}
