package io.walstream.pgoutput;

import io.walstream.Lsn;
import java.util.Objects;

/**
 * The replication origin of the current transaction: it was applied here by another node.
 *
 * <pre>
 * Byte1 'O' | Int64 origin_lsn | String origin_name (NUL-terminated)
 * </pre>
 *
 * <p>Sent right after Begin, Begin Prepare or the first Stream Start of a transaction.
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param originLsn the commit LSN on the origin server (0/0 when sent with Stream Start)
 * @param name the origin's name
 */
public record Origin(Lsn originLsn, String name) implements PgOutputMessage {

    /** The message type byte. */
    public static final char TAG = 'O';

    public Origin {
        Objects.requireNonNull(originLsn, "originLsn");
        Objects.requireNonNull(name, "name");
    }

    @Override
    public char tag() {
        return TAG;
    }

    @Override
    public String describe() {
        return "Origin originLsn=" + originLsn + " name=" + Describe.quote(name);
    }
}
