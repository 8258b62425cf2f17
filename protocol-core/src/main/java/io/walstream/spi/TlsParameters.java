package io.walstream.spi;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link TransportLayer} offers and how it verifies the server: the libpq {@code ssl*} settings after
 * walstream resolved their defaults. File paths are only read by the layer; a {@code null} path means "none".
 *
 * <p><b>Thread safety:</b> immutable; the key password is copied in and out and never appears in
 * {@link #toString()}.
 */
public final class TlsParameters {

    private final String serverName;
    private final boolean sendServerName;
    private final TlsVerification verification;
    private final Path rootCertificates;
    private final boolean systemRoots;
    private final Path crlFile;
    private final Path crlDirectory;
    private final Path clientCertificate;
    private final Path clientKey;
    private final char[] keyPassword;
    private final ClientCertificateMode clientCertificateMode;
    private final String minProtocol;
    private final String maxProtocol;
    private final List<String> applicationProtocols;
    private final boolean applicationProtocolRequired;

    private TlsParameters(Builder b) {
        this.serverName = Objects.requireNonNull(b.serverName, "serverName");
        this.sendServerName = b.sendServerName;
        this.verification = b.verification;
        this.rootCertificates = b.rootCertificates;
        this.systemRoots = b.systemRoots;
        this.crlFile = b.crlFile;
        this.crlDirectory = b.crlDirectory;
        this.clientCertificate = b.clientCertificate;
        this.clientKey = b.clientKey;
        this.keyPassword = b.keyPassword == null ? null : b.keyPassword.clone();
        this.clientCertificateMode = b.clientCertificateMode;
        this.minProtocol = b.minProtocol;
        this.maxProtocol = b.maxProtocol;
        this.applicationProtocols = List.copyOf(b.applicationProtocols);
        this.applicationProtocolRequired = b.applicationProtocolRequired;
        if (verification != TlsVerification.NONE && rootCertificates == null && !systemRoots) {
            throw new IllegalArgumentException("verification " + verification + " needs root certificates");
        }
    }

    /**
     * @param serverName the host as the user wrote it (not {@code hostaddr}): checked by verify-full and sent
     *        as SNI; may be an IP literal
     * @return a builder with libpq's defaults: SNI on, no verification, no client certificate, TLS 1.2 minimum
     */
    public static Builder builder(String serverName) {
        return new Builder(serverName);
    }

    /** @return the host name (or IP literal) the server's certificate is checked against */
    public String serverName() {
        return serverName;
    }

    /** @return whether to send SNI (never sent for IP literals, whatever this says) */
    public boolean sendServerName() {
        return sendServerName;
    }

    /** @return how to check the server's certificate */
    public TlsVerification verification() {
        return verification;
    }

    /** @return the PEM file of trusted roots, if any */
    public Optional<Path> rootCertificates() {
        return Optional.ofNullable(rootCertificates);
    }

    /** @return whether to trust the platform's default roots ({@code sslrootcert=system}) */
    public boolean systemRoots() {
        return systemRoots;
    }

    /** @return the PEM file of certificate revocation lists, if any */
    public Optional<Path> crlFile() {
        return Optional.ofNullable(crlFile);
    }

    /** @return a directory of PEM revocation lists, if any */
    public Optional<Path> crlDirectory() {
        return Optional.ofNullable(crlDirectory);
    }

    /** @return the client certificate file (PEM; skipped if it does not exist), if any */
    public Optional<Path> clientCertificate() {
        return Optional.ofNullable(clientCertificate);
    }

    /** @return the client private key file (PEM, PKCS#1 or PKCS#8, possibly encrypted), if any */
    public Optional<Path> clientKey() {
        return Optional.ofNullable(clientKey);
    }

    /** @return a copy of the passphrase of an encrypted client key, if one was given; wipe it after use */
    public Optional<char[]> keyPassword() {
        return keyPassword == null ? Optional.empty() : Optional.of(keyPassword.clone());
    }

    /** @return whether a client certificate may or must be sent */
    public ClientCertificateMode clientCertificateMode() {
        return clientCertificateMode;
    }

    /** @return the lowest protocol to offer, e.g. {@code TLSv1.2}; empty means no lower bound */
    public Optional<String> minProtocol() {
        return Optional.ofNullable(minProtocol);
    }

    /** @return the highest protocol to offer, e.g. {@code TLSv1.3}; empty means the newest supported */
    public Optional<String> maxProtocol() {
        return Optional.ofNullable(maxProtocol);
    }

    /** @return the ALPN protocols to offer, e.g. {@code [postgresql]}; empty for none */
    public List<String> applicationProtocols() {
        return applicationProtocols;
    }

    /** @return whether the server must agree to one of {@link #applicationProtocols()} (direct TLS) */
    public boolean applicationProtocolRequired() {
        return applicationProtocolRequired;
    }

    /** @return the settings, with the key password shown only as present or not */
    @Override
    public String toString() {
        return "TlsParameters[serverName=" + serverName + ", sni=" + sendServerName + ", verification=" + verification
                + ", roots=" + (systemRoots ? "system" : rootCertificates) + ", crl=" + crlFile + ", crlDir="
                + crlDirectory + ", cert=" + clientCertificate + ", key=" + clientKey + ", keyPassword="
                + (keyPassword == null ? "none" : "<redacted>") + ", certMode=" + clientCertificateMode
                + ", protocols=" + minProtocol + ".." + maxProtocol + ", alpn=" + applicationProtocols
                + (applicationProtocolRequired ? " (required)" : "") + "]";
    }

    /**
     * Builds {@link TlsParameters}.
     *
     * <p><b>Thread safety:</b> not thread-safe; use from one thread.
     */
    public static final class Builder {
        private final String serverName;
        private boolean sendServerName = true;
        private TlsVerification verification = TlsVerification.NONE;
        private Path rootCertificates;
        private boolean systemRoots;
        private Path crlFile;
        private Path crlDirectory;
        private Path clientCertificate;
        private Path clientKey;
        private char[] keyPassword;
        private ClientCertificateMode clientCertificateMode = ClientCertificateMode.ALLOW;
        private String minProtocol = "TLSv1.2";
        private String maxProtocol;
        private List<String> applicationProtocols = List.of();
        private boolean applicationProtocolRequired;

        private Builder(String serverName) {
            this.serverName = serverName;
        }

        /** @param send whether to send SNI for a host name; @return this */
        public Builder sendServerName(boolean send) {
            this.sendServerName = send;
            return this;
        }

        /** @param v how to verify the server; @return this */
        public Builder verification(TlsVerification v) {
            this.verification = Objects.requireNonNull(v, "verification");
            return this;
        }

        /** @param file a PEM file of trusted roots, or {@code null}; @return this */
        public Builder rootCertificates(Path file) {
            this.rootCertificates = file;
            return this;
        }

        /** @param system whether to trust the platform's roots; @return this */
        public Builder systemRoots(boolean system) {
            this.systemRoots = system;
            return this;
        }

        /** @param file a PEM CRL file, or {@code null}; @return this */
        public Builder crlFile(Path file) {
            this.crlFile = file;
            return this;
        }

        /** @param dir a directory of PEM CRLs, or {@code null}; @return this */
        public Builder crlDirectory(Path dir) {
            this.crlDirectory = dir;
            return this;
        }

        /**
         * @param certificate the client certificate file, or {@code null}
         * @param key its private key file, or {@code null}
         * @param password the key's passphrase (copied), or {@code null}
         * @return this
         */
        public Builder clientCertificate(Path certificate, Path key, char[] password) {
            this.clientCertificate = certificate;
            this.clientKey = key;
            this.keyPassword = password == null ? null : password.clone();
            return this;
        }

        /** @param mode the {@code sslcertmode}; @return this */
        public Builder clientCertificateMode(ClientCertificateMode mode) {
            this.clientCertificateMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * @param min the lowest version ({@code TLSv1}, {@code TLSv1.1}, {@code TLSv1.2}, {@code TLSv1.3}) or
         *        {@code null} for no bound
         * @param max the highest version or {@code null} for no bound
         * @return this
         */
        public Builder protocols(String min, String max) {
            this.minProtocol = min;
            this.maxProtocol = max;
            return this;
        }

        /**
         * @param protocols the ALPN protocols to offer
         * @param required whether the server must agree to one
         * @return this
         */
        public Builder applicationProtocols(List<String> protocols, boolean required) {
            this.applicationProtocols = List.copyOf(protocols);
            this.applicationProtocolRequired = required;
            return this;
        }

        /** @return the parameters */
        public TlsParameters build() {
            return new TlsParameters(this);
        }
    }
}
