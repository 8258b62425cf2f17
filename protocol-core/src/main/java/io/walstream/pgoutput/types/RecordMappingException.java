package io.walstream.pgoutput.types;

import io.walstream.WalstreamException;

/**
 * A row could not be mapped onto a record for a structural reason: the record has a component that matches
 * no column (or several), or the record cannot be constructed. Value conversion failures are reported as
 * {@link ValueConversionException} instead. Permanent.
 *
 * <p><b>Thread safety:</b> immutable once thrown.
 */
public class RecordMappingException extends WalstreamException {
    private static final long serialVersionUID = 1L;

    public RecordMappingException(String message) {
        super(message);
    }

    public RecordMappingException(String message, Throwable cause) {
        super(message, cause);
    }
}
