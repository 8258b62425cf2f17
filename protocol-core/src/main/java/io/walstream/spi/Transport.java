package io.walstream.spi;

import java.io.Closeable;
import java.io.IOException;

/**
 * A connected duplex byte stream to one server: a {@link ByteSource}, a {@link ByteSink} and facts about the
 * connection. Made by a {@link TransportProvider}; one per connection.
 *
 * <p><b>Thread safety:</b> the accessors may be called from any thread; see {@link ByteSource} and
 * {@link ByteSink} for theirs. {@link #close()} may be called from any thread and wakes a blocked read.
 *
 * <h2>Implementing</h2>
 * You must: return the same source and sink on every call; make {@link #close()} idempotent and close both
 * (LC-01, LC-03); report the provider name and peer in {@link #info()} (LC-06).
 */
public interface Transport extends Closeable {

    /** @return the read side; the same object on every call */
    ByteSource source();

    /** @return the write side; the same object on every call */
    ByteSink sink();

    /** @return facts about this connection */
    TransportInfo info();

    /**
     * Closes the connection and both sides. Idempotent, callable from any thread.
     *
     * @throws IOException if closing failed; the transport is closed regardless
     */
    @Override
    void close() throws IOException;
}
