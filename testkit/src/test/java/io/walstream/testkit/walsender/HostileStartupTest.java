package io.walstream.testkit.walsender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.AuthenticationException;
import io.walstream.FrameTooLargeException;
import io.walstream.ProtocolException;
import io.walstream.ServerErrorException;
import io.walstream.WalstreamException;
import io.walstream.conn.ConnectionConfig;
import io.walstream.conn.Connector;
import io.walstream.conn.PgConnection;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Start-up against a fake walsender that misbehaves in ways a real PostgreSQL cannot be made to: each must end in
 * a clear typed error, quickly, without leaking the password (or, for a legal but unusual answer, succeed).
 */
class HostileStartupTest {

    private static final String PASSWORD = "hunter2-secret";

    @Test
    void negotiateProtocolVersionIsAccepted() throws Exception {
        try (FakeWalSender server = FakeWalSender.start()) {
            server.enqueueStartupBytes(concat(
                    new WireOut('v').i32(0).i32(1).str("_pq_.unknown").frame(),
                    WireOut.auth(0, new byte[0]),
                    WireOut.parameterStatus("server_version", "16.4"),
                    WireOut.readyForQuery()), false);
            try (PgConnection conn = Connector.connect(config(server))) {
                assertEquals(16, conn.serverVersion().major());
            }
        }
    }

    @Test
    void hostileScramIterationCountIsRefusedBeforeHashing() throws Exception {
        WalstreamException e = failWith(FakeWalSender::auth, FakeAuth.scram(PASSWORD, 1_000_000_000));
        assertTrue(e instanceof AuthenticationException, e.toString());
        assertTrue(e.getMessage().contains("1000000000"), e.getMessage());
    }

    @Test
    void authenticationOkWithoutServerSignatureIsRefused() throws Exception {
        WalstreamException e = failWith(FakeWalSender::auth, FakeAuth.scramSkippingServerProof());
        assertTrue(e instanceof AuthenticationException, e.toString());
        assertTrue(e.getMessage().contains("server signature"), e.getMessage());
    }

    @Test
    void gssapiRequestNamesTheMethod() throws Exception {
        WalstreamException e = failWithStartup(WireOut.auth(7, new byte[0]), false);
        assertTrue(e instanceof AuthenticationException, e.toString());
        assertTrue(e.getMessage().contains("GSSAPI"), e.getMessage());
    }

    @Test
    void wrongPasswordCarriesSqlStateAndNoSecret() throws Exception {
        WalstreamException e = failWith(FakeWalSender::auth, FakeAuth.cleartext("the-right-one"));
        assertTrue(e instanceof ServerErrorException, e.toString());
        assertEquals("28P01", ((ServerErrorException) e).sqlState());
        assertFalse(e.isTransient());
    }

    @Test
    void hostileFrameLengthDuringStartupIsRefusedFromTheHeader() throws Exception {
        WalstreamException e = failWithStartup(new byte[] {'R', 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff}, false);
        assertTrue(e instanceof FrameTooLargeException, e.toString());
        assertEquals(0, ((FrameTooLargeException) e).offset());
    }

    @Test
    void connectionDroppedInsideAFrameIsTransient() throws Exception {
        WalstreamException e = failWithStartup(new byte[] {'R', 0, 0, 0, 12, 0, 0}, true);
        assertTrue(e.isTransient(), e.toString());
    }

    @Test
    void aPeerThatIsNotPostgresIsNamedAsSuch() throws Exception {
        WalstreamException e = failWithStartup("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                false);
        assertTrue(e instanceof ProtocolException, e.toString());
        assertTrue(e.getMessage().contains("did not answer like PostgreSQL"), e.getMessage());
        assertFalse(e.getMessage().contains("maxFrameLength"), e.getMessage());
    }

    private interface Setup<T> {
        void apply(FakeWalSender server, T value);
    }

    private static WalstreamException failWithStartup(byte[] answer, boolean close) throws Exception {
        return failWith((server, bytes) -> server.enqueueStartupBytes(bytes, close), answer);
    }

    private static <T> WalstreamException failWith(Setup<T> setup, T value) throws Exception {
        try (FakeWalSender server = FakeWalSender.start()) {
            setup.apply(server, value);
            long start = System.nanoTime();
            WalstreamException e = assertThrows(WalstreamException.class, () -> Connector.connect(config(server)).close());
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos(), "the failure took too long");
            for (Throwable c = e; c != null; c = c.getCause()) {
                assertFalse(String.valueOf(c.getMessage()).contains(PASSWORD), "the password leaked: " + c);
                assertFalse(c.toString().contains(PASSWORD), "the password leaked: " + c);
            }
            return e;
        }
    }

    private static ConnectionConfig config(FakeWalSender server) {
        return ConnectionConfig.parse(server.connectionString("u", PASSWORD) + "&connect_timeout=10");
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
