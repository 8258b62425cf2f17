package io.walstream.transport.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads certificates and CRLs from PEM (or DER) files, naming the file and the connection keyword in errors.
 *
 * <p><b>Thread safety:</b> stateless.
 */
final class PemFiles {

    private PemFiles() {
    }

    static List<X509Certificate> certificates(Path file, String keyword) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> out = new ArrayList<>();
            CertificateFactory.getInstance("X.509").generateCertificates(in).forEach(c -> out.add((X509Certificate) c));
            return out;
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException(keyword + " file \"" + file + "\" does not exist", e);
        } catch (CertificateException e) {
            throw new IOException("could not read certificates from " + keyword + " file \"" + file + "\": "
                    + e.getMessage(), e);
        }
    }

    static List<X509CRL> crls(Path file, String keyword) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509CRL> out = new ArrayList<>();
            CertificateFactory.getInstance("X.509").generateCRLs(in).forEach(c -> out.add((X509CRL) c));
            return out;
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException(keyword + " file \"" + file + "\" does not exist", e);
        } catch (CertificateException | CRLException e) {
            throw new IOException("could not read CRLs from " + keyword + " file \"" + file + "\": " + e.getMessage(), e);
        }
    }

    /** Every regular file of the directory that parses as CRLs (OpenSSL looks them up by hash name). */
    static List<X509CRL> crlDirectory(Path dir) throws IOException {
        List<X509CRL> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            throw new IOException("sslcrldir \"" + dir + "\" is not a directory");
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                if (Files.isRegularFile(f)) {
                    out.addAll(crls(f, "sslcrldir"));
                }
            }
        }
        return out;
    }
}
