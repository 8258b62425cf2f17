package io.walstream.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.spi.ClientCertificateMode;
import io.walstream.spi.TlsParameters;
import io.walstream.spi.TlsVerification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** libpq's TLS rules turned into layer parameters; each test names the rule. */
class TlsSettingsTest {

    @TempDir
    Path home;

    private TlsParameters params(String conninfo) {
        ConnectionConfig c = ConnectionConfig.parse(conninfo, Environment.of(Map.of(), "me", home));
        return TlsSettings.forHost(c, c.hosts().get(0), "direct".equals(c.sslNegotiation()));
    }

    @Test
    void requireVerifiesOnlyWhenTheDefaultRootFileExists() throws Exception {
        assertEquals(TlsVerification.NONE, params("host=db sslmode=require").verification());
        Files.createDirectories(home.resolve(".postgresql"));
        Files.writeString(home.resolve(".postgresql/root.crt"), "x");
        TlsParameters p = params("host=db sslmode=require");
        assertEquals(TlsVerification.CHAIN, p.verification());
        assertEquals(Optional.of(home.resolve(".postgresql/root.crt")), p.rootCertificates());
        assertEquals(TlsVerification.CHAIN, params("host=db sslmode=prefer").verification(), "prefer too, as libpq");
    }

    @Test
    void verifyModesWithoutRootFileFailBeforeSending() {
        TlsNegotiationException e = assertThrows(TlsNegotiationException.class,
                () -> params("host=db sslmode=verify-ca"));
        assertTrue(e.getMessage().contains("root.crt") && e.getMessage().contains("Nothing was sent"), e.getMessage());
        assertThrows(TlsNegotiationException.class, () -> params("host=db sslmode=verify-full sslrootcert=/nope.pem"));
    }

    @Test
    void systemRootsMeanVerifyFull() {
        TlsParameters p = params("host=db sslrootcert=system");
        assertEquals(TlsVerification.CHAIN_AND_HOST, p.verification());
        assertTrue(p.systemRoots());
    }

    @Test
    void verifyFullChecksHostNeverHostaddrAndNeedsAHostName() throws Exception {
        Path root = Files.writeString(home.resolve("root.crt"), "x");
        assertEquals("db.example", params("host=db.example hostaddr=10.0.0.1 sslmode=verify-full sslrootcert=" + root)
                .serverName());
        assertThrows(TlsNegotiationException.class, () -> params("hostaddr=10.0.0.1 sslmode=verify-full sslrootcert="
                + root));
    }

    @Test
    void clientCertificateDefaultsSniProtocolsAndAlpn() {
        TlsParameters p = params("host=db sslmode=require sslpassword=Key-Secret-1");
        assertEquals(Optional.of(home.resolve(".postgresql/postgresql.crt")), p.clientCertificate());
        assertEquals(Optional.of(home.resolve(".postgresql/postgresql.key")), p.clientKey());
        assertEquals(ClientCertificateMode.ALLOW, p.clientCertificateMode());
        assertTrue(p.sendServerName());
        assertEquals(Optional.of("TLSv1.2"), p.minProtocol());
        assertEquals(Optional.empty(), p.maxProtocol());
        assertEquals(List.of("postgresql"), p.applicationProtocols());
        assertFalse(p.applicationProtocolRequired());
        assertFalse(p.toString().contains("Key-Secret-1"), p.toString());
        assertEquals("Key-Secret-1", new String(p.keyPassword().orElseThrow()));

        TlsParameters q = params("host=db sslmode=require sslsni=0 sslcertmode=disable ssl_min_protocol_version=tlsv1.3"
                + " ssl_max_protocol_version=TLSv1.3 sslnegotiation=direct");
        assertFalse(q.sendServerName());
        assertEquals(Optional.empty(), q.clientCertificate());
        assertEquals(Optional.of("TLSv1.3"), q.minProtocol());
        assertTrue(q.applicationProtocolRequired());
    }

    @Test
    void crlsAreUsedOnlyWhenVerifying() throws Exception {
        Path root = Files.writeString(home.resolve("root.crt"), "x");
        assertEquals(Optional.empty(), params("host=db sslmode=require sslcrl=/x.crl").crlFile());
        assertEquals(Optional.of(Path.of("/x.crl")), params("host=db sslmode=verify-ca sslcrl=/x.crl sslrootcert=" + root)
                .crlFile());
        assertEquals(Optional.of(Path.of("/crl.d")), params("host=db sslmode=verify-ca sslcrldir=/crl.d sslrootcert="
                + root).crlDirectory());
    }
}
