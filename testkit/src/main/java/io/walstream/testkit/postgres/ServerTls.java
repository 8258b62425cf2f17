package io.walstream.testkit.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;

/**
 * The TLS files a test server uses: its certificate chain and key, and the CA file it checks client
 * certificates against ({@code ssl_ca_file}). Set with {@link PostgresConfig.Builder#serverTls}, which also
 * turns {@code ssl=on}; swap them on a running server with {@link #replace}. Make them with {@link TestPki}.
 *
 * <p><b>Thread safety:</b> immutable. {@link #toString()} never shows the key.
 *
 * @param certificateChain PEM: the server certificate, then intermediates
 * @param privateKey PEM private key
 * @param clientCa PEM CA certificates for client certificates
 */
public record ServerTls(String certificateChain, String privateKey, String clientCa) {

    /** File names in the data directory. */
    static final String CERT = "server.crt";
    static final String KEY = "server.key";
    static final String CA = "client-ca.crt";

    public ServerTls {
        Objects.requireNonNull(certificateChain, "certificateChain");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(clientCa, "clientCa");
    }

    /** Writes the files into a data directory (the key with mode 0600), owned by the server's account. */
    void writeInto(Path dataDirectory) {
        try {
            Files.writeString(dataDirectory.resolve(CERT), certificateChain, StandardCharsets.US_ASCII);
            Path key = dataDirectory.resolve(KEY);
            Files.writeString(key, privateKey, StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            Files.writeString(dataDirectory.resolve(CA), clientCa, StandardCharsets.US_ASCII);
            ServerAccount account = ServerAccount.detect();
            account.own(dataDirectory.resolve(CERT));
            account.own(key);
            account.own(dataDirectory.resolve(CA));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the TLS files into " + dataDirectory, e);
        }
    }

    /**
     * Installs these files in a server that was set up with TLS, restarting it (stop, write, start on the same
     * port), so that the next connection is served with them.
     *
     * @param server the server
     */
    public void replace(PostgresServer server) {
        server.stop();
        writeInto(server.dataDirectory());
        server.start();
    }

    @Override
    public String toString() {
        return "ServerTls[chain " + certificateChain.length() + " chars, key <redacted>]";
    }
}
