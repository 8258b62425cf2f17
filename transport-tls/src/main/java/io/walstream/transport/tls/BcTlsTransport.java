package io.walstream.transport.tls;

import io.walstream.spi.ByteSink;
import io.walstream.spi.ByteSource;
import io.walstream.spi.SecureTransport;
import io.walstream.spi.TlsSession;
import io.walstream.spi.TransportInfo;
import java.io.IOException;

/**
 * A transport encrypted with BouncyCastle's TLS over another walstream transport. {@link #close()} sends
 * close_notify (if no writer is stuck on a stalled network for more than 200 ms) and then closes the wrapped
 * transport, which wakes a blocked read.
 *
 * <p><b>Thread safety:</b> as {@link io.walstream.spi.Transport}: one reader, any number of writers, close from
 * any thread.
 */
final class BcTlsTransport implements SecureTransport {

    private final TlsChannel channel;
    private final TlsByteSource source;
    private final TlsByteSink sink;
    private final TlsSession session;
    private final TransportInfo info;

    BcTlsTransport(TlsChannel channel, TlsSession session) {
        this.channel = channel;
        this.session = session;
        this.source = new TlsByteSource(channel, this);
        this.sink = new TlsByteSink(channel, this);
        TransportInfo in = channel.inner.info();
        String detail = session.protocol() + " " + session.cipherSuite();
        this.info = new TransportInfo(in.provider(), in.endpoint(), in.localAddress(), in.remoteAddress(),
                in.detail().isEmpty() ? detail : in.detail() + ", " + detail);
    }

    @Override
    public ByteSource source() {
        return source;
    }

    @Override
    public ByteSink sink() {
        return sink;
    }

    @Override
    public TransportInfo info() {
        return info;
    }

    @Override
    public TlsSession session() {
        return session;
    }

    @Override
    public void close() throws IOException {
        if (channel.isClosed()) {
            return;
        }
        synchronized (this) {
            if (channel.isClosed()) {
                return;
            }
            try {
                if (channel.trySendLock(200)) {
                    try {
                        sink.seal();
                        channel.protocolLock.lock();
                        try {
                            channel.protocol.close();
                        } finally {
                            channel.protocolLock.unlock();
                        }
                        channel.send(true);
                    } catch (IOException | RuntimeException ignored) {
                        // the peer may be gone already; closing goes on
                    } finally {
                        channel.sendLock.unlock();
                    }
                }
            } finally {
                channel.markClosed();
                channel.inner.close();
            }
        }
    }

    @Override
    public String toString() {
        return "BcTlsTransport[" + info.endpoint() + ", " + session.describe() + "]";
    }
}
