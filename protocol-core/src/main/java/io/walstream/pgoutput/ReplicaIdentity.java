package io.walstream.pgoutput;

/**
 * A relation's replica identity ({@code pg_class.relreplident}), as sent in {@link Relation}.
 *
 * <p><b>Thread safety:</b> immutable.
 */
public enum ReplicaIdentity {
    /** {@code 'd'}: the primary key, if any. */
    DEFAULT('d'),
    /** {@code 'n'}: nothing; UPDATE and DELETE carry no old tuple. */
    NOTHING('n'),
    /** {@code 'f'}: all columns; old tuples are {@code 'O'} and every column is a key column. */
    FULL('f'),
    /** {@code 'i'}: the columns of a chosen unique index. */
    INDEX('i');

    private final char code;

    ReplicaIdentity(char code) {
        this.code = code;
    }

    /** @return the wire byte: {@code 'd'}, {@code 'n'}, {@code 'f'} or {@code 'i'} */
    public char code() {
        return code;
    }

    /**
     * @param code a wire byte
     * @return the identity, or {@code null} if the byte is none of {@code d n f i}
     */
    public static ReplicaIdentity fromCode(int code) {
        switch (code) {
            case 'd':
                return DEFAULT;
            case 'n':
                return NOTHING;
            case 'f':
                return FULL;
            case 'i':
                return INDEX;
            default:
                return null;
        }
    }
}
