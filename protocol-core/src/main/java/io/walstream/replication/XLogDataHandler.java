package io.walstream.replication;

/**
 * Receives XLogData from {@link WalStream#drain} without any object per message: the header as primitives and
 * the WAL data as a range of the stream's read buffer.
 *
 * <p>The range is valid <em>only during the call</em>: the stream reuses that memory afterwards. Copy what you
 * keep (a pgoutput decoder such as {@link io.walstream.pgoutput.PgOutputDecoder#decode(byte[], int, int)}
 * copies what its messages hold). Never write to the array.
 *
 * <p><b>Thread safety:</b> called on the thread that calls {@link WalStream#drain}.
 */
@FunctionalInterface
public interface XLogDataHandler {

    /**
     * @param walStart the WAL position of the start of the data
     * @param walEnd the server's current end of WAL
     * @param sendTimeMicros the server's clock when it sent this, in µs since 2000-01-01 UTC
     * @param data the array holding the WAL data (a pgoutput message for logical replication); read only
     * @param offset where the data starts in {@code data}
     * @param length the data's length
     */
    void onXLogData(long walStart, long walEnd, long sendTimeMicros, byte[] data, int offset, int length);
}
