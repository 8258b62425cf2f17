package io.walstream.bench;

import io.walstream.ConnectionClosedException;
import io.walstream.codec.Frame;
import io.walstream.codec.FrameDecoder;
import io.walstream.replication.CopyBothDecoder;
import io.walstream.replication.XLogData;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Throughput of walstream's drain loop on a replication stream held in memory.
 *
 * <p>The stream is {@value #FRAMES} CopyData ({@code d}) frames, each an XLogData ({@code w}, walStart,
 * walEnd, sendTime: 25 bytes) around a {@value #PGOUTPUT_LENGTH}-byte pgoutput Insert, so every frame is
 * {@value #FRAME_LENGTH} bytes on the wire. One benchmark invocation decodes the whole stream with a fresh
 * {@link FrameDecoder}; {@link OperationsPerInvocation} makes one JMH operation one frame, so the score is
 * frames per second and {@code gc.alloc.rate.norm} (with {@code -prof gc}) is bytes allocated per frame.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(FrameDecoderBenchmark.FRAMES)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
public class FrameDecoderBenchmark {

    /** Frames in the stream. */
    static final int FRAMES = 1_000_000;
    /** Bytes of the pgoutput message inside each XLogData. */
    static final int PGOUTPUT_LENGTH = 108;
    /** Bytes of the XLogData header: 'w', walStart, walEnd, sendTime. */
    static final int XLOG_HEADER = 1 + 8 + 8 + 8;
    /** Bytes of each CopyData payload. */
    static final int COPY_DATA_LENGTH = XLOG_HEADER + PGOUTPUT_LENGTH;
    /** Bytes of each frame on the wire: tag, length, payload. */
    static final int FRAME_LENGTH = 1 + 4 + COPY_DATA_LENGTH;

    /** Microseconds from 1970-01-01 to 2000-01-01, PostgreSQL's epoch. */
    private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;
    private static final int RELATION_OID = 16_385;
    private static final String[] STATUSES = {"pending", "shipped", "on_hold"};

    private byte[] stream;

    /** Builds the stream once per fork. */
    @Setup(Level.Trial)
    public void buildStream() {
        ByteBuffer out = ByteBuffer.allocate(FRAMES * FRAME_LENGTH);
        long lsn = 0x1_6B37_4D48L;
        long sendTime = 1_750_000_000_000_000L - PG_EPOCH_MICROS;
        for (int i = 0; i < FRAMES; i++) {
            int frameStart = out.position();
            out.put((byte) 'd').putInt(4 + COPY_DATA_LENGTH);
            out.put((byte) 'w').putLong(lsn).putLong(lsn + PGOUTPUT_LENGTH).putLong(sendTime + i);
            putInsert(out, i);
            if (out.position() - frameStart != FRAME_LENGTH) {
                throw new IllegalStateException("frame " + i + " is " + (out.position() - frameStart)
                        + " bytes, expected " + FRAME_LENGTH);
            }
            lsn += PGOUTPUT_LENGTH;
        }
        stream = out.array();
    }

    /**
     * Writes a pgoutput Insert of four text columns: 'I', relation OID, 'N', column count, then per column
     * 't', Int32 length and the text.
     */
    private static void putInsert(ByteBuffer out, int row) {
        int start = out.position();
        out.put((byte) 'I').putInt(RELATION_OID).put((byte) 'N').putShort((short) 4);
        putText(out, String.format("%010d", row));                                     // id: 10
        putText(out, STATUSES[row % STATUSES.length]);                                // status: 7
        putText(out, String.format("customer%08d@store.example.com", row % 100_000_000)); // email: 34
        putText(out, String.format("2025-06-15 %02d:%02d:%02d.%06d+00", row / 3600 % 24, row / 60 % 60,
                row % 60, row % 1_000_000));                                          // updated_at: 29
        if (out.position() - start != PGOUTPUT_LENGTH) {
            throw new IllegalStateException("Insert is " + (out.position() - start) + " bytes, expected "
                    + PGOUTPUT_LENGTH);
        }
    }

    private static void putText(ByteBuffer out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.put((byte) 't').putInt(bytes.length).put(bytes);
    }

    /**
     * Frame layer only: split the stream into frames.
     *
     * @param bh sink for each frame's tag and payload length
     * @return frames decoded
     */
    @Benchmark
    public long frames(Blackhole bh) {
        FrameDecoder decoder = FrameDecoder.of(new InMemoryByteSource(stream));
        long count = 0;
        try {
            while (true) {
                Frame frame = decoder.next(Long.MAX_VALUE);
                bh.consume(frame.tag());
                bh.consume(frame.payloadLength());
                count++;
            }
        } catch (ConnectionClosedException end) {
            // the end of the stream
        }
        return check(count);
    }

    /**
     * Frame layer plus the CopyBoth layer: every frame is also decoded into an {@link XLogData}.
     *
     * @param bh sink for each replication message
     * @return frames decoded
     */
    @Benchmark
    public long framesAndXLogData(Blackhole bh) {
        FrameDecoder decoder = FrameDecoder.of(new InMemoryByteSource(stream));
        long count = 0;
        try {
            while (true) {
                Frame frame = decoder.next(Long.MAX_VALUE);
                bh.consume(CopyBothDecoder.decode(frame));
                count++;
            }
        } catch (ConnectionClosedException end) {
            // the end of the stream
        }
        return check(count);
    }

    /**
     * Frame layer through the zero-allocation cursor ({@code advance}/{@code current*}): the read chunk is reused
     * because nothing is handed out.
     *
     * @param bh sink for each tag and payload length
     * @return frames decoded
     */
    @Benchmark
    public long framesCursor(Blackhole bh) {
        FrameDecoder decoder = FrameDecoder.of(new InMemoryByteSource(stream));
        long count = 0;
        try {
            while (true) {
                bh.consume(decoder.advance(Long.MAX_VALUE));
                bh.consume(decoder.currentLength());
                count++;
            }
        } catch (ConnectionClosedException end) {
            // the end of the stream
        }
        return check(count);
    }

    private static long check(long count) {
        if (count != FRAMES) {
            throw new IllegalStateException("decoded " + count + " frames, expected " + FRAMES);
        }
        return count;
    }
}
