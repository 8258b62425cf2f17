package io.walstream.transport.tls;

import io.walstream.spi.ByteSink;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The encrypting write side. Small writes are coalesced into full 16 KiB records: plaintext is collected until a
 * record is full or {@link #flush()} is called, so a burst of small messages costs one record, not one each.
 * Each write is atomic: the whole call runs under the channel's send lock.
 *
 * <p><b>Thread safety:</b> safe from several threads, also while another thread reads.
 */
final class TlsByteSink implements ByteSink {

    private final TlsChannel channel;
    private final BcTlsTransport owner;
    private final byte[] pending = new byte[TlsChannel.RECORD];
    private int pendingLength;
    private byte[] scratch = new byte[0];

    TlsByteSink(TlsChannel channel, BcTlsTransport owner) {
        this.channel = channel;
        this.owner = owner;
    }

    @Override
    public void write(ByteBuffer src) throws IOException {
        channel.sendLock.lock();
        try {
            ensureOpen();
            while (src.hasRemaining()) {
                if (pendingLength == 0 && src.remaining() >= TlsChannel.RECORD) {
                    int n = TlsChannel.RECORD * Math.min(src.remaining() / TlsChannel.RECORD, 8);
                    encrypt(src, n);
                    channel.send(false);
                    continue;
                }
                int n = Math.min(src.remaining(), pending.length - pendingLength);
                src.get(pending, pendingLength, n);
                pendingLength += n;
                if (pendingLength == pending.length) {
                    seal();
                    channel.send(false);
                }
            }
        } finally {
            channel.sendLock.unlock();
        }
    }

    @Override
    public void flush() throws IOException {
        channel.sendLock.lock();
        try {
            ensureOpen();
            seal();
            channel.send(true);
        } finally {
            channel.sendLock.unlock();
        }
    }

    /** Encrypts the collected plaintext, if any. Caller holds the send lock. */
    void seal() throws IOException {
        if (pendingLength > 0) {
            channel.protocolLock.lock();
            try {
                channel.protocol.writeApplicationData(pending, 0, pendingLength);
            } finally {
                channel.protocolLock.unlock();
            }
            pendingLength = 0;
        }
    }

    private void encrypt(ByteBuffer src, int n) throws IOException {
        byte[] data;
        int off;
        if (src.hasArray()) {
            data = src.array();
            off = src.arrayOffset() + src.position();
        } else {
            if (scratch.length < n) {
                scratch = new byte[n];
            }
            src.duplicate().get(scratch, 0, n);
            data = scratch;
            off = 0;
        }
        channel.protocolLock.lock();
        try {
            channel.protocol.writeApplicationData(data, off, n);
        } finally {
            channel.protocolLock.unlock();
        }
        src.position(src.position() + n);
    }

    private void ensureOpen() throws IOException {
        if (channel.isClosed()) {
            throw new IOException("TLS transport closed");
        }
    }

    @Override
    public void close() throws IOException {
        owner.close();
    }
}
