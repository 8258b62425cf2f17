package io.walstream.testkit.wire;

import io.walstream.spi.ByteSink;
import io.walstream.spi.ByteSource;
import io.walstream.spi.Transport;
import io.walstream.spi.TransportInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Transport} decorator that records every byte in both directions, in order, so a real exchange with
 * PostgreSQL can be turned into a wire fixture with {@link FixtureWriter}.
 *
 * <p><b>Thread safety:</b> as the wrapped transport; recording is synchronized, so reads and writes from two
 * threads are kept in the order they completed.
 */
public final class CapturingTransport implements Transport, ByteSource, ByteSink {

    /** One run of bytes in one direction. */
    public record Segment(Direction direction, byte[] bytes) {
    }

    private final Transport delegate;
    private final List<Segment> segments = new ArrayList<>();
    private Direction current;
    private ByteArrayOutputStream run = new ByteArrayOutputStream();

    /**
     * @param delegate the transport to record
     */
    public CapturingTransport(Transport delegate) {
        this.delegate = delegate;
    }

    @Override
    public int read(ByteBuffer dst, long timeoutNanos) throws IOException {
        int start = dst.position();
        int n = delegate.source().read(dst, timeoutNanos);
        if (n > 0) {
            ByteBuffer copy = dst.duplicate();
            copy.position(start).limit(start + n);
            byte[] b = new byte[n];
            copy.get(b);
            record(Direction.SERVER_TO_CLIENT, b);
        }
        return n;
    }

    @Override
    public void write(ByteBuffer src) throws IOException {
        ByteBuffer copy = src.duplicate();
        byte[] b = new byte[copy.remaining()];
        copy.get(b);
        delegate.sink().write(src);
        record(Direction.CLIENT_TO_SERVER, b);
    }

    @Override
    public void flush() throws IOException {
        delegate.sink().flush();
    }

    private synchronized void record(Direction d, byte[] b) {
        if (current != d && run.size() > 0) {
            segments.add(new Segment(current, run.toByteArray()));
            run = new ByteArrayOutputStream();
        }
        current = d;
        run.writeBytes(b);
    }

    /** @return the recorded runs so far, consecutive bytes of one direction merged */
    public synchronized List<Segment> segments() {
        List<Segment> out = new ArrayList<>(segments);
        if (run.size() > 0) {
            out.add(new Segment(current, run.toByteArray()));
        }
        return out;
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
        return delegate.info();
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
