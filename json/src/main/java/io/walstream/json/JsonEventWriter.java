package io.walstream.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.walstream.Lsn;
import io.walstream.ReplicationEvent;
import io.walstream.Transaction;
import io.walstream.pgoutput.CachedRelation;
import io.walstream.pgoutput.ColumnValue;
import io.walstream.pgoutput.Commit;
import io.walstream.pgoutput.CommitPrepared;
import io.walstream.pgoutput.Delete;
import io.walstream.pgoutput.Insert;
import io.walstream.pgoutput.LogicalMessage;
import io.walstream.pgoutput.OldTupleKind;
import io.walstream.pgoutput.PgOutputMessage;
import io.walstream.pgoutput.RelationCache;
import io.walstream.pgoutput.RollbackPrepared;
import io.walstream.pgoutput.Row;
import io.walstream.pgoutput.Truncate;
import io.walstream.pgoutput.Update;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes change events as JSON lines, one object per line, in the shape documented in {@code docs/json.md}:
 *
 * <pre>{@code
 * {"op":"update","schema":"public","table":"item","lsn":"0/1A2B3C8","xid":771,"commit_lsn":"0/1A2B4F0",
 *  "commit_time":"2026-12-07T17:01:02.123456Z","key":["id"],"columns":{"id":1,"note":null},
 *  "unchanged_toast":["body"],"old":{"id":1},"old_kind":"key"}
 * }</pre>
 *
 * Ops: {@code insert}, {@code update}, {@code delete}, {@code truncate} (one object per truncated table),
 * {@code message}, and with {@link #writeTransaction(Transaction, RelationCache, boolean) boundaries}
 * {@code begin} and {@code commit} (also {@code prepare}, {@code commit_prepared}, {@code rollback_prepared}).
 *
 * <p><b>Thread safety:</b> not thread-safe; one writer per output, used by one thread at a time.
 */
public final class JsonEventWriter implements Closeable, Flushable {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private final JsonGenerator g;

    /**
     * Writes UTF-8 to {@code out}; {@link #close()} does not close {@code out}.
     *
     * @param out the destination
     */
    public JsonEventWriter(OutputStream out) {
        Objects.requireNonNull(out, "out");
        try {
            g = FACTORY.createGenerator(out, JsonEncoding.UTF8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        g.setRootValueSeparator(null);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    /**
     * Writes every change of a whole transaction, and optionally its begin and end objects.
     *
     * @param transaction the transaction
     * @param relations the relations of the stream's session, to name truncated tables
     * @param boundaries whether to write {@code begin} and {@code commit} (or prepare…) objects
     * @return the number of change objects written (boundaries not counted)
     * @throws UncheckedIOException if the output fails
     */
    public int writeTransaction(Transaction transaction, RelationCache relations, boolean boundaries) {
        CommitInfo tx = CommitInfo.of(transaction);
        Transaction.Kind kind = transaction.kind();
        boolean hasBoundaries = boundaries && kind != Transaction.Kind.MESSAGE;
        if (kind == Transaction.Kind.COMMIT_PREPARED || kind == Transaction.Kind.ROLLBACK_PREPARED) {
            writeEnd(transaction, tx); // settles a prepared transaction: always written, it carries state
            return 0;
        }
        if (hasBoundaries) {
            writeBegin(tx, transaction.size());
        }
        int written = 0;
        for (ReplicationEvent event : transaction) {
            written += writeChange(event, tx, relations);
        }
        if (hasBoundaries) {
            writeEnd(transaction, tx);
        }
        return written;
    }

    /**
     * Writes one change: an insert, update or delete (one object), a truncate (one object per table) or a
     * logical message (one object). Other messages (begin, commit, relation…) write nothing.
     *
     * @param event the event with its bound rows
     * @param tx its transaction's context
     * @param relations the session's relations, to name truncated tables
     * @return the number of objects written
     * @throws UncheckedIOException if the output fails
     */
    public int writeChange(ReplicationEvent event, CommitInfo tx, RelationCache relations) {
        try {
            PgOutputMessage m = event.message();
            if (m instanceof Insert) {
                row("insert", event, tx, event.newRow(), null, null);
            } else if (m instanceof Update u) {
                row("update", event, tx, event.newRow(), event.oldRow(), u.oldKind());
            } else if (m instanceof Delete d) {
                row("delete", event, tx, null, event.oldRow(), d.oldKind());
            } else if (m instanceof Truncate t) {
                for (int oid : t.relationOids()) {
                    truncate(event, tx, t, relations.find(oid).orElse(null), oid);
                }
                return t.relationOids().size();
            } else if (m instanceof LogicalMessage lm) {
                message(event, tx, lm);
            } else {
                return 0;
            }
            return 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a {@code begin} object.
     *
     * @param tx the transaction
     * @param changes how many changes it holds (as the stream counts them), or {@code -1} if unknown
     */
    public void writeBegin(CommitInfo tx, int changes) {
        try {
            g.writeStartObject();
            g.writeStringField("op", "begin");
            context(tx);
            if (tx.streamed()) {
                g.writeBooleanField("streamed", true);
            }
            if (changes >= 0) {
                g.writeNumberField("changes", changes);
            }
            end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeEnd(Transaction transaction, CommitInfo tx) {
        try {
            g.writeStartObject();
            PgOutputMessage end = transaction.endMessage();
            String op = switch (transaction.kind()) {
                case PREPARED -> "prepare";
                case COMMIT_PREPARED -> "commit_prepared";
                case ROLLBACK_PREPARED -> "rollback_prepared";
                default -> "commit";
            };
            g.writeStringField("op", op);
            context(tx);
            Lsn endLsn = tx.endLsn();
            if (end instanceof RollbackPrepared rp) {
                endLsn = rp.rollbackEndLsn();
            } else if (end instanceof CommitPrepared cp) {
                endLsn = cp.endLsn();
            } else if (end instanceof Commit c) {
                endLsn = c.endLsn();
            }
            lsnField("end_lsn", endLsn);
            end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void row(String op, ReplicationEvent event, CommitInfo tx, Row newRow, Row oldRow, OldTupleKind oldKind)
            throws IOException {
        Row any = newRow != null ? newRow : oldRow;
        CachedRelation relation = any.relation();
        g.writeStartObject();
        g.writeStringField("op", op);
        g.writeStringField("schema", relation.namespace());
        g.writeStringField("table", relation.name());
        lsnField("lsn", event.walStart());
        context(tx);
        g.writeArrayFieldStart("key");
        for (int i = 0; i < relation.columnCount(); i++) {
            if (relation.column(i).isKey()) {
                g.writeString(relation.column(i).name());
            }
        }
        g.writeEndArray();
        if (newRow != null) {
            List<String> unchanged = new ArrayList<>();
            g.writeObjectFieldStart("columns");
            columns(newRow, unchanged);
            g.writeEndObject();
            if (!op.equals("insert")) {
                g.writeArrayFieldStart("unchanged_toast");
                for (String name : unchanged) {
                    g.writeString(name);
                }
                g.writeEndArray();
            }
        }
        if (oldRow != null) {
            g.writeObjectFieldStart("old");
            columns(oldRow, new ArrayList<>());
            g.writeEndObject();
            g.writeStringField("old_kind", oldKind == OldTupleKind.OLD ? "row" : "key");
        }
        end();
    }

    /** Writes the columns that carry a value (or NULL); unchanged TOAST goes to {@code unchanged}. */
    private void columns(Row row, List<String> unchanged) throws IOException {
        for (int i = 0; i < row.size(); i++) {
            ColumnValue c = row.get(i);
            if (c.isPlaceholder()) {
                continue; // a key-only old row: not part of the key, value not sent
            }
            if (c.isUnchangedToast()) {
                unchanged.add(c.columnName());
                continue;
            }
            g.writeFieldName(c.columnName());
            ColumnJson.write(g, c);
        }
    }

    private void truncate(ReplicationEvent event, CommitInfo tx, Truncate t, CachedRelation relation, int oid)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("op", "truncate");
        if (relation != null) {
            g.writeStringField("schema", relation.namespace());
            g.writeStringField("table", relation.name());
        } else {
            g.writeNumberField("relation_oid", Integer.toUnsignedLong(oid));
        }
        lsnField("lsn", event.walStart());
        context(tx);
        g.writeBooleanField("cascade", (t.options() & Truncate.OPTION_CASCADE) != 0);
        g.writeBooleanField("restart_identity", (t.options() & Truncate.OPTION_RESTART_IDENTITY) != 0);
        end();
    }

    private void message(ReplicationEvent event, CommitInfo tx, LogicalMessage m) throws IOException {
        g.writeStartObject();
        g.writeStringField("op", "message");
        lsnField("lsn", m.lsn().isValid() ? m.lsn() : event.walStart());
        context(tx);
        g.writeBooleanField("transactional", m.transactional());
        g.writeStringField("prefix", m.prefix());
        String text = strictUtf8(m.content());
        if (text != null) {
            g.writeStringField("content", text);
        } else {
            g.writeStringField("content_hex", Hex.of(m.content()));
        }
        end();
    }

    private void context(CommitInfo tx) throws IOException {
        if (tx.xid() != 0) {
            g.writeNumberField("xid", tx.xid());
        } else {
            g.writeNullField("xid");
        }
        lsnField("commit_lsn", tx.commitLsn());
        Instant t = tx.commitTime();
        if (t != null) {
            g.writeStringField("commit_time", DateTimeFormatter.ISO_INSTANT.format(t));
        } else {
            g.writeNullField("commit_time");
        }
        if (tx.gid() != null) {
            g.writeStringField("gid", tx.gid());
        }
    }

    private void lsnField(String name, Lsn lsn) throws IOException {
        if (lsn != null && lsn.isValid()) {
            g.writeStringField(name, lsn.toString());
        } else {
            g.writeNullField(name);
        }
    }

    private void end() throws IOException {
        g.writeEndObject();
        g.writeRaw('\n');
    }

    private static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * Flushes buffered output to the stream and flushes the stream.
     *
     * @throws UncheckedIOException if the output fails
     */
    @Override
    public void flush() {
        try {
            g.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Flushes and releases the generator; the underlying stream stays open. */
    @Override
    public void close() {
        try {
            g.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
