package io.walstream.testkit;

import io.walstream.spi.ByteSink;
import io.walstream.spi.ByteSource;
import io.walstream.spi.Endpoint;
import io.walstream.spi.Transport;
import io.walstream.spi.TransportInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/** The reference transport: blocking socket streams, SO_TIMEOUT for deadlines. */
class PlainSocketTransport implements Transport, ByteSource, ByteSink {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final TransportInfo info;
    private final Object writeLock = new Object();
    private final byte[] scratch = new byte[64 * 1024];
    private volatile boolean closed;

    PlainSocketTransport(Socket socket, Endpoint endpoint) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.info = new TransportInfo("plain-socket", endpoint, socket.getLocalSocketAddress(),
                socket.getRemoteSocketAddress(), "");
    }

    @Override
    public int read(ByteBuffer dst, long timeoutNanos) throws IOException {
        if (closed) {
            return -1;
        }
        int max = Math.min(dst.remaining(), scratch.length);
        try {
            if (timeoutNanos <= 0) {
                if (in.available() == 0) {
                    return 0;
                }
                socket.setSoTimeout(1);
            } else if (timeoutNanos == Long.MAX_VALUE) {
                socket.setSoTimeout(0);
            } else {
                socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE,
                        Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeoutNanos + 999_999))));
            }
            int n = in.read(scratch, 0, max);
            if (n > 0) {
                dst.put(scratch, 0, n);
            }
            return n;
        } catch (SocketTimeoutException e) {
            return 0;
        } catch (SocketException e) {
            if (closed) {
                return -1;
            }
            throw e;
        }
    }

    @Override
    public void write(ByteBuffer src) throws IOException {
        byte[] copy = new byte[src.remaining()];
        src.get(copy);
        synchronized (writeLock) {
            if (closed) {
                throw new IOException("plain-socket: closed");
            }
            out.write(copy);
        }
    }

    @Override
    public void flush() throws IOException {
        synchronized (writeLock) {
            if (closed) {
                throw new IOException("plain-socket: closed");
            }
            out.flush();
        }
    }

    @Override
    public ByteSource source() {
        return this;
    }

    @Override
    public ByteSink sink() {
        return this;
    }

    @Override
    public TransportInfo info() {
        return info;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        socket.close();
    }
}
