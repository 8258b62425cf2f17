package io.walstream.transport.nio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Socket reads and writes that hand the JDK at most {@value #MAX_HEAP_CHUNK} bytes of a heap buffer per call.
 *
 * <p>The JDK copies a heap buffer through a temporary direct buffer as large as the buffer's remaining bytes
 * and keeps it cached per thread, so one 64 MiB write would pin 64 MiB of native memory in the writing
 * thread. Capping the chunk bounds that cache, and keeps a warmed-up read free of allocation. The cap works
 * by moving the buffer's limit and restoring it, so it allocates nothing. Direct buffers go through whole.
 *
 * <p><b>Thread safety:</b> stateless; the caller owns the buffer during the call.
 */
final class ChunkedIo {

    /** The most bytes of a heap buffer passed to one socket call: larger than typical socket buffers. */
    static final int MAX_HEAP_CHUNK = 256 * 1024;

    private ChunkedIo() {
    }

    /**
     * @param channel a non-blocking channel
     * @param dst the buffer to fill from its position
     * @return the bytes read, 0 if none are available, -1 at end of stream
     * @throws IOException as {@link SocketChannel#read(ByteBuffer)}
     */
    static int read(SocketChannel channel, ByteBuffer dst) throws IOException {
        int limit = dst.limit();
        if (dst.isDirect() || limit - dst.position() <= MAX_HEAP_CHUNK) {
            return channel.read(dst);
        }
        dst.limit(dst.position() + MAX_HEAP_CHUNK);
        try {
            return channel.read(dst);
        } finally {
            dst.limit(limit);
        }
    }

    /**
     * @param channel a non-blocking channel
     * @param src the bytes to send from its position
     * @return the bytes written, possibly 0
     * @throws IOException as {@link SocketChannel#write(ByteBuffer)}
     */
    static int write(SocketChannel channel, ByteBuffer src) throws IOException {
        int limit = src.limit();
        if (src.isDirect() || limit - src.position() <= MAX_HEAP_CHUNK) {
            return channel.write(src);
        }
        src.limit(src.position() + MAX_HEAP_CHUNK);
        try {
            return channel.write(src);
        } finally {
            src.limit(limit);
        }
    }
}
