package io.walstream.spi;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Bytes to the server: the write side of a {@link Transport}.
 *
 * <p><b>Thread safety:</b> safe for use from several threads, including while another thread is blocked in
 * the same transport's {@link ByteSource#read}: walstream sends standby status updates from a timer while the
 * consumer thread is reading. Each {@link #write} call is atomic with respect to other writes: its bytes
 * reach the peer contiguously, in call order.
 *
 * <h2>Implementing</h2>
 * You must: take all of {@code src} (its position ends at its limit) and not keep a reference to it after
 * returning; send bytes in the order written (WR-01); let a second thread write while a read is blocked
 * (WR-02); never interleave the bytes of two concurrent writes (WR-03); accept writes of several MiB
 * (WR-04); make {@link #flush()} return only after earlier writes have been handed to the network, or throw;
 * throw an {@link IOException} for writes after close (WR-05).
 * You need not: send anything before {@link #flush()}; frame or inspect the bytes.
 */
public interface ByteSink extends Closeable {

    /**
     * Writes all remaining bytes of {@code src}, possibly buffering them until {@link #flush()}.
     *
     * @param src the bytes; its position is advanced to its limit
     * @throws IOException if the connection failed or the sink was closed
     */
    void write(ByteBuffer src) throws IOException;

    /**
     * Sends everything written so far.
     *
     * @throws IOException if the connection failed or the sink was closed
     */
    void flush() throws IOException;

    /**
     * Closes the connection. Idempotent.
     *
     * @throws IOException if closing failed; the sink is closed regardless
     */
    @Override
    void close() throws IOException;
}
