package io.walstream.transport.tls;

import io.walstream.spi.TlsParameters;
import io.walstream.spi.TlsVerification;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Checks the server's certificate chain the way libpq (OpenSSL) does for {@code verify-ca} and
 * {@code verify-full}: the chain, built from the certificates the server sent, must lead to a root in
 * {@code sslrootcert} (or the platform's roots for {@code system}); every certificate must be within its
 * validity period; when CRLs are configured, every certificate of the chain needs a CRL from its issuer and must
 * not be on it (OpenSSL's {@code CRL_CHECK | CRL_CHECK_ALL}); {@code verify-full} adds {@link HostNameRules}.
 * Each failure says which certificate (subject, issuer) failed and why.
 *
 * <p><b>Thread safety:</b> immutable after construction.
 */
final class ServerCertificateCheck {

    private final TlsParameters parameters;
    private final Set<TrustAnchor> anchors;
    private final List<X509Certificate> anchorCerts;
    private final List<X509CRL> crls;
    private final String rootsName;

    private ServerCertificateCheck(TlsParameters parameters, List<X509Certificate> roots, List<X509CRL> crls,
                                   String rootsName) {
        this.parameters = parameters;
        this.anchorCerts = List.copyOf(roots);
        this.anchors = new HashSet<>();
        roots.forEach(r -> anchors.add(new TrustAnchor(r, null)));
        this.crls = List.copyOf(crls);
        this.rootsName = rootsName;
    }

    /**
     * @param parameters the settings
     * @return the check, or {@code null} when no verification is asked for
     * @throws IOException if a root or CRL file cannot be read
     */
    static ServerCertificateCheck load(TlsParameters parameters) throws IOException {
        if (parameters.verification() == TlsVerification.NONE) {
            return null;
        }
        List<X509Certificate> roots;
        String name;
        if (parameters.systemRoots()) {
            roots = systemRoots();
            name = "the system's trusted roots (sslrootcert=system)";
        } else {
            java.nio.file.Path file = parameters.rootCertificates().orElseThrow();
            roots = PemFiles.certificates(file, "sslrootcert");
            if (roots.isEmpty()) {
                throw new IOException("root certificate file \"" + file + "\" contains no certificate");
            }
            name = "root certificate file \"" + file + "\"";
        }
        List<X509CRL> crls = new ArrayList<>();
        if (parameters.crlFile().isPresent()) {
            crls.addAll(PemFiles.crls(parameters.crlFile().get(), "sslcrl"));
        }
        if (parameters.crlDirectory().isPresent()) {
            crls.addAll(PemFiles.crlDirectory(parameters.crlDirectory().get()));
        }
        return new ServerCertificateCheck(parameters, roots, crls, name);
    }

    private static List<X509Certificate> systemRoots() throws IOException {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init((KeyStore) null);
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager) {
                    return List.of(((X509TrustManager) tm).getAcceptedIssuers());
                }
            }
            throw new IOException("the JDK has no X.509 trust manager for sslrootcert=system");
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot load the system's trusted roots: " + e.getMessage(), e);
        }
    }

    /**
     * @param chain the certificates the server sent, leaf first
     * @throws CertificateException with a message naming the failing certificate and the reason
     */
    void verify(List<X509Certificate> chain) throws CertificateException {
        if (chain.isEmpty()) {
            throw new CertificateException("the server sent no certificate");
        }
        X509Certificate leaf = chain.get(0);
        Date now = new Date();
        for (X509Certificate c : chain) {
            try {
                c.checkValidity(now);
            } catch (CertificateExpiredException e) {
                throw new CertificateExpiredException(describe(c) + " expired on "
                        + c.getNotAfter().toInstant() + " (sslmode=" + mode() + ")");
            } catch (CertificateNotYetValidException e) {
                throw new CertificateNotYetValidException(describe(c) + " is not valid before "
                        + c.getNotBefore().toInstant() + " (sslmode=" + mode() + ")");
            }
        }
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(leaf);
            PKIXBuilderParameters p = new PKIXBuilderParameters(anchors, target);
            List<Object> store = new ArrayList<>(chain);
            store.addAll(crls);
            p.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(store)));
            p.setRevocationEnabled(!crls.isEmpty());
            p.setDate(now);
            CertPathBuilder.getInstance("PKIX").build(p);
        } catch (CertPathBuilderException e) {
            throw explain(chain, e);
        } catch (GeneralSecurityException e) {
            throw new CertificateException("cannot verify " + describe(leaf) + ": " + e.getMessage(), e);
        }
        if (parameters.verification() == TlsVerification.CHAIN_AND_HOST) {
            List<String> seen = HostNameRules.mismatch(leaf, parameters.serverName());
            if (seen != null) {
                throw new CertificateException("server certificate for " + describe(leaf) + " does not match host name \""
                        + parameters.serverName() + "\" (names in the certificate: "
                        + (seen.isEmpty() ? "none" : String.join(", ", seen)) + "; sslmode=verify-full checks host,"
                        + " not hostaddr)");
            }
        }
    }

    private CertificateException explain(List<X509Certificate> chain, CertPathBuilderException e) {
        String causes = causes(e);
        X509Certificate leaf = chain.get(0);
        if (causes.contains("revoked") || causes.contains("Certificate has been revoked")) {
            return new RevokedCertificateException("a certificate of the server's chain is revoked: " + causes
                    + " (server certificate " + describe(leaf) + ", CRLs from sslcrl/sslcrldir)", e);
        }
        if (causes.contains("revocation status")) {
            return new RevokedCertificateException("the revocation status of the server's chain could not be"
                    + " determined: every certificate needs a CRL from its issuer in sslcrl/sslcrldir when CRLs are"
                    + " configured (" + causes + "; server certificate " + describe(leaf) + ")", e);
        }
        String sent = chain.stream().map(ServerCertificateCheck::describe).collect(Collectors.joining(", "));
        String trusted = anchorCerts.size() > 20 ? anchorCerts.size() + " roots"
                : anchorCerts.stream().map(c -> "\"" + c.getSubjectX500Principal().getName() + "\"")
                        .collect(Collectors.joining(", "));
        X509Certificate last = chain.get(chain.size() - 1);
        boolean issuerKnown = anchorCerts.stream().anyMatch(
                a -> a.getSubjectX500Principal().equals(last.getIssuerX500Principal()));
        String why = issuerKnown
                ? "the chain does not verify against the trusted root (" + causes + ")"
                : "certificate " + describe(last) + " was issued by \"" + last.getIssuerX500Principal().getName()
                        + "\", which is neither in the chain the server sent nor a trusted root: an unknown CA or a"
                        + " missing intermediate certificate";
        return new UnknownCaException("could not verify the server certificate: " + why + "; the server sent ["
                + sent + "]; trusted roots from " + rootsName + ": " + trusted, e);
    }

    private static String causes(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                if (sb.length() > 0) {
                    sb.append(": ");
                }
                sb.append(t.getMessage());
            }
        }
        return sb.toString();
    }

    static String describe(X509Certificate c) {
        return "\"" + c.getSubjectX500Principal().getName() + "\" (issued by \"" + c.getIssuerX500Principal().getName()
                + "\")";
    }

    private String mode() {
        return parameters.verification() == TlsVerification.CHAIN_AND_HOST ? "verify-full" : "verify-ca";
    }
}
