package io.walstream.transport.tls;

import io.walstream.spi.Transport;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.bouncycastle.tls.TlsClientProtocol;

/**
 * One BouncyCastle {@link TlsClientProtocol} in non-blocking mode over a wrapped {@link Transport}: network
 * bytes go in with {@code offerInput}, records come out with {@code readOutput}, plaintext with
 * {@code readInput}/{@code writeApplicationData}. It never knows which transport it wraps.
 *
 * <p>Two locks. {@code protocolLock} guards every call into the protocol object (which is not thread-safe) and
 * is held only for those calls, never while waiting on the network. {@code sendLock} serialises taking records
 * out of the protocol and handing them to the wrapped sink, so records from the reader thread (a TLS 1.3
 * KeyUpdate answer) and from writer threads (application data, close_notify) reach the network whole and in
 * sequence-number order. Order: {@code sendLock} before {@code protocolLock}.
 *
 * <p><b>Thread safety:</b> as described; one reader thread, any number of writer threads.
 */
final class TlsChannel {

    /** Plaintext bytes per TLS record (the protocol maximum). */
    static final int RECORD = 16 * 1024;

    final TlsClientProtocol protocol;
    final Transport inner;
    final ReentrantLock protocolLock = new ReentrantLock();
    final ReentrantLock sendLock = new ReentrantLock();
    private final byte[] netIn = new byte[64 * 1024];
    private final ByteBuffer netInBuffer = ByteBuffer.wrap(netIn);
    private byte[] netOut = new byte[RECORD + 512];
    /** TLS record header: type, version, length. */
    private static final int HEADER = 5;
    /** A record being assembled across reads; the largest legal TLS ciphertext record is 2^14 + 2048 bytes. */
    private final byte[] partial = new byte[HEADER + RECORD + 2048];
    private int partialLength;
    private volatile boolean closed;
    private boolean peerClosed;

    TlsChannel(TlsClientProtocol protocol, Transport inner) {
        this.protocol = protocol;
        this.inner = inner;
    }

    boolean isClosed() {
        return closed;
    }

    void markClosed() {
        closed = true;
    }

    /** @return whether the peer ended the stream (close_notify or end of the wrapped stream) */
    boolean peerClosed() {
        return peerClosed;
    }

    /**
     * Reads once from the wrapped source, waiting at most {@code timeoutNanos}, and offers what came to the
     * protocol; then sends and flushes any records the protocol produced in answer.
     *
     * @return the bytes read from the network, 0 on time-out, -1 at end of stream
     */
    int pump(long timeoutNanos) throws IOException {
        netInBuffer.clear();
        int r;
        try {
            r = inner.source().read(netInBuffer, timeoutNanos);
        } catch (IOException e) {
            if (closed) {
                throw new IOException("TLS transport closed", e);
            }
            throw e;
        }
        if (r < 0) {
            peerClosed = true;
            return -1;
        }
        if (r == 0) {
            return 0;
        }
        protocolLock.lock();
        try {
            offerRecords(r);
            if (protocol.isClosed()) {
                peerClosed = true;
            }
        } finally {
            protocolLock.unlock();
        }
        if (pendingOutput() > 0) {
            // handshake messages (a second ClientHello after HelloRetryRequest), KeyUpdate answers, alerts: the
            // peer waits for them, so they are flushed, not left in a transport that sends only on flush
            send(true);
        }
        return r;
    }

    /**
     * Offers the {@code n} bytes in {@code netIn} one whole TLS record at a time: BouncyCastle decrypts a record
     * offered whole straight from the caller's array, while a partial one goes through its input queue (one more
     * copy of every byte). The tail of a record split across reads waits in {@code partial}. Caller holds
     * {@code protocolLock}.
     */
    private void offerRecords(int n) throws IOException {
        int off = 0;
        while (off < n && !protocol.isClosed()) {
            if (partialLength > 0 || n - off < HEADER) {
                off += fillPartial(off, n);
                continue;
            }
            int record = HEADER + (((netIn[off + 3] & 0xff) << 8) | (netIn[off + 4] & 0xff));
            if (record <= n - off) {
                protocol.offerInput(netIn, off, record);
                off += record;
            } else {
                off += fillPartial(off, n);
            }
        }
    }

    /** Copies bytes of the record being assembled; offers it once complete. @return the bytes taken */
    private int fillPartial(int off, int n) throws IOException {
        int take;
        if (partialLength < HEADER) {
            take = Math.min(HEADER - partialLength, n - off);
        } else {
            int record = HEADER + (((partial[3] & 0xff) << 8) | (partial[4] & 0xff));
            if (record > partial.length) {
                // larger than any legal record: let the protocol see it and fail with its own alert
                protocol.offerInput(partial, 0, partialLength);
                partialLength = 0;
                protocol.offerInput(netIn, off, n - off);
                return n - off;
            }
            take = Math.min(record - partialLength, n - off);
        }
        System.arraycopy(netIn, off, partial, partialLength, take);
        partialLength += take;
        if (partialLength >= HEADER) {
            int record = HEADER + (((partial[3] & 0xff) << 8) | (partial[4] & 0xff));
            if (partialLength == record) {
                partialLength = 0;
                protocol.offerInput(partial, 0, record);
            }
        }
        return take;
    }

    int pendingOutput() {
        protocolLock.lock();
        try {
            return protocol.getAvailableOutputBytes();
        } finally {
            protocolLock.unlock();
        }
    }

    /**
     * Moves every record the protocol has produced to the wrapped sink, then flushes it if asked. Takes
     * {@code sendLock}; callers that already hold it pass through.
     */
    void send(boolean flush) throws IOException {
        sendLock.lock();
        try {
            while (true) {
                int n;
                protocolLock.lock();
                try {
                    int available = protocol.getAvailableOutputBytes();
                    if (available == 0) {
                        break;
                    }
                    if (netOut.length < Math.min(available, 256 * 1024)) {
                        netOut = new byte[Math.min(available, 256 * 1024)];
                    }
                    n = protocol.readOutput(netOut, 0, Math.min(available, netOut.length));
                } finally {
                    protocolLock.unlock();
                }
                inner.sink().write(ByteBuffer.wrap(netOut, 0, n));
            }
            if (flush) {
                inner.sink().flush();
            }
        } finally {
            sendLock.unlock();
        }
    }

    /** Waits for {@code sendLock} at most {@code millis}, for close(), which must not hang on a stalled writer. */
    boolean trySendLock(long millis) {
        try {
            return sendLock.tryLock(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static IOException interrupted() {
        Thread.currentThread().interrupt();
        return new InterruptedIOException("interrupted");
    }
}
