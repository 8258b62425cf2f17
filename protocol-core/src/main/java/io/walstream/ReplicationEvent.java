package io.walstream;

import io.walstream.pgoutput.PgOutputMessage;
import io.walstream.pgoutput.Row;

/**
 * One decoded pgoutput message with the position and server time of the XLogData that carried it.
 *
 * <p>Note that the server puts {@code 0/0} in the XLogData header of Relation, Type, and some Begin messages;
 * use the message's own LSN fields ({@code Commit.endLsn()}) to acknowledge.
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param message the decoded message
 * @param walStart the XLogData start position (may be {@code 0/0}, see above)
 * @param walEnd the server's WAL end when it sent the message
 * @param serverTimeMicros the server clock when it sent the message, µs since 2000-01-01 UTC
 * @param newRow for Insert and Update, the new row bound to its relation (columns by name); else {@code null}
 * @param oldRow for Update with an old tuple and Delete, the old (or key-only) row; else {@code null}
 */
public record ReplicationEvent(PgOutputMessage message, Lsn walStart, Lsn walEnd, long serverTimeMicros, Row newRow,
                               Row oldRow) {

    /** @return the message's canonical one-line description */
    public String describe() {
        return message.describe();
    }
}
