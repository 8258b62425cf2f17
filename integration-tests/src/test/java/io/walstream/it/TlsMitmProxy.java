package io.walstream.it;

import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.TestPki;
import io.walstream.testkit.wire.TlsRelay;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import javax.net.ssl.SSLSocket;

/**
 * A man in the middle with a certificate the client trusts (same names, same CA as the real server's, but another
 * certificate): it answers the client's SSLRequest and terminates its TLS, opens its own TLS session to the real
 * server, and relays the login in both directions. SCRAM channel binding must detect it, because the client binds
 * to the impostor's certificate and the server to its own.
 */
final class TlsMitmProxy implements AutoCloseable {

    private final TlsRelay relay;

    private TlsMitmProxy(TlsRelay relay) {
        this.relay = relay;
    }

    static TlsMitmProxy start(PostgresServer server) throws IOException {
        Socket plain = new Socket(server.host(), server.port());
        DataOutputStream out = new DataOutputStream(plain.getOutputStream());
        out.writeInt(8);
        out.writeInt(80877103);
        out.flush();
        int answer = new DataInputStream(plain.getInputStream()).read();
        if (answer != 'S') {
            plain.close();
            throw new IOException("the server answered " + answer + " to SSLRequest");
        }
        SSLSocket upstream = (SSLSocket) TestPki.shared().clientSslContext().getSocketFactory()
                .createSocket(plain, server.host(), server.port(), true);
        upstream.startHandshake();
        return new TlsMitmProxy(TlsRelay.start(TestPki.shared().impostorSslContext(), upstream, true));
    }

    int port() {
        return relay.endpoint().port();
    }

    @Override
    public void close() {
        relay.close();
    }
}
