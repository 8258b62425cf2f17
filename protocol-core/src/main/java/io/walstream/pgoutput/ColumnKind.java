package io.walstream.pgoutput;

/**
 * How one column arrived in a {@link TupleData}.
 *
 * <p><b>Thread safety:</b> immutable.
 */
public enum ColumnKind {
    /** {@code 'n'}: SQL NULL, or a non-key placeholder in a key-only ({@code 'K'}) old tuple. */
    NULL('n'),
    /** {@code 'u'}: an unchanged TOASTed value that was not sent. Not NULL. */
    UNCHANGED_TOAST('u'),
    /** {@code 't'}: the text representation (output function), no trailing NUL. */
    TEXT('t'),
    /** {@code 'b'}: the binary representation (send function), only with {@code binary 'true'}. */
    BINARY('b');

    private final char code;

    ColumnKind(char code) {
        this.code = code;
    }

    /** @return the wire byte: {@code 'n'}, {@code 'u'}, {@code 't'} or {@code 'b'} */
    public char code() {
        return code;
    }

    /** @return whether bytes follow on the wire ({@link #TEXT} and {@link #BINARY}) */
    public boolean hasData() {
        return this == TEXT || this == BINARY;
    }

    /**
     * @param code a wire byte
     * @return the kind, or {@code null} if the byte is none of {@code n u t b}
     */
    public static ColumnKind fromCode(int code) {
        switch (code) {
            case 'n':
                return NULL;
            case 'u':
                return UNCHANGED_TOAST;
            case 't':
                return TEXT;
            case 'b':
                return BINARY;
            default:
                return null;
        }
    }
}
