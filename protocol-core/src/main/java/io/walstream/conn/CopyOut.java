package io.walstream.conn;

import io.walstream.ProtocolException;
import io.walstream.ServerErrorException;
import io.walstream.codec.BackendMessages;
import io.walstream.codec.Frame;
import io.walstream.codec.FrontendMessages;
import io.walstream.codec.WireReader;

/**
 * The COPY OUT sub-protocol that {@code COPY ... TO STDOUT} opens on a {@link PgConnection}: the server sends
 * CopyOutResponse, then CopyData messages, then CopyDone, CommandComplete ({@code COPY n}) and ReadyForQuery.
 * Start one with {@link PgConnection#copyOut(String)}.
 *
 * <pre>
 * 'H' | Int8 format (0 text, 1 binary) | Int16 N | Int16[N] column formats
 * 'd' | Byte[n] data            (PostgreSQL sends one row per message; the format does not require it)
 * 'c'                           CopyDone
 * 'C' | String "COPY n"         CommandComplete
 * 'Z' | Byte1 status            ReadyForQuery: the connection is usable again
 * </pre>
 *
 * <p>{@link #next} returns each CopyData frame (a zero-copy view, see {@link Frame}); ParameterStatus,
 * NoticeResponse and ErrorResponse are handled on the way by the connection's one message dispatcher, and
 * {@code null} marks the end, after ReadyForQuery. An ErrorResponse
 * (before or during the copy) is thrown as {@link ServerErrorException} after ReadyForQuery was read, so the
 * connection stays usable. {@link #close()} before the end reads and discards the rest.
 *
 * <p><b>Thread safety:</b> not thread-safe: one thread reads, as with every query on the connection.
 */
public final class CopyOut implements AutoCloseable {

    private final PgConnection connection;
    private final int format;
    private final int[] columnFormats;
    private boolean copyDone;
    private boolean finished;
    private long rowCount = -1;
    private long frames;
    private long bytes;

    private CopyOut(PgConnection connection, int format, int[] columnFormats) {
        this.connection = connection;
        this.format = format;
        this.columnFormats = columnFormats;
    }

    /** Sends the query and reads up to CopyOutResponse. */
    static CopyOut start(PgConnection connection, String sql) {
        connection.dispatcher().begin(ConnectionState.SIMPLE_QUERY, null);
        connection.send(FrontendMessages.query(sql));
        while (true) {
            Frame f = connection.next(Long.MAX_VALUE);
            switch (f.tag()) {
                case 'H': {
                    WireReader r = new WireReader(f);
                    int format = r.byte1();
                    int n = r.int16() & 0xffff;
                    if (format > 1) {
                        throw r.malformed("an overall COPY format " + format + " (0 or 1 allowed)");
                    }
                    if (r.remaining() != 2 * n) {
                        throw r.malformed(n + " column formats in " + r.remaining() + " bytes");
                    }
                    int[] formats = new int[n];
                    for (int i = 0; i < n; i++) {
                        formats[i] = r.int16();
                    }
                    connection.dispatcher().enter(ConnectionState.COPY_OUT);
                    return new CopyOut(connection, format, formats);
                }
                case 'Z':
                    throw new ProtocolException("\"" + abbreviate(sql) + "\" finished without starting COPY OUT",
                            'Z', f.streamOffset(), "", null);
                case 'G':
                case 'W':
                    throw new ProtocolException("\"" + abbreviate(sql) + "\" started " + (f.tag() == 'G'
                            ? "COPY IN" : "COPY BOTH") + " instead of COPY OUT", f.tag(), f.streamOffset(),
                            f.hexExcerpt(), null);
                default:
                    break; // RowDescription, DataRow, CommandComplete of statements before the COPY
            }
        }
    }

    private static String abbreviate(String sql) {
        return sql.length() <= 200 ? sql : sql.substring(0, 200) + "...";
    }

    /** @return the connection this copy runs on */
    public PgConnection connection() {
        return connection;
    }

    /** @return the overall format from CopyOutResponse: 0 text, 1 binary */
    public int format() {
        return format;
    }

    /** @return whether the copy is in binary format */
    public boolean isBinary() {
        return format == 1;
    }

    /** @return the number of columns CopyOutResponse announced */
    public int columnCount() {
        return columnFormats.length;
    }

    /**
     * @param index a column index
     * @return that column's format code (0 text, 1 binary)
     */
    public int columnFormat(int index) {
        return columnFormats[index];
    }

    /**
     * Returns the next CopyData frame, waiting as long as it takes.
     *
     * @return the frame, or {@code null} once the copy ended and ReadyForQuery arrived
     * @throws ServerErrorException if the server reported an error (after ReadyForQuery; the connection stays
     *         usable)
     * @throws ProtocolException for a message COPY OUT does not allow
     */
    public Frame next() {
        if (finished) {
            return null;
        }
        while (true) {
            Frame f;
            try {
                f = connection.next(Long.MAX_VALUE);
            } catch (ServerErrorException e) {
                finished = connection.dispatcher().state() == ConnectionState.READY; // held until ReadyForQuery
                throw e;
            }
            switch (f.tag()) {
                case 'd':
                    if (copyDone) {
                        throw new ProtocolException("CopyData after CopyDone in COPY OUT", 'd', f.streamOffset(),
                                f.hexExcerpt(), null);
                    }
                    frames++;
                    bytes += f.payloadLength();
                    return f;
                case 'c':
                    copyDone = true;
                    break;
                case 'C':
                    rowCount = parseRowCount(BackendMessages.commandComplete(f));
                    break;
                default: // 'Z', the only other message COPY_OUT allows
                    finished = true;
                    return null;
            }
        }
    }

    private static long parseRowCount(String tag) {
        if (tag.startsWith("COPY ")) {
            try {
                return Long.parseLong(tag.substring(5));
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }

    /** @return whether ReadyForQuery ended the copy */
    public boolean isFinished() {
        return finished;
    }

    /** @return the row count of the {@code COPY n} CommandComplete tag, or -1 before it arrived */
    public long rowCount() {
        return rowCount;
    }

    /** @return CopyData messages returned so far */
    public long frames() {
        return frames;
    }

    /** @return CopyData payload bytes returned so far */
    public long bytes() {
        return bytes;
    }

    /**
     * Reads and discards the rest of the copy, up to ReadyForQuery, so the connection can run the next query.
     * An error the server reports on the way is thrown. Idempotent.
     */
    @Override
    public void close() {
        while (next() != null) {
            // discard
        }
    }

    @Override
    public String toString() {
        return "CopyOut[" + (isBinary() ? "binary" : "text") + ", columns=" + columnFormats.length + ", frames="
                + frames + (finished ? ", finished" : "") + "]";
    }
}
