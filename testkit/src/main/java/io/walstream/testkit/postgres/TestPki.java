package io.walstream.testkit.postgres;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.openssl.PKCS8Generator;

/**
 * A throw-away public-key infrastructure for TLS tests, made with BouncyCastle's bcpkix: a root CA, an
 * intermediate CA, a server certificate for {@code localhost}, {@code 127.0.0.1} and {@code ::1} issued by the
 * intermediate, variants of it (expired, not yet valid, for another host), an unrelated root (an "unknown CA"),
 * client certificates issued by the root, and CRLs. Everything is written as PEM into one directory.
 *
 * <pre>{@code
 * TestPki pki = TestPki.shared();
 * PostgresConfig.builder().serverTls(pki.serverTls()).hbaLine("hostssl all all 127.0.0.1/32 trust").build();
 * ... "sslmode=verify-full sslrootcert=" + pki.rootCertificate() ...
 * }</pre>
 *
 * <p><b>Thread safety:</b> immutable after creation; {@link #shared()} and the client-certificate methods are
 * synchronized.
 */
public final class TestPki {

    /** The host names and addresses the default server certificate names. */
    public static final List<String> SERVER_NAMES = List.of("localhost", "127.0.0.1", "::1");

    private static final SecureRandom RANDOM = new SecureRandom();
    /** For key encryption: the JDK lacks the PEM ciphers' names; not registered globally. */
    private static final java.security.Provider BC = new org.bouncycastle.jce.provider.BouncyCastleProvider();
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
    private static TestPki shared;

    private final Path directory;
    private final KeyPair rootKey;
    private final X509Certificate root;
    private final KeyPair intermediateKey;
    private final X509Certificate intermediate;
    private final KeyPair serverKey;
    private final X509Certificate server;
    private final X509Certificate rogue;

    private TestPki(Path directory) throws GeneralSecurityException, OperatorCreationException, IOException {
        this.directory = directory;
        Instant now = Instant.now();
        rootKey = ecKey();
        root = ca("CN=walstream test root CA", rootKey, null, null, now, 1);
        intermediateKey = ecKey();
        intermediate = ca("CN=walstream test intermediate CA", intermediateKey, root, rootKey, now, 0);
        serverKey = ecKey();
        server = leaf("CN=localhost", serverKey, intermediate, intermediateKey, SERVER_NAMES,
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(3650)), true);
        write("root.crt", pem(root));
        write("intermediate.crt", pem(intermediate));
        write("server-chain.crt", pem(server) + pem(intermediate));
        write("server-leaf-only.crt", pem(server));
        writeKey("server.key", pemObject(new JcaPKCS8Generator(serverKey.getPrivate(), null)));
        write("root.crl", pem(crl(root, rootKey, List.of())));
        write("intermediate.crl", pem(crl(intermediate, intermediateKey, List.of())));
        write("intermediate-revokes-server.crl", pem(crl(intermediate, intermediateKey, List.of(server))));
        KeyPair otherKey = ecKey();
        X509Certificate other = ca("CN=walstream unrelated CA", otherKey, null, null, now, 1);
        write("unknown-root.crt", pem(other));
        X509Certificate expired = leaf("CN=localhost", serverKey, intermediate, intermediateKey, SERVER_NAMES,
                now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)), true);
        write("server-expired.crt", pem(expired) + pem(intermediate));
        X509Certificate future = leaf("CN=localhost", serverKey, intermediate, intermediateKey, SERVER_NAMES,
                now.plus(Duration.ofDays(10)), now.plus(Duration.ofDays(400)), true);
        write("server-not-yet-valid.crt", pem(future) + pem(intermediate));
        X509Certificate wildcard = leaf("CN=ignored.example", serverKey, intermediate, intermediateKey,
                List.of("*.pg.example"), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(3650)), true);
        write("server-wildcard.crt", pem(wildcard) + pem(intermediate));
        rogue = leaf("CN=localhost", serverKey, intermediate, intermediateKey, SERVER_NAMES,
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(3650)), true);
    }

    /**
     * @return the PKI of this JVM, made on first use in a temporary directory
     * @throws PostgresHarnessException if generation fails
     */
    public static synchronized TestPki shared() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory("walstream-pki-");
                shared = new TestPki(dir);
            } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
                throw new PostgresHarnessException("Could not create the test PKI: " + e, e);
            }
        }
        return shared;
    }

    /** @return the directory holding every file */
    public Path directory() {
        return directory;
    }

    /** @return the root CA certificate (PEM), the client's {@code sslrootcert} */
    public Path rootCertificate() {
        return directory.resolve("root.crt");
    }

    /** @return a root CA that issued nothing the server sends: an "unknown CA" for the client */
    public Path unknownRootCertificate() {
        return directory.resolve("unknown-root.crt");
    }

    /** @return the root's and the intermediate's empty CRLs, concatenated in one file */
    public Path emptyCrls() {
        return concat("crls-empty.pem", "root.crl", "intermediate.crl");
    }

    /** @return CRLs in which the intermediate revokes the server certificate (and the root revokes nothing) */
    public Path crlsRevokingServer() {
        return concat("crls-revoking-server.pem", "root.crl", "intermediate-revokes-server.crl");
    }

    /** @return the server's certificate */
    public X509Certificate serverCertificate() {
        return server;
    }

    /** @return the default server setup: leaf and intermediate, key; client certificates checked against the root */
    public ServerTls serverTls() {
        return serverTls(ServerCertificate.VALID);
    }

    /**
     * @param which the certificate variant the server presents
     * @return the server setup presenting it
     */
    public ServerTls serverTls(ServerCertificate which) {
        return new ServerTls(read(which.file), read("server.key"), read("root.crt"));
    }

    /**
     * A JDK {@link javax.net.ssl.SSLContext} for the server side of a TLS test peer, presenting the valid server
     * certificate (with the intermediate) that clients trusting {@link #rootCertificate()} accept.
     *
     * @return the context
     */
    public javax.net.ssl.SSLContext serverSslContext() {
        return sslContext(server);
    }

    /**
     * A server-side context with another certificate for the same names from the same intermediate: what a
     * man-in-the-middle with a certificate the client trusts presents. Its {@code tls-server-end-point} differs
     * from the real server's.
     *
     * @return the context
     */
    public javax.net.ssl.SSLContext impostorSslContext() {
        return sslContext(rogue);
    }

    /** @return a client-side context that trusts {@link #rootCertificate()}, for test peers that relay to a server */
    public javax.net.ssl.SSLContext clientSslContext() {
        try {
            java.security.KeyStore ts = java.security.KeyStore.getInstance("PKCS12");
            ts.load(null, null);
            ts.setCertificateEntry("root", root);
            javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
            tmf.init(ts);
            javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), RANDOM);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new PostgresHarnessException("Could not build a client SSLContext: " + e, e);
        }
    }

    private javax.net.ssl.SSLContext sslContext(X509Certificate leaf) {
        try {
            char[] pw = "walstream-test".toCharArray();
            java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("server", serverKey.getPrivate(), pw, new java.security.cert.Certificate[] {leaf, intermediate});
            javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance("PKIX");
            kmf.init(ks, pw);
            javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, RANDOM);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new PostgresHarnessException("Could not build a server SSLContext: " + e, e);
        }
    }

    /**
     * Issues (once per name) a client certificate with {@code CN=<user>} from the root, with an RSA key written as
     * unencrypted PKCS#1, unencrypted PKCS#8, encrypted PKCS#8 and legacy encrypted PKCS#1 (both with
     * {@code password}), every key file with mode 0600.
     *
     * @param user the common name, which {@code cert} authentication maps to the user name
     * @param password the passphrase of the encrypted key files
     * @return the files
     */
    public synchronized ClientCertificate clientCertificate(String user, String password) {
        Path cert = directory.resolve("client-" + user + ".crt");
        ClientCertificate files = new ClientCertificate(cert, directory.resolve("client-" + user + ".pkcs1.key"),
                directory.resolve("client-" + user + ".pkcs8.key"), directory.resolve("client-" + user + ".enc-pkcs8.key"),
                directory.resolve("client-" + user + ".enc-pkcs1.key"));
        if (Files.exists(cert)) {
            return files;
        }
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048, RANDOM);
            KeyPair key = g.generateKeyPair();
            Instant now = Instant.now();
            X509Certificate c = leaf("CN=" + user, key, root, rootKey, List.of(), now.minus(Duration.ofDays(1)),
                    now.plus(Duration.ofDays(3650)), false);
            writeKey(files.pkcs1Key().getFileName().toString(), pem(key.getPrivate()));
            writeKey(files.pkcs8Key().getFileName().toString(), pemObject(new JcaPKCS8Generator(key.getPrivate(), null)));
            writeKey(files.encryptedPkcs8Key().getFileName().toString(), pemObject(new JcaPKCS8Generator(key.getPrivate(),
                    new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC).setProvider(BC).setRandom(RANDOM)
                            .setPassword(password.toCharArray()).build())));
            writeKey(files.encryptedPkcs1Key().getFileName().toString(), pemObject(new JcaMiscPEMGenerator(key.getPrivate(),
                    new JcePEMEncryptorBuilder("AES-256-CBC").setProvider(BC).setSecureRandom(RANDOM)
                            .build(password.toCharArray()))));
            write(cert.getFileName().toString(), pem(c)); // last: its presence means "all files are there"
            return files;
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new PostgresHarnessException("Could not issue a client certificate for " + user + ": " + e, e);
        }
    }

    /** The server certificate variants. */
    public enum ServerCertificate {
        /** Valid, for localhost / 127.0.0.1 / ::1, sent with the intermediate. */
        VALID("server-chain.crt"),
        /** Valid, but sent without the intermediate. */
        LEAF_ONLY("server-leaf-only.crt"),
        /** Expired yesterday. */
        EXPIRED("server-expired.crt"),
        /** Valid only from ten days from now. */
        NOT_YET_VALID("server-not-yet-valid.crt"),
        /** Only for {@code *.pg.example}. */
        WILDCARD("server-wildcard.crt");

        private final String file;

        ServerCertificate(String file) {
            this.file = file;
        }
    }

    /**
     * A client certificate and its key in four encodings.
     *
     * <p><b>Thread safety:</b> immutable.
     *
     * @param certificate the certificate (PEM)
     * @param pkcs1Key unencrypted {@code RSA PRIVATE KEY}
     * @param pkcs8Key unencrypted {@code PRIVATE KEY}
     * @param encryptedPkcs8Key {@code ENCRYPTED PRIVATE KEY}
     * @param encryptedPkcs1Key {@code RSA PRIVATE KEY} with {@code Proc-Type: 4,ENCRYPTED}
     */
    public record ClientCertificate(Path certificate, Path pkcs1Key, Path pkcs8Key, Path encryptedPkcs8Key,
                                    Path encryptedPkcs1Key) {
    }

    // --- generation ---------------------------------------------------------------------------------------

    private static KeyPair ecKey() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return g.generateKeyPair();
    }

    private static X509Certificate ca(String subject, KeyPair key, X509Certificate issuer, KeyPair issuerKey,
                                      Instant now, int pathLength) throws GeneralSecurityException,
            OperatorCreationException, IOException {
        X500Name issuerName = issuer == null ? new X500Name(subject)
                : X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName, serial(),
                Date.from(now.minus(Duration.ofDays(2))), Date.from(now.plus(Duration.ofDays(7300))),
                new X500Name(subject), key.getPublic());
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(pathLength));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key.getPublic()));
        if (issuer != null) {
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuer));
        }
        return sign(b, issuerKey == null ? key : issuerKey);
    }

    private static X509Certificate leaf(String subject, KeyPair key, X509Certificate issuer, KeyPair issuerKey,
                                        List<String> names, Instant from, Instant to, boolean server)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, serial(), Date.from(from), Date.from(to),
                new X500Name(subject), key.getPublic());
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        b.addExtension(Extension.extendedKeyUsage, false,
                new ExtendedKeyUsage(server ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth));
        b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuer));
        if (!names.isEmpty()) {
            List<GeneralName> sans = new ArrayList<>();
            for (String n : names) {
                boolean ip = n.indexOf(':') >= 0 || n.matches("[0-9.]+");
                sans.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, n));
            }
            b.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(sans.toArray(new GeneralName[0])));
        }
        return sign(b, issuerKey);
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair signer)
            throws GeneralSecurityException, OperatorCreationException {
        return new JcaX509CertificateConverter().getCertificate(b.build(signer(signer)));
    }

    private static ContentSigner signer(KeyPair key) throws OperatorCreationException {
        String alg = "EC".equals(key.getPrivate().getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
        return new JcaContentSignerBuilder(alg).build(key.getPrivate());
    }

    private static X509CRL crl(X509Certificate issuer, KeyPair issuerKey, List<X509Certificate> revoked)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        Date now = new Date();
        X509v2CRLBuilder b = new JcaX509v2CRLBuilder(issuer, new Date(now.getTime() - 86_400_000L));
        b.setNextUpdate(new Date(now.getTime() + 3650L * 86_400_000L));
        b.addExtension(Extension.authorityKeyIdentifier, false,
                new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuer));
        for (X509Certificate r : revoked) {
            b.addCRLEntry(r.getSerialNumber(), new Date(now.getTime() - 3_600_000L), CRLReason.keyCompromise);
        }
        return new JcaX509CRLConverter().getCRL(b.build(signer(issuerKey)));
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIAL.incrementAndGet());
    }

    private static String pem(Object o) throws IOException {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
            pw.writeObject(o);
        }
        return w.toString();
    }

    private static String pemObject(org.bouncycastle.util.io.pem.PemObjectGenerator g) throws IOException {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
            pw.writeObject(g);
        }
        return w.toString();
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(directory.resolve(name), content, StandardCharsets.US_ASCII);
    }

    private void writeKey(String name, String content) throws IOException {
        Path p = directory.resolve(name);
        Files.writeString(p, content, StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
    }

    private String read(String name) {
        try {
            return Files.readString(directory.resolve(name), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized Path concat(String target, String... parts) {
        Path p = directory.resolve(target);
        if (!Files.exists(p)) {
            StringBuilder sb = new StringBuilder();
            for (String part : parts) {
                sb.append(read(part));
            }
            try {
                Files.writeString(p, sb.toString(), StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return p;
    }
}
