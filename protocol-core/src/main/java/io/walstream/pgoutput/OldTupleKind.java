package io.walstream.pgoutput;

/**
 * Which old tuple an {@link Update} or {@link Delete} carries.
 *
 * <p><b>Thread safety:</b> immutable.
 */
public enum OldTupleKind {
    /** No old tuple (UPDATE only: the key did not change, or the identity is NOTHING). */
    NONE((char) 0),
    /**
     * {@code 'K'}: only the replica-identity columns; every other column is an {@code 'n'} placeholder that
     * does <em>not</em> mean NULL.
     */
    KEY('K'),
    /** {@code 'O'}: the whole old row (REPLICA IDENTITY FULL). */
    OLD('O');

    private final char code;

    OldTupleKind(char code) {
        this.code = code;
    }

    /** @return the wire byte {@code 'K'} or {@code 'O'}, or 0 for {@link #NONE} */
    public char code() {
        return code;
    }
}
