package io.walstream.transport.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 5929 tls-server-end-point: the signature's hash, MD5/SHA-1 mapped to SHA-256, none for EdDSA. */
class ChannelBindingDataTest {

    /** One key per type for all cases: RSA key generation dominates the run time otherwise. */
    private static final java.util.Map<String, KeyPair> KEYS = new java.util.concurrent.ConcurrentHashMap<>();

    private static KeyPair generate(String type) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(type);
            if ("RSA".equals(type)) {
                g.initialize(2048);
            }
            return g.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource({
            "SHA1withRSA, RSA, SHA-256",
            "SHA256withRSA, RSA, SHA-256",
            "SHA384withRSA, RSA, SHA-384",
            "SHA512withRSA, RSA, SHA-512",
            "SHA256withECDSA, EC, SHA-256",
            "SHA384withECDSA, EC, SHA-384",
            "SHA256withRSAandMGF1, RSA, SHA-256",
            "SHA512withRSAandMGF1, RSA, SHA-512",
            "Ed25519, Ed25519, none"})
    void hashFollowsTheSignatureAlgorithm(String signature, String keyType, String expected) throws Exception {
        KeyPair k = KEYS.computeIfAbsent(keyType, ChannelBindingDataTest::generate);
        X500Name n = new X500Name("CN=binding");
        X509Certificate c = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(n,
                BigInteger.TEN, new Date(), new Date(System.currentTimeMillis() + 86_400_000L), n, k.getPublic())
                .build(new JcaContentSignerBuilder(signature).setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider())
                        .build(k.getPrivate())));
        if ("none".equals(expected)) {
            assertNull(ChannelBindingData.tlsServerEndPoint(c));
            return;
        }
        assertEquals(expected, ChannelBindingData.hashOf(c));
        assertArrayEquals(MessageDigest.getInstance(expected).digest(c.getEncoded()),
                ChannelBindingData.tlsServerEndPoint(c));
    }
}
