package io.walstream.transport.tls;

import io.walstream.spi.ByteSource;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The decrypting read side: returns plaintext already decrypted by the protocol, else reads once more from the
 * wrapped source (within the caller's deadline), offers it, and tries again. A deadline that passes in the
 * middle of a record returns 0; the partial record stays in the protocol for the next call.
 *
 * <p><b>Thread safety:</b> one reader thread; {@link #close()} from any thread wakes it (through the wrapped
 * transport).
 */
final class TlsByteSource implements ByteSource {

    private final TlsChannel channel;
    private final BcTlsTransport owner;

    TlsByteSource(TlsChannel channel, BcTlsTransport owner) {
        this.channel = channel;
        this.owner = owner;
    }

    @Override
    public int read(ByteBuffer dst, long timeoutNanos) throws IOException {
        if (!dst.hasRemaining()) {
            throw new IllegalArgumentException("dst has no remaining space");
        }
        long deadline = timeoutNanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + Math.max(0, timeoutNanos);
        boolean first = true;
        while (true) {
            if (channel.isClosed()) {
                throw new IOException("TLS transport closed");
            }
            channel.protocolLock.lock();
            try {
                int available = channel.protocol.applicationDataAvailable();
                if (available > 0) {
                    return channel.protocol.readInput(dst, Math.min(available, dst.remaining()));
                }
            } finally {
                channel.protocolLock.unlock();
            }
            if (channel.peerClosed()) {
                return -1;
            }
            long wait = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
            if (wait <= 0 && !first) {
                return 0;
            }
            first = false;
            int r = channel.pump(Math.max(0, wait));
            if (r == 0 && deadline != Long.MAX_VALUE && deadline - System.nanoTime() <= 0) {
                return 0;
            }
        }
    }

    @Override
    public void close() throws IOException {
        owner.close();
    }
}
