package io.walstream.pgoutput.types;

/**
 * The four kinds of column value a pgoutput TupleData carries.
 *
 * <p><b>Thread safety:</b> an enum; immutable.
 */
public enum ValueKind {
    /** {@code 't'}: the type's text output. */
    TEXT("text"),
    /** {@code 'b'}: the type's binary send format. */
    BINARY("binary"),
    /** {@code 'n'}: SQL NULL. */
    NULL("null"),
    /** {@code 'u'}: an unchanged TOASTed value that was not sent. */
    UNCHANGED_TOAST("unchanged-toast");

    private final String label;

    ValueKind(String label) {
        this.label = label;
    }

    /** @return the lower-case label used in messages: text, binary, null or unchanged-toast */
    public String label() {
        return label;
    }

    /**
     * @param value a column value
     * @return its kind
     */
    public static ValueKind of(ValueSource value) {
        if (value.isUnchangedToast()) {
            return UNCHANGED_TOAST;
        }
        if (value.isNull()) {
            return NULL;
        }
        return value.isBinary() ? BINARY : TEXT;
    }
}
