package io.walstream;

import io.walstream.pgoutput.PgOutputMessage;

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
 */
public record ReplicationEvent(PgOutputMessage message, Lsn walStart, Lsn walEnd, long serverTimeMicros) {

    /** @return the message's canonical one-line description */
    public String describe() {
        return message.describe();
    }
}
