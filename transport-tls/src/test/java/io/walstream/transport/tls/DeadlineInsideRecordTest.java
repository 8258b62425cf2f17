package io.walstream.transport.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.spi.Endpoint;
import io.walstream.spi.TlsParameters;
import io.walstream.spi.TlsVerification;
import io.walstream.spi.Transport;
import io.walstream.spi.TransportOptions;
import io.walstream.testkit.postgres.TestPki;
import io.walstream.transport.nio.NioTransportProvider;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/**
 * A read with a deadline returns 0 when the deadline passes in the middle of a TLS record, and the partial record
 * is kept: a trickling proxy hands the server's 12 KiB record to the client 200 bytes at a time, 10 ms apart,
 * while the client reads with a 5 ms deadline; every read returns promptly and the bytes arrive intact.
 */
class DeadlineInsideRecordTest {

    @Test
    void deadlineInTheMiddleOfARecordReturnsZeroAndKeepsThePartialRecord() throws Exception {
        byte[] payload = new byte[12 * 1024];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 31 + 7);
        }
        try (ServerSocket tlsServer = listen(); ServerSocket proxy = listen()) {
            Thread server = daemon(() -> {
                try (Socket s = tlsServer.accept()) {
                    SSLSocket tls = (SSLSocket) TestPki.shared().serverSslContext().getSocketFactory()
                            .createSocket(s, null, s.getPort(), true);
                    tls.setUseClientMode(false);
                    tls.startHandshake();
                    tls.getOutputStream().write(payload); // one write: one 12 KiB record
                    tls.getOutputStream().flush();
                    tls.getInputStream().read(); // until the client closes
                }
                return null;
            });
            Thread trickle = daemon(() -> {
                try (Socket client = proxy.accept(); Socket up = new Socket(InetAddress.getLoopbackAddress(),
                        tlsServer.getLocalPort())) {
                    daemon(() -> copy(client.getInputStream(), up.getOutputStream(), 1 << 16, 0));
                    copy(up.getInputStream(), client.getOutputStream(), 200, 10);
                }
                return null;
            });
            Transport raw = new NioTransportProvider().connect(Endpoint.of("127.0.0.1", proxy.getLocalPort()),
                    TransportOptions.defaults());
            TlsParameters p = TlsParameters.builder("127.0.0.1").verification(TlsVerification.CHAIN_AND_HOST)
                    .rootCertificates(TestPki.shared().rootCertificate()).build();
            try (Transport t = new BcTlsLayer().wrap(raw, p, TimeUnit.SECONDS.toNanos(20))) {
                ByteArrayOutputStream got = new ByteArrayOutputStream();
                ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
                int zeros = 0;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (got.size() < payload.length && System.nanoTime() < deadline) {
                    buf.clear();
                    long start = System.nanoTime();
                    int r = t.source().read(buf, TimeUnit.MILLISECONDS.toNanos(5));
                    long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    assertTrue(took < 1000, "a 5 ms read took " + took + " ms");
                    assertTrue(r >= 0, "end of stream before the payload");
                    if (r == 0) {
                        zeros++;
                    }
                    got.write(buf.array(), 0, r);
                }
                assertArrayEquals(payload, got.toByteArray());
                // the 12 KiB record needs about 60 slices of 10 ms: many 5 ms reads end inside it
                assertTrue(zeros > 20, "only " + zeros + " reads timed out");
            }
            server.join(5000);
            trickle.join(5000);
        }
    }

    private static ServerSocket listen() throws Exception {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return s;
    }

    private static Void copy(InputStream in, OutputStream out, int slice, long pauseMillis) throws Exception {
        byte[] buf = new byte[slice];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
                out.flush();
                if (pauseMillis > 0) {
                    Thread.sleep(pauseMillis);
                }
            }
        } catch (java.io.IOException ended) {
            // the other side closed
        }
        return null;
    }

    private static Thread daemon(java.util.concurrent.Callable<Void> body) {
        Thread t = new Thread(() -> {
            try {
                body.call();
            } catch (Exception ignored) {
                // the test's assertions report failures
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }
}
