package io.walstream.transport.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/** libpq's verify-full name rules, each named after the rule it checks. */
class HostNameRulesTest {

    @Test
    void wildcardMatchesExactlyOneLeftMostLabel() {
        assertTrue(HostNameRules.nameMatches("*.pg.example", "db.pg.example"));
        assertTrue(HostNameRules.nameMatches("*.PG.example", "DB.pg.EXAMPLE"), "case-insensitive");
        assertFalse(HostNameRules.nameMatches("*.pg.example", "a.b.pg.example"), "more than one label");
        assertFalse(HostNameRules.nameMatches("*.pg.example", "pg.example"), "no label");
        assertFalse(HostNameRules.nameMatches("db*.pg.example", "db1.pg.example"), "only a leading *.");
        assertFalse(HostNameRules.nameMatches("*.pg.example", ".pg.example"));
    }

    @Test
    void dnsSanWinsAndCommonNameIsIgnoredWhenAnyDnsSanExists() throws Exception {
        X509Certificate c = cert("CN=db.example", List.of(dns("other.example")));
        assertNull(HostNameRules.mismatch(c, "other.example"));
        List<String> seen = HostNameRules.mismatch(c, "db.example");
        assertEquals(List.of("DNS:other.example"), seen, "the CN must not be consulted");
    }

    @Test
    void commonNameIsUsedWithoutSubjectAltNames() throws Exception {
        X509Certificate c = cert("CN=db.example", List.of());
        assertNull(HostNameRules.mismatch(c, "DB.example"));
        assertEquals(List.of("CN:db.example"), HostNameRules.mismatch(c, "x.example"));
    }

    @Test
    void ipHostMatchesIpSanByBytesAndDnsSanAsText() throws Exception {
        X509Certificate c = cert("CN=ignored", List.of(ip("127.0.0.1"), ip("::1"), dns("192.0.2.7")));
        assertNull(HostNameRules.mismatch(c, "127.0.0.1"));
        assertNull(HostNameRules.mismatch(c, "0:0:0:0:0:0:0:1"), "IPv6 compared as bytes");
        assertNull(HostNameRules.mismatch(c, "192.0.2.7"), "an IP inside a dNSName matches, as in libpq");
        assertTrue(HostNameRules.mismatch(c, "127.0.0.2") != null);
    }

    @Test
    void ipHostFallsBackToCommonNameOnlyWithoutIpSan() throws Exception {
        assertNull(HostNameRules.mismatch(cert("CN=10.0.0.5", List.of(dns("db.example"))), "10.0.0.5"),
                "no iPAddress SAN: the CN is checked even though a dNSName exists");
        assertEquals(List.of("IP:10.0.0.6"), HostNameRules.mismatch(cert("CN=10.0.0.5", List.of(ip("10.0.0.6"))),
                "10.0.0.5"));
    }

    @Test
    void noIpv4ToIpv6Mapping() throws Exception {
        X509Certificate c = cert("CN=x", List.of(ip("127.0.0.1")));
        assertTrue(HostNameRules.mismatch(c, "::ffff:127.0.0.1") != null);
    }

    private static GeneralName dns(String n) {
        return new GeneralName(GeneralName.dNSName, n);
    }

    private static GeneralName ip(String n) {
        return new GeneralName(GeneralName.iPAddress, n);
    }

    static X509Certificate cert(String subject, List<GeneralName> sans) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair k = g.generateKeyPair();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(subject), BigInteger.ONE,
                new Date(System.currentTimeMillis() - 86_400_000L), new Date(System.currentTimeMillis() + 86_400_000L),
                new X500Name(subject), k.getPublic());
        if (!sans.isEmpty()) {
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(new GeneralName[0])));
        }
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(k.getPrivate())));
    }
}
