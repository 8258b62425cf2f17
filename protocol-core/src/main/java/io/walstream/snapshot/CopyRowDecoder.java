package io.walstream.snapshot;

import io.walstream.pgoutput.TupleData;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Turns the CopyData payloads of one {@code COPY ... TO STDOUT} into rows laid out as pgoutput
 * {@link TupleData} ({@code 't'} columns for text format, {@code 'b'} for binary, {@code 'n'} for NULL), so that
 * snapshot rows are decoded by the same value decoders as streamed rows.
 *
 * <p>PostgreSQL sends one row per CopyData message (the binary header rides with the first row, the trailer
 * alone), but the format does not promise it: a row cut across messages is carried over to the next one.
 *
 * <p><b>Thread safety:</b> not thread-safe; one per COPY.
 */
interface CopyRowDecoder {

    /**
     * Decodes every complete row in {@code payload}, keeping an incomplete tail for the next call.
     *
     * @param payload one CopyData payload (position to limit)
     * @param rows receives each row
     * @throws io.walstream.ProtocolException if the bytes break the COPY format
     */
    void decode(ByteBuffer payload, Consumer<TupleData> rows);

    /**
     * Checks that the copy ended on a row boundary (and, for binary, with the trailer).
     *
     * @throws io.walstream.ProtocolException if it did not
     */
    void finish();
}
