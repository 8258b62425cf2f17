package io.walstream.pgoutput;

import java.util.OptionalInt;

/**
 * One pgoutput message: the payload of one XLogData, decoded by {@link PgOutputDecoder}.
 *
 * <pre>
 * Byte1 type | body (layout per type, see each record)      no length field: the XLogData ends the message
 * </pre>
 *
 * <p>Every record carries every field of its message. The changes {@link Relation}, {@link Type},
 * {@link Insert}, {@link Update}, {@link Delete}, {@link Truncate} and {@link LogicalMessage} have a
 * {@link #streamXid()} that is present exactly when they arrived inside a Stream Start … Stream Stop block.
 * See <a href="https://www.postgresql.org/docs/current/protocol-logicalrep-message-formats.html">Logical
 * Replication Message Formats</a>.
 *
 * <p><b>Thread safety:</b> every implementation is immutable.
 */
public sealed interface PgOutputMessage permits Begin, Commit, Origin, Relation, Type, Insert, Update, Delete,
        Truncate, LogicalMessage, StreamStart, StreamStop, StreamCommit, StreamAbort, BeginPrepare, Prepare,
        CommitPrepared, RollbackPrepared, StreamPrepare, UnknownMessage {

    /** @return the message type byte, e.g. {@code 'B'} */
    char tag();

    /**
     * @return the (sub)transaction xid that prefixes a change sent inside a stream block, empty outside one
     *         and for messages that never carry it
     */
    default OptionalInt streamXid() {
        return OptionalInt.empty();
    }

    /**
     * @return the canonical one-line description used in golden files, e.g.
     *         {@code Insert rel=16384 new=(t'42',n,u)}; stable across releases, unlike {@code toString()}
     */
    String describe();
}
