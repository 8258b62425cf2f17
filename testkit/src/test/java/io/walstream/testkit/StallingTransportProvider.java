package io.walstream.testkit;

import io.walstream.spi.ByteSink;
import io.walstream.spi.ByteSource;
import io.walstream.spi.Endpoint;
import io.walstream.spi.Transport;
import io.walstream.spi.TransportInfo;
import io.walstream.spi.TransportOptions;
import io.walstream.spi.TransportProvider;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;

/**
 * The plain reference transport, except that once {@link #stall()} was called every write blocks until
 * {@link #release()}: a peer that stopped reading, without waiting for kernel buffers to fill. Selected only by
 * name ({@code "stalling"}); its negative priority keeps it out of automatic selection.
 */
public final class StallingTransportProvider implements TransportProvider {

    private static volatile CountDownLatch stalled;

    /** Found by {@link java.util.ServiceLoader}. */
    public StallingTransportProvider() {
    }

    /** From now on, writes on every stalling transport block until {@link #release()}. */
    public static void stall() {
        stalled = new CountDownLatch(1);
    }

    /** Writes go through again. */
    public static void release() {
        CountDownLatch l = stalled;
        stalled = null;
        if (l != null) {
            l.countDown();
        }
    }

    @Override
    public String name() {
        return "stalling";
    }

    @Override
    public int priority() {
        return -100;
    }

    @Override
    public Transport connect(Endpoint endpoint, TransportOptions options) throws IOException {
        Transport plain = new PlainSocketTransportProvider().connect(endpoint, options);
        ByteSink sink = new ByteSink() {
            @Override
            public void write(ByteBuffer src) throws IOException {
                CountDownLatch l = stalled;
                if (l != null) {
                    try {
                        l.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted while stalled");
                    }
                }
                plain.sink().write(src);
            }

            @Override
            public void flush() throws IOException {
                plain.sink().flush();
            }

            @Override
            public void close() throws IOException {
                plain.close();
            }
        };
        return new Transport() {
            @Override
            public ByteSource source() {
                return plain.source();
            }

            @Override
            public ByteSink sink() {
                return sink;
            }

            @Override
            public TransportInfo info() {
                return plain.info();
            }

            @Override
            public void close() throws IOException {
                plain.close();
            }
        };
    }
}
