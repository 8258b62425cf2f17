package io.walstream.pgoutput;

/**
 * PostgreSQL object ids (relation, type and other catalog OIDs) as Java values. An OID is an unsigned 32-bit
 * number; the pgoutput records keep it as the wire's {@code int}, so OIDs above 2,147,483,647 (possible after
 * OID wrap-around on a long-lived cluster) are negative there. {@link #toLong} gives the value
 * {@code SELECT oid} returns, {@link #toString(int)} its text. {@link #INVALID} (0) is {@code InvalidOid}.
 *
 * <p><b>Thread safety:</b> stateless.
 */
public final class Oids {

    /** {@code InvalidOid}: no object. */
    public static final int INVALID = 0;

    private Oids() {
    }

    /**
     * @param oid an OID as carried on the wire
     * @return the OID as a non-negative {@code long} (0 to 4,294,967,295)
     */
    public static long toLong(int oid) {
        return Integer.toUnsignedLong(oid);
    }

    /**
     * @param oid an OID as carried on the wire
     * @return its unsigned decimal text, as PostgreSQL prints it
     */
    public static String toString(int oid) {
        return Integer.toUnsignedString(oid);
    }
}
