package io.walstream.transport.tls;

import io.walstream.spi.TlsParameters;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.Vector;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateEntry;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * The client certificate and key ({@code sslcert}, {@code sslkey}, {@code sslpassword}), loaded as libpq does:
 * a certificate file that does not exist means "no client certificate"; if it exists, the key must exist too;
 * the key may be PKCS#1 or PKCS#8 PEM, encrypted (PKCS#8 or OpenSSL's legacy {@code Proc-Type: 4,ENCRYPTED})
 * with {@code sslpassword}; on Unix the key file must not be readable by group or others (owned by root it may
 * be group-readable). The password and key never appear in a message or {@code toString()}.
 *
 * <p><b>Thread safety:</b> immutable after loading.
 */
final class ClientKeyMaterial {

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final java.security.SecureRandom SIGNING_RANDOM = new java.security.SecureRandom();

    private final List<X509Certificate> chain;
    private final PrivateKey key;
    private final PrivateKeyInfo keyInfo;

    private ClientKeyMaterial(List<X509Certificate> chain, PrivateKey key, PrivateKeyInfo keyInfo) {
        this.chain = chain;
        this.key = key;
        this.keyInfo = keyInfo;
    }

    /**
     * @return the material, or {@code null} when no certificate file is configured or it does not exist
     * @throws IOException naming the file and the problem (never the password)
     */
    static ClientKeyMaterial load(TlsParameters p) throws IOException {
        if (p.clientCertificate().isEmpty() || !Files.exists(p.clientCertificate().get())) {
            return null;
        }
        Path certFile = p.clientCertificate().get();
        List<X509Certificate> chain = PemFiles.certificates(certFile, "sslcert");
        if (chain.isEmpty()) {
            throw new IOException("sslcert file \"" + certFile + "\" contains no certificate");
        }
        Path keyFile = p.clientKey().orElse(null);
        if (keyFile == null || !Files.exists(keyFile)) {
            throw new IOException("certificate present, but not private key file \"" + keyFile + "\" (sslkey)");
        }
        checkPermissions(keyFile);
        char[] password = p.keyPassword().orElse(null);
        try (Reader r = Files.newBufferedReader(keyFile); PEMParser parser = new PEMParser(r)) {
            Object o = parser.readObject();
            PrivateKeyInfo info;
            if (o instanceof PEMKeyPair) {
                info = ((PEMKeyPair) o).getPrivateKeyInfo();
            } else if (o instanceof PrivateKeyInfo) {
                info = (PrivateKeyInfo) o;
            } else if (o instanceof PEMEncryptedKeyPair) {
                requirePassword(password, keyFile);
                info = ((PEMEncryptedKeyPair) o).decryptKeyPair(
                        new JcePEMDecryptorProviderBuilder().setProvider(BC).build(password)).getPrivateKeyInfo();
            } else if (o instanceof PKCS8EncryptedPrivateKeyInfo) {
                requirePassword(password, keyFile);
                info = ((PKCS8EncryptedPrivateKeyInfo) o).decryptPrivateKeyInfo(
                        new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BC).build(password));
            } else {
                throw new IOException("private key file \"" + keyFile + "\" (sslkey) holds no private key in PEM form"
                        + " (expected PKCS#1 or PKCS#8)");
            }
            PrivateKey key = new JcaPEMKeyConverter().getPrivateKey(info);
            return new ClientKeyMaterial(List.copyOf(chain), key, info);
        } catch (org.bouncycastle.openssl.EncryptionException | PKCSException | OperatorCreationException e) {
            throw new IOException("could not decrypt private key file \"" + keyFile + "\" (sslkey): wrong sslpassword?");
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("private key file")) {
                throw e;
            }
            throw new IOException("could not load private key file \"" + keyFile + "\" (sslkey): "
                    + (password != null ? "wrong sslpassword or " : "") + "not a readable PEM key ("
                    + e.getClass().getSimpleName() + ")");
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    private static void requirePassword(char[] password, Path keyFile) throws IOException {
        if (password == null) {
            throw new IOException("private key file \"" + keyFile + "\" (sslkey) is encrypted, but no sslpassword"
                    + " was given");
        }
    }

    /** libpq: owned by the user, no group/other bits; owned by root, group read allowed (0640). */
    private static void checkPermissions(Path keyFile) throws IOException {
        PosixFileAttributes attrs;
        try {
            attrs = Files.readAttributes(keyFile, PosixFileAttributes.class);
        } catch (UnsupportedOperationException e) {
            return; // not a POSIX file system (Windows): libpq does not check either
        }
        Set<PosixFilePermission> perms = attrs.permissions();
        boolean rootOwned = "root".equals(attrs.owner().getName());
        boolean others = perms.contains(PosixFilePermission.OTHERS_READ)
                || perms.contains(PosixFilePermission.OTHERS_WRITE) || perms.contains(PosixFilePermission.OTHERS_EXECUTE);
        boolean group = perms.contains(PosixFilePermission.GROUP_WRITE)
                || perms.contains(PosixFilePermission.GROUP_EXECUTE)
                || (!rootOwned && perms.contains(PosixFilePermission.GROUP_READ));
        if (others || group) {
            throw new IOException("private key file \"" + keyFile + "\" (sslkey) has group or world access; file"
                    + " must have permissions u=rw (0600) or less if owned by the current user, or u=rw,g=r (0640) or"
                    + " less if owned by root");
        }
    }

    /** @return credentials for {@code request}, or {@code null} if no signature scheme fits the key */
    TlsCredentials credentials(TlsContext context, TlsCrypto crypto, CertificateRequest request) throws IOException {
        SignatureAndHashAlgorithm alg = chooseSignature(request, TlsUtils.isTLSv13(context));
        if (alg == null) {
            return null;
        }
        TlsCertificate[] certs = new TlsCertificate[chain.size()];
        CertificateEntry[] entries = new CertificateEntry[chain.size()];
        try {
            for (int i = 0; i < certs.length; i++) {
                certs[i] = crypto.createCertificate(chain.get(i).getEncoded());
                entries[i] = new CertificateEntry(certs[i], null);
            }
        } catch (CertificateEncodingException e) {
            throw new IOException("cannot encode the client certificate", e);
        }
        Certificate certificate = new Certificate(request.getCertificateRequestContext(), entries);
        TlsCryptoParameters params = new TlsCryptoParameters(context);
        // The signature is made with BouncyCastle's lightweight API whatever the session's crypto back end is: the
        // JDK's providers lack the "SHA256WITHRSASSA-PSS" name that JcaTlsCrypto asks for (TLS 1.3 with RSA keys).
        BcTlsCrypto signing = crypto instanceof BcTlsCrypto ? (BcTlsCrypto) crypto : new BcTlsCrypto(SIGNING_RANDOM);
        AsymmetricKeyParameter k = PrivateKeyFactory.createKey(keyInfo);
        return new BcDefaultTlsCredentialedSigner(params, signing, k, certificate, alg);
    }

    private SignatureAndHashAlgorithm chooseSignature(CertificateRequest request, boolean tls13) {
        @SuppressWarnings("unchecked")
        Vector<SignatureAndHashAlgorithm> offered = request.getSupportedSignatureAlgorithms();
        String alg = key.getAlgorithm();
        if (offered == null) {
            return null;
        }
        for (SignatureAndHashAlgorithm s : offered) {
            short sig = s.getSignature();
            boolean fits;
            switch (alg) {
                case "RSA":
                    fits = sig == SignatureAlgorithm.rsa_pss_rsae_sha256 || sig == SignatureAlgorithm.rsa_pss_rsae_sha384
                            || sig == SignatureAlgorithm.rsa_pss_rsae_sha512 || (!tls13 && sig == SignatureAlgorithm.rsa);
                    break;
                case "EC":
                case "ECDSA":
                    fits = sig == SignatureAlgorithm.ecdsa && (!tls13 || s.getHash() == ecHash());
                    break;
                case "Ed25519":
                case "EdDSA":
                    fits = sig == SignatureAlgorithm.ed25519;
                    break;
                default:
                    fits = false;
            }
            if (fits) {
                return s;
            }
        }
        return null;
    }

    /** TLS 1.3 ties the ECDSA hash to the curve: P-256 with SHA-256, P-384 with SHA-384, P-521 with SHA-512. */
    private short ecHash() {
        int bits = key instanceof java.security.interfaces.ECPrivateKey
                ? ((java.security.interfaces.ECPrivateKey) key).getParams().getCurve().getField().getFieldSize() : 256;
        return bits > 384 ? org.bouncycastle.tls.HashAlgorithm.sha512
                : bits > 256 ? org.bouncycastle.tls.HashAlgorithm.sha384 : org.bouncycastle.tls.HashAlgorithm.sha256;
    }

    @Override
    public String toString() {
        return "ClientKeyMaterial[" + chain.get(0).getSubjectX500Principal().getName() + ", key <redacted>]";
    }
}
