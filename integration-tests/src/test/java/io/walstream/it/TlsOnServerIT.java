package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.conn.ConnectionConfig;
import io.walstream.conn.Connector;
import io.walstream.conn.PgConnection;
import io.walstream.conn.ReplicationCommands;
import io.walstream.conn.TlsNegotiationException;
import io.walstream.testkit.postgres.PostgresConfig;
import io.walstream.testkit.postgres.PostgresRole;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import io.walstream.testkit.postgres.PostgresVersion;
import io.walstream.ServerErrorException;
import io.walstream.conn.Environment;
import io.walstream.testkit.postgres.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server with {@code ssl=on} that accepts both plain and TLS connections ({@code hostssl} and {@code hostnossl}
 * lines): every {@code sslmode} against it with the outcome {@code pg_stat_ssl} reports (libpq's table: disable and
 * allow stay plain, prefer and stronger encrypt), certificate verification with libpq's host rules, and
 * SCRAM-SHA-256-PLUS. One transport per version.
 */
@PostgresTest
class TlsOnServerIT {

    static final String PW = "Tls-Scram-Secret-1";

    static PostgresConfig postgresConfig() {
        return PostgresConfig.builder()
                .serverTls(TlsLive.pki().serverTls())
                .role(PostgresRole.user("u_scram", PW).withReplication(true))
                .role(PostgresRole.user("u_cert", null).withReplication(true))
                .role(PostgresRole.user("u_vf", PW))
                .hbaLines(List.of(
                        "local all all trust",
                        "hostssl all,replication postgres 127.0.0.1/32 trust",
                        "hostnossl all,replication postgres 127.0.0.1/32 trust",
                        "host all,replication u_scram 127.0.0.1/32 scram-sha-256",
                        "hostssl all,replication u_cert 127.0.0.1/32 cert",
                        "hostssl all u_vf 127.0.0.1/32 scram-sha-256 clientcert=verify-full"))
                .build();
    }

    @Test
    void everySslModeGetsLibpqsOutcome(PostgresServer server, PostgresVersion version) {
        String t = TlsLive.transport(version);
        String base = "user=postgres dbname=postgres " + TlsLive.root() + " sslmode=";
        assertEquals("plain", TlsLive.sessionEncryption(server, t, base + "disable"));
        assertEquals("plain", TlsLive.sessionEncryption(server, t, base + "allow"));
        for (String mode : List.of("prefer", "require", "verify-ca", "verify-full")) {
            assertTrue(TlsLive.sessionEncryption(server, t, base + mode).startsWith("TLSv1."), mode);
        }
    }

    @Test
    void replicationConnectionsRunOverTls(PostgresServer server, PostgresVersion version) {
        String t = TlsLive.transport(version);
        try (PgConnection c = Connector.connect(Live.config(server, "user=postgres dbname=postgres replication=database"
                + " sslmode=verify-full " + TlsLive.root()), Live.transport(t))) {
            assertEquals("postgres", new ReplicationCommands(c).identifySystem().dbName());
        }
    }

    @Test
    void verifyFullChecksHostNotHostaddr(PostgresServer server, PostgresVersion version) {
        String t = TlsLive.transport(version);
        // the certificate names localhost and 127.0.0.1; hostaddr=127.0.0.1 does not change the name checked
        ConnectionConfig wrong = ConnectionConfig.parse("host=db.wrong.example hostaddr=127.0.0.1 port=" + server.port()
                + " user=postgres dbname=postgres sslmode=verify-full " + TlsLive.root(), Live.CLEAN_ENV);
        TlsNegotiationException e = assertThrows(TlsNegotiationException.class,
                () -> Connector.connect(wrong, Live.transport(t)).close());
        assertTrue(e.getMessage().contains("does not match host name \"db.wrong.example\""), e.getMessage());
        assertTrue(e.getMessage().contains("DNS:localhost") && e.getMessage().contains("IP:127.0.0.1"), e.getMessage());
        ConnectionConfig byName = ConnectionConfig.parse("host=localhost hostaddr=127.0.0.1 port=" + server.port()
                + " user=postgres dbname=postgres sslmode=verify-full " + TlsLive.root(), Live.CLEAN_ENV);
        try (PgConnection c = Connector.connect(byName, Live.transport(t))) {
            assertTrue(TlsLive.encryptionOf(server, t, c).startsWith("TLSv1."));
        }
        // verify-ca does not look at the name
        ConnectionConfig ca = ConnectionConfig.parse("host=db.wrong.example hostaddr=127.0.0.1 port=" + server.port()
                + " user=postgres dbname=postgres sslmode=verify-ca " + TlsLive.root(), Live.CLEAN_ENV);
        Connector.connect(ca, Live.transport(t)).close();
    }

    @Test
    void channelBindingRequireAuthenticatesWithScramPlus(PostgresServer server, PostgresVersion version) {
        String t = TlsLive.transport(version);
        try (PgConnection c = Connector.connect(Live.config(server, "user=u_scram dbname=postgres password=" + PW
                + " sslmode=require channel_binding=require"), Live.transport(t))) {
            assertTrue(TlsLive.encryptionOf(server, t, c).startsWith("TLSv1."));
        }
        // allow would try plain text first; with channel_binding=require it goes straight to TLS
        try (PgConnection c = Connector.connect(Live.config(server, "user=u_scram dbname=postgres password=" + PW
                + " sslmode=allow channel_binding=require"), Live.transport(t))) {
            assertTrue(TlsLive.encryptionOf(server, t, c).startsWith("TLSv1."));
        }
        try (PgConnection c = Connector.connect(Live.config(server, "user=u_scram dbname=postgres password=" + PW
                + " sslmode=verify-full replication=database channel_binding=require " + TlsLive.root()),
                Live.transport(t))) {
            assertEquals("postgres", new ReplicationCommands(c).identifySystem().dbName());
        }
    }

    @Test
    void unknownCaIsRefusedWithTheChainInTheMessage(PostgresServer server, PostgresVersion version) {
        String t = TlsLive.transport(version);
        for (String mode : List.of("verify-ca", "require")) {
            TlsNegotiationException e = assertThrows(TlsNegotiationException.class, () -> Connector.connect(
                    Live.config(server, "user=postgres dbname=postgres sslmode=" + mode + " sslrootcert="
                            + TlsLive.pki().unknownRootCertificate()), Live.transport(t)).close(), mode);
            assertTrue(e.getMessage().contains("walstream test intermediate CA")
                    && e.getMessage().contains("walstream unrelated CA")
                    && e.getMessage().contains("neither in the chain the server sent nor a trusted root"), e.getMessage());
        }
    }

    @Test
    void crlRevokingTheServerCertificateFailsAndEmptyCrlsPass(PostgresServer server, PostgresVersion version) {
        String t = TlsLive.transport(version);
        String base = "user=postgres dbname=postgres sslmode=verify-full " + TlsLive.root() + " sslcrl=";
        TlsNegotiationException e = assertThrows(TlsNegotiationException.class, () -> Connector.connect(
                Live.config(server, base + TlsLive.pki().crlsRevokingServer()), Live.transport(t)).close());
        assertTrue(e.getMessage().contains("revoked"), e.getMessage());
        assertTrue(TlsLive.sessionEncryption(server, t, base + TlsLive.pki().emptyCrls()).startsWith("TLSv1."));
    }

    @Test
    void crlDirectoryIsReadToo(PostgresServer server, PostgresVersion version, @TempDir Path dir) throws Exception {
        String t = TlsLive.transport(version);
        Files.copy(TlsLive.pki().crlsRevokingServer(), dir.resolve("revocations.pem"));
        TlsNegotiationException e = assertThrows(TlsNegotiationException.class, () -> Connector.connect(
                Live.config(server, "user=postgres dbname=postgres sslmode=verify-ca " + TlsLive.root() + " sslcrldir="
                        + dir), Live.transport(t)).close());
        assertTrue(e.getMessage().contains("revoked"), e.getMessage());
    }

    @Test
    void systemRootsDoNotTrustTheTestCa(PostgresServer server, PostgresVersion version) {
        String t = TlsLive.transport(version);
        TlsNegotiationException e = assertThrows(TlsNegotiationException.class, () -> Connector.connect(
                Live.config(server, "host=localhost user=postgres dbname=postgres sslrootcert=system"),
                Live.transport(t)).close());
        assertTrue(e.getMessage().contains("sslmode=verify-full") && e.getMessage().contains("sslrootcert=system"),
                e.getMessage());
    }

    @Test
    void requireVerifiesWhenTheDefaultRootFileExists(PostgresServer server, PostgresVersion version,
                                                     @TempDir Path home) throws Exception {
        String t = TlsLive.transport(version);
        Files.createDirectories(home.resolve(".postgresql"));
        Files.copy(TlsLive.pki().unknownRootCertificate(), home.resolve(".postgresql/root.crt"));
        Environment env = Environment.of(Map.of(), "walstream-test", home);
        ConnectionConfig cfg = ConnectionConfig.parse("host=127.0.0.1 port=" + server.port()
                + " user=postgres dbname=postgres sslmode=require", env);
        TlsNegotiationException e = assertThrows(TlsNegotiationException.class,
                () -> Connector.connect(cfg, Live.transport(t)).close());
        assertTrue(e.getMessage().contains("root.crt"), e.getMessage());
        // prefer verifies too when the file exists, and falls back to plain text when that fails (libpq)
        ConnectionConfig prefer = ConnectionConfig.parse("host=127.0.0.1 port=" + server.port()
                + " user=postgres dbname=postgres sslmode=prefer", env);
        try (PgConnection c = Connector.connect(prefer, Live.transport(t))) {
            assertEquals("plain", TlsLive.encryptionOf(server, t, c));
        }
    }

    @Test
    void protocolRangeIsHonoured(PostgresServer server, PostgresVersion version) {
        String t = TlsLive.transport(version);
        String base = "user=postgres dbname=postgres sslmode=require ";
        assertEquals("TLSv1.2", TlsLive.sessionEncryption(server, t, base + "ssl_max_protocol_version=TLSv1.2"));
        assertEquals("TLSv1.3", TlsLive.sessionEncryption(server, t, base + "ssl_min_protocol_version=TLSv1.3"));
    }

    @Test
    void directTlsOnSeventeenAndLaterIsRefusedCleanlyBefore(PostgresServer server, PostgresVersion version) {
        String t = TlsLive.transport(version);
        String direct = "user=postgres dbname=postgres sslnegotiation=direct sslmode=verify-full " + TlsLive.root();
        if (version.major() >= 17) {
            assertTrue(TlsLive.sessionEncryption(server, t, direct).startsWith("TLSv1."));
        } else {
            TlsNegotiationException e = assertThrows(TlsNegotiationException.class,
                    () -> Connector.connect(Live.config(server, direct), Live.transport(t)).close());
            assertTrue(e.getMessage().contains("sslnegotiation=direct")
                    && e.getMessage().contains("PostgreSQL 17 or later"), e.getMessage());
        }
    }

    @Test
    void clientCertificateAuthenticationInEveryKeyEncoding(PostgresServer server, PostgresVersion version) {
        String t = TlsLive.transport(version);
        TestPki.ClientCertificate cc = TlsLive.pki().clientCertificate("u_cert", "Key-Pass-7");
        String base = "user=u_cert dbname=postgres sslmode=verify-full " + TlsLive.root() + " sslcert=" + cc.certificate();
        for (String key : List.of("sslkey=" + cc.pkcs1Key(), "sslkey=" + cc.pkcs8Key(),
                "sslkey=" + cc.encryptedPkcs8Key() + " sslpassword=Key-Pass-7",
                "sslkey=" + cc.encryptedPkcs1Key() + " sslpassword=Key-Pass-7",
                "sslkey=" + cc.pkcs8Key() + " sslcertmode=require")) {
            assertTrue(TlsLive.sessionEncryption(server, t, base + " " + key).startsWith("TLSv1."), key);
        }
        try (PgConnection c = Connector.connect(Live.config(server, base + " sslkey=" + cc.pkcs8Key()
                + " replication=true"), Live.transport(t))) {
            assertTrue(new ReplicationCommands(c).identifySystem().systemId() != null);
        }
    }

    @Test
    void clientCertVerifyFullNeedsTheCertificateAndThePassword(PostgresServer server, PostgresVersion version) {
        String t = TlsLive.transport(version);
        TestPki.ClientCertificate cc = TlsLive.pki().clientCertificate("u_vf", "Key-Pass-8");
        String base = "user=u_vf dbname=postgres password=" + PW + " sslmode=verify-full " + TlsLive.root();
        assertTrue(TlsLive.sessionEncryption(server, t, base + " sslcert=" + cc.certificate() + " sslkey="
                + cc.pkcs8Key()).startsWith("TLSv1."));
        // no certificate: the server refuses (clientcert=verify-full)
        ServerErrorException e = assertThrows(ServerErrorException.class,
                () -> Connector.connect(Live.config(server, base + " sslcertmode=disable"), Live.transport(t)).close());
        assertEquals("28000", e.sqlState(), e.getMessage());
        assertTrue(e.getMessage().contains("connection requires a valid client certificate"), e.getMessage());
        // a certificate for another user: CN does not match; the server says only "password authentication failed"
        // (28P01) and logs the certificate reason
        TestPki.ClientCertificate other = TlsLive.pki().clientCertificate("u_cert", "Key-Pass-7");
        ServerErrorException cn = assertThrows(ServerErrorException.class, () -> Connector.connect(Live.config(server,
                base + " sslcert=" + other.certificate() + " sslkey=" + other.pkcs8Key()), Live.transport(t)).close());
        assertEquals("28P01", cn.sqlState(), cn.getMessage());
        assertTrue(server.logTail(20).contains("verify-full"), server.logTail(20));
    }

    @Test
    void keyProblemsFailBeforeTheHandshakeWithClearMessages(PostgresServer server, PostgresVersion version,
                                                            @TempDir Path dir) throws Exception {
        String t = TlsLive.transport(version);
        TestPki.ClientCertificate cc = TlsLive.pki().clientCertificate("u_cert", "Key-Pass-7");
        String base = "user=u_cert dbname=postgres sslmode=require sslcert=" + cc.certificate();
        TlsNegotiationException wrong = assertThrows(TlsNegotiationException.class, () -> Connector.connect(
                Live.config(server, base + " sslkey=" + cc.encryptedPkcs8Key() + " sslpassword=Wrong-Pass-9"),
                Live.transport(t)).close());
        assertTrue(wrong.getMessage().contains("could not decrypt private key file"), wrong.getMessage());
        assertTrue(!wrong.getMessage().contains("Wrong-Pass-9") && !wrong.getMessage().contains("Key-Pass-7"));
        TlsNegotiationException legacy = assertThrows(TlsNegotiationException.class, () -> Connector.connect(
                Live.config(server, base + " sslkey=" + cc.encryptedPkcs1Key() + " sslpassword=Wrong-Pass-9"),
                Live.transport(t)).close());
        assertTrue(legacy.getMessage().contains("could not decrypt private key file"), legacy.getMessage());
        Path open = dir.resolve("world-readable.key");
        Files.copy(cc.pkcs8Key(), open);
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        TlsNegotiationException perms = assertThrows(TlsNegotiationException.class, () -> Connector.connect(
                Live.config(server, base + " sslkey=" + open), Live.transport(t)).close());
        assertTrue(perms.getMessage().contains("has group or world access"), perms.getMessage());
        TlsNegotiationException required = assertThrows(TlsNegotiationException.class, () -> Connector.connect(
                Live.config(server, "user=u_cert dbname=postgres sslmode=require sslcertmode=require"),
                Live.transport(t)).close());
        assertTrue(required.getMessage().contains("sslcertmode=require, but no client certificate is configured"),
                required.getMessage());
        ServerErrorException absent = assertThrows(ServerErrorException.class, () -> Connector.connect(
                Live.config(server, "user=u_cert dbname=postgres sslmode=require"), Live.transport(t)).close());
        assertEquals("28000", absent.sqlState(), absent.getMessage());
    }

    @Test
    void channelBindingDefeatsAManInTheMiddleWithATrustedCertificate(PostgresServer server, PostgresVersion version)
            throws Exception {
        String t = TlsLive.transport(version);
        for (String binding : List.of("require", "prefer", "disable")) {
            try (TlsMitmProxy proxy = TlsMitmProxy.start(server)) {
                ConnectionConfig cfg = ConnectionConfig.parse("host=localhost hostaddr=127.0.0.1 port=" + proxy.port()
                        + " user=u_scram dbname=postgres password=" + PW + " sslmode=verify-full " + TlsLive.root()
                        + " channel_binding=" + binding, Live.CLEAN_ENV);
                if ("disable".equals(binding)) {
                    // without binding, the impostor's trusted certificate is enough: this is what binding prevents
                    Connector.connect(cfg, Live.transport(t)).close();
                } else {
                    ServerErrorException e = assertThrows(ServerErrorException.class,
                            () -> Connector.connect(cfg, Live.transport(t)).close(), binding);
                    assertTrue(e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("channel binding"),
                            e.getMessage());
                    assertTrue(!e.getMessage().contains(PW));
                }
            }
        }
    }
}
