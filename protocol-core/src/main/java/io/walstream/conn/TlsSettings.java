package io.walstream.conn;

import io.walstream.spi.ClientCertificateMode;
import io.walstream.spi.TlsParameters;
import io.walstream.spi.TlsVerification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * libpq's TLS rules, turned into {@link TlsParameters} for one host: which certificate checks an
 * {@code sslmode} implies (libpq verifies the chain under {@code allow}, {@code prefer} and {@code require}
 * too when a root certificate file exists), the default files under {@code ~/.postgresql}
 * ({@code root.crt}, {@code root.crl}, {@code postgresql.crt}, {@code postgresql.key}), {@code sslrootcert=system},
 * {@code sslsni}, {@code sslcertmode}, the protocol range and ALPN ({@code postgresql}, required for direct TLS).
 *
 * <p><b>Thread safety:</b> stateless.
 */
final class TlsSettings {

    /** The ALPN protocol PostgreSQL 17+ servers speak. */
    static final String ALPN = "postgresql";

    private TlsSettings() {
    }

    /**
     * @param config the configuration
     * @param host the host being connected to
     * @param direct whether this is direct TLS (ALPN required)
     * @return the parameters for the layer
     * @throws TlsNegotiationException if verification is required but impossible (no root file, no host name)
     */
    static TlsParameters forHost(ConnectionConfig config, HostSpec host, boolean direct) {
        SslMode mode = config.sslMode();
        Optional<Path> dir = config.tlsDirectory();
        String rootText = config.sslRootCert().filter(s -> !s.isEmpty()).orElse(null);
        boolean system = "system".equals(rootText);
        Path root = system ? null : rootText != null ? Path.of(rootText) : dir.map(d -> d.resolve("root.crt")).orElse(null);
        boolean rootExists = root != null && Files.isRegularFile(root);
        TlsVerification verification;
        if (mode == SslMode.VERIFY_FULL) {
            verification = TlsVerification.CHAIN_AND_HOST;
        } else if (mode == SslMode.VERIFY_CA) {
            verification = TlsVerification.CHAIN;
        } else {
            verification = rootExists || system ? TlsVerification.CHAIN : TlsVerification.NONE;
        }
        if (verification != TlsVerification.NONE && !system && !rootExists) {
            throw new TlsNegotiationException("sslmode=" + mode.keyword() + " needs a root certificate file to verify"
                    + " the server, but " + (root == null ? "no home directory is known for ~/.postgresql/root.crt"
                            : "root certificate file \"" + root + "\" does not exist")
                    + "; provide the file with sslrootcert, use the system's trusted roots with sslrootcert=system, or"
                    + " change sslmode to disable server certificate verification. Nothing was sent.");
        }
        String checkedName = host.host().isEmpty() ? host.hostaddr() : host.host();
        if (verification == TlsVerification.CHAIN_AND_HOST && host.host().isEmpty()) {
            throw new TlsNegotiationException("sslmode=verify-full needs a host name to check the server certificate"
                    + " against; only hostaddr=" + host.hostaddr() + " was given. Nothing was sent.");
        }
        TlsParameters.Builder b = TlsParameters.builder(checkedName)
                .verification(verification)
                .rootCertificates(verification == TlsVerification.NONE || system ? null : root)
                .systemRoots(system && verification != TlsVerification.NONE)
                .sendServerName(!"0".equals(config.rawValue("sslsni").orElse("1")));
        if (verification != TlsVerification.NONE) {
            Path crl = config.rawValue("sslcrl").filter(s -> !s.isEmpty()).map(Path::of)
                    .orElseGet(() -> dir.map(d -> d.resolve("root.crl")).filter(Files::isRegularFile).orElse(null));
            b.crlFile(crl);
            b.crlDirectory(config.rawValue("sslcrldir").filter(s -> !s.isEmpty()).map(Path::of).orElse(null));
        }
        ClientCertificateMode certMode = certMode(config.rawValue("sslcertmode").orElse("allow"));
        b.clientCertificateMode(certMode);
        if (certMode != ClientCertificateMode.DISABLE) {
            Path cert = config.sslCert().filter(s -> !s.isEmpty()).map(Path::of)
                    .orElseGet(() -> dir.map(d -> d.resolve("postgresql.crt")).orElse(null));
            Path key = config.sslKey().filter(s -> !s.isEmpty()).map(Path::of)
                    .orElseGet(() -> dir.map(d -> d.resolve("postgresql.key")).orElse(null));
            char[] password = config.sslPassword().orElse(null);
            try {
                b.clientCertificate(cert, key, password);
            } finally {
                if (password != null) {
                    java.util.Arrays.fill(password, '\0');
                }
            }
        }
        String min = config.rawValue("ssl_min_protocol_version").orElse("TLSv1.2");
        String max = config.rawValue("ssl_max_protocol_version").orElse(null);
        b.protocols(min.isEmpty() ? null : canonical(min), max == null || max.isEmpty() ? null : canonical(max));
        b.applicationProtocols(List.of(ALPN), direct);
        return b.build();
    }

    private static ClientCertificateMode certMode(String v) {
        switch (v) {
            case "disable":
                return ClientCertificateMode.DISABLE;
            case "require":
                return ClientCertificateMode.REQUIRE;
            default:
                return ClientCertificateMode.ALLOW;
        }
    }

    /** libpq accepts the version names case-insensitively; the layer gets {@code TLSv1.x}. */
    private static String canonical(String v) {
        switch (v.toLowerCase(Locale.ROOT)) {
            case "tlsv1":
                return "TLSv1";
            case "tlsv1.1":
                return "TLSv1.1";
            case "tlsv1.2":
                return "TLSv1.2";
            default:
                return "TLSv1.3";
        }
    }
}
