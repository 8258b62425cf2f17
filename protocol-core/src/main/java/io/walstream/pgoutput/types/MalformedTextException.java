package io.walstream.pgoutput.types;

/**
 * A text value whose bytes are not valid UTF-8, refused under strict UTF-8 decoding
 * ({@code ReplicationConfig.Builder.strictUtf8(true)}, {@link io.walstream.pgoutput.Utf8Policy#strict()}):
 * names the column and the byte offset of the first malformed sequence within the value.
 *
 * <p><b>Thread safety:</b> immutable.
 */
public final class MalformedTextException extends ValueConversionException {
    private static final long serialVersionUID = 1L;

    private final int offset;

    /**
     * @param value the column value
     * @param offset the byte offset of the first malformed sequence in the value
     */
    public MalformedTextException(ValueSource value, int offset) {
        super(value, String.class, "invalid UTF-8 at byte offset " + offset + " of the value (strict UTF-8 is on; "
                + "the server's client_encoding is UTF8, so the stored text itself is malformed)", null);
        this.offset = offset;
    }

    /** @return the byte offset of the first malformed sequence within the value */
    public int offset() {
        return offset;
    }
}
