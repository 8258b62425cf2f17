package io.walstream.transport.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;

/**
 * RFC 5929 {@code tls-server-end-point}: the server's leaf certificate hashed with the hash function of its
 * signature algorithm, MD5 and SHA-1 replaced by SHA-256; for RSASSA-PSS the hash named in its parameters.
 * Signatures without a separate hash (Ed25519, Ed448) have no binding data, as in PostgreSQL.
 *
 * <p><b>Thread safety:</b> stateless.
 */
final class ChannelBindingData {

    private ChannelBindingData() {
    }

    /** @return the binding data, or {@code null} if the signature algorithm has no usable hash */
    static byte[] tlsServerEndPoint(X509Certificate cert) {
        String hash = hashOf(cert);
        if (hash == null) {
            return null;
        }
        try {
            return MessageDigest.getInstance(hash).digest(cert.getEncoded());
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            return null;
        }
    }

    static String hashOf(X509Certificate cert) {
        String oid = cert.getSigAlgOID();
        String digest;
        if (PKCSObjectIdentifiers.id_RSASSA_PSS.getId().equals(oid)) {
            byte[] params = cert.getSigAlgParams();
            if (params == null) {
                return "SHA-256";
            }
            RSASSAPSSparams pss = RSASSAPSSparams.getInstance(ASN1Sequence.getInstance(params));
            digest = new DefaultAlgorithmNameFinder().getAlgorithmName(pss.getHashAlgorithm().getAlgorithm());
        } else {
            String name = cert.getSigAlgName().toUpperCase(Locale.ROOT);
            int with = name.indexOf("WITH");
            if (with <= 0) {
                return null;
            }
            digest = name.substring(0, with);
        }
        String d = digest.toUpperCase(Locale.ROOT).replace("-", "");
        switch (d) {
            case "MD5":
            case "SHA1":
            case "SHA256":
                return "SHA-256";
            case "SHA224":
                return "SHA-224";
            case "SHA384":
                return "SHA-384";
            case "SHA512":
                return "SHA-512";
            default:
                return null;
        }
    }
}
