package io.walstream.pgoutput;

/**
 * PostgreSQL transaction ids as Java values. An xid ({@code TransactionId}) is an unsigned 32-bit number; the
 * pgoutput message records keep it as the wire's {@code int}, so ids above 2,147,483,647 are negative there.
 * Use {@link #toLong} for arithmetic and comparison of magnitudes, and {@link #toString(int)} to print it as
 * PostgreSQL does ({@code txid_current()}, {@code pg_stat_activity.backend_xid}). The higher-level API
 * ({@link io.walstream.TransactionInfo#xid()}, {@link io.walstream.ReplicationEvent#xid()}) already returns
 * the unsigned value as a {@code long}. {@link #INVALID} (0) is PostgreSQL's {@code InvalidTransactionId}: no
 * xid, or one the decoder did not see.
 *
 * <p><b>Thread safety:</b> stateless.
 */
public final class Xids {

    /** {@code InvalidTransactionId}: no transaction id. */
    public static final int INVALID = 0;

    private Xids() {
    }

    /**
     * @param xid an xid as carried on the wire
     * @return the xid as a non-negative {@code long} (0 to 4,294,967,295)
     */
    public static long toLong(int xid) {
        return Integer.toUnsignedLong(xid);
    }

    /**
     * @param xid an xid as carried on the wire
     * @return its unsigned decimal text, as PostgreSQL prints it
     */
    public static String toString(int xid) {
        return Integer.toUnsignedString(xid);
    }
}
