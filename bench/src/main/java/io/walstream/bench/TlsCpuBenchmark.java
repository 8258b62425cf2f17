package io.walstream.bench;

import io.walstream.ConnectionClosedException;
import io.walstream.codec.Frame;
import io.walstream.codec.FrameDecoder;
import io.walstream.replication.CopyBothDecoder;
import io.walstream.spi.Endpoint;
import io.walstream.spi.TlsParameters;
import io.walstream.spi.Transport;
import io.walstream.spi.TransportLayer;
import io.walstream.spi.TransportOptions;
import io.walstream.testkit.postgres.TestPki;
import io.walstream.transport.nio.NioTransportProvider;
import io.walstream.transport.tls.BcTlsLayer;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.SSLSocket;

/**
 * Client CPU per message for the same replication stream over plain TCP and over TLS, through the same transport
 * (nio, whose reads run on the calling thread, so the reader thread's CPU time is the client's whole cost), on
 * loopback. The server side is a thread writing a prepared stream of {@value #FRAMES} CopyData frames (XLogData
 * around a 108-byte pgoutput Insert, 138 bytes per frame), in plain text or through the JDK's TLS; its CPU is not
 * counted. The client reads every frame with {@link FrameDecoder} and decodes its XLogData.
 *
 * <p>Not a JMH benchmark: JMH measures wall time, which on a shared machine mixes in the server thread. Run with
 * {@code java -cp bench/target/benchmarks.jar io.walstream.bench.TlsCpuBenchmark [rounds]}; it prints the median
 * nanoseconds of reader-thread CPU per message for {@code plain}, {@code tls-jca} and {@code tls-bc} (BouncyCastle's
 * two crypto back ends, selected with {@code -Dwalstream.tls.crypto}) and the ratios to plain (to the first mode;
 * {@code -Dwalstream.bench.modes=plain,tls-jca} runs only those).
 */
public final class TlsCpuBenchmark {

    static final int FRAMES = 1_000_000;
    private static final int PGOUTPUT_LENGTH = 108;
    private static final int FRAME_LENGTH = 1 + 4 + 25 + PGOUTPUT_LENGTH;

    private static final java.util.Set<String> DESCRIBED = new java.util.HashSet<>();

    private TlsCpuBenchmark() {
    }

    /**
     * @param args optional: the number of measured rounds per mode (default 5; two warm-up rounds precede them)
     * @throws Exception if a round fails
     */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        byte[] stream = stream();
        String[] modes = System.getProperty("walstream.bench.modes", "plain,tls-jca,tls-bc").split(",");
        double[] medians = new double[modes.length];
        for (int m = 0; m < modes.length; m++) {
            List<Double> perMessage = new ArrayList<>();
            for (int r = 0; r < rounds + 2; r++) {
                double ns = round(modes[m], stream);
                if (r >= 2) {
                    perMessage.add(ns);
                }
            }
            Collections.sort(perMessage);
            medians[m] = perMessage.get(perMessage.size() / 2);
            System.out.printf("%-8s median %.1f ns CPU/message (rounds: %s)%n", modes[m], medians[m], perMessage);
        }
        for (int m = 1; m < modes.length; m++) {
            System.out.printf("%s / plain = %.2fx%n", modes[m], medians[m] / medians[0]);
        }
    }

    private static double round(String mode, byte[] stream) throws Exception {
        boolean tls = !"plain".equals(mode);
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread writer = new Thread(() -> serve(server, stream, tls), "bench-server");
            writer.setDaemon(true);
            writer.start();
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            long cpu0 = mx.getCurrentThreadCpuTime();
            Transport t = new NioTransportProvider().connect(Endpoint.of("127.0.0.1", server.getLocalPort()),
                    TransportOptions.defaults());
            if (tls) {
                System.setProperty("walstream.tls.crypto", mode.substring(4));
                TransportLayer layer = new BcTlsLayer();
                io.walstream.spi.SecureTransport secure = layer.wrap(t, TlsParameters.builder("localhost").build(),
                        10_000_000_000L);
                if (DESCRIBED.add(mode)) {
                    System.out.println(mode + ": " + secure.session().describe());
                }
                t = secure;
            }
            long frames = 0;
            try (Transport transport = t) {
                FrameDecoder decoder = FrameDecoder.of(transport.source());
                try {
                    while (true) {
                        Frame f = decoder.next(Long.MAX_VALUE);
                        CopyBothDecoder.decode(f);
                        frames++;
                    }
                } catch (ConnectionClosedException end) {
                    // the end of the stream
                }
            }
            long cpu = mx.getCurrentThreadCpuTime() - cpu0;
            writer.join();
            if (frames != FRAMES) {
                throw new IllegalStateException(mode + ": " + frames + " frames instead of " + FRAMES);
            }
            return (double) cpu / frames;
        }
    }

    private static void serve(ServerSocket server, byte[] stream, boolean tls) {
        try (Socket s = server.accept()) {
            Socket out = s;
            if (tls) {
                SSLSocket ssl = (SSLSocket) TestPki.shared().serverSslContext().getSocketFactory()
                        .createSocket(s, null, s.getPort(), true);
                ssl.setUseClientMode(false);
                out = ssl;
            }
            OutputStream os = out.getOutputStream();
            for (int off = 0; off < stream.length; off += 256 * 1024) {
                os.write(stream, off, Math.min(256 * 1024, stream.length - off));
            }
            os.flush();
            out.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The stream of FrameDecoderBenchmark: XLogData around a four-column pgoutput Insert. */
    static byte[] stream() {
        ByteBuffer out = ByteBuffer.allocate(FRAMES * FRAME_LENGTH);
        long lsn = 0x1_6B37_4D48L;
        for (int i = 0; i < FRAMES; i++) {
            out.put((byte) 'd').putInt(4 + 25 + PGOUTPUT_LENGTH);
            out.put((byte) 'w').putLong(lsn).putLong(lsn + PGOUTPUT_LENGTH).putLong(800_000_000_000_000L + i);
            int start = out.position();
            out.put((byte) 'I').putInt(16_385).put((byte) 'N').putShort((short) 4);
            text(out, String.format("%010d", i));
            text(out, new String[] {"pending", "shipped", "on_hold"}[i % 3]);
            text(out, String.format("customer%08d@store.example.com", i % 100_000_000));
            text(out, String.format("2025-06-15 %02d:%02d:%02d.%06d+00", i / 3600 % 24, i / 60 % 60, i % 60,
                    i % 1_000_000));
            if (out.position() - start != PGOUTPUT_LENGTH) {
                throw new IllegalStateException("Insert of " + (out.position() - start) + " bytes");
            }
            lsn += PGOUTPUT_LENGTH;
        }
        return out.array();
    }

    private static void text(ByteBuffer out, String v) {
        byte[] b = v.getBytes(StandardCharsets.UTF_8);
        out.put((byte) 't').putInt(b.length).put(b);
    }
}
