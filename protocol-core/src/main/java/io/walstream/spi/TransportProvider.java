package io.walstream.spi;

import java.io.IOException;

/**
 * Makes {@link Transport}s of one kind. Found with {@link java.util.ServiceLoader}; declare it both in
 * {@code module-info.java} ({@code provides io.walstream.spi.TransportProvider with ...}) and in
 * {@code META-INF/services/io.walstream.spi.TransportProvider}, and give it a public no-argument constructor.
 *
 * <p><b>Thread safety:</b> implementations must be thread-safe; {@link #connect} may be called from many
 * threads at once.
 *
 * <h2>Implementing</h2>
 * Run the testkit's {@code TransportConformanceSuite} against your provider: extend it in your tests with
 * one factory method and declare your optional capabilities. You must: return a stable lower-case
 * {@link #name()} (LC-08); honour {@link TransportOption#CONNECT_TIMEOUT} and fail with an
 * {@link IOException} that names host and port when the server cannot be reached (LC-04, LC-05). You need
 * not: do TLS (that is a layer over any transport), resolve PostgreSQL connection strings, or retry.
 */
public interface TransportProvider {

    /** @return a stable, lower-case, user-visible name such as {@code nio} or {@code netty} */
    String name();

    /**
     * Breaks ties when several providers are installed and none is named: the highest wins. Default 0.
     *
     * @return the priority
     */
    default int priority() {
        return 0;
    }

    /**
     * Whether this provider can work in this JVM at all (for example, a native library loaded). Providers
     * that answer {@code false} are reported and skipped by selection. Default {@code true}.
     *
     * @return {@code true} if usable
     */
    default boolean isAvailable() {
        return true;
    }

    /**
     * Whether this provider can honour these options (for example, an option value of a type it needs).
     * Default: {@link #isAvailable()}.
     *
     * @param options the options a connection will use
     * @return {@code true} if {@link #connect} will accept them
     */
    default boolean supports(TransportOptions options) {
        return isAvailable();
    }

    /**
     * Opens a connection.
     *
     * @param endpoint where to connect
     * @param options settings; unknown keys are ignored
     * @return the connected transport
     * @throws IOException if the connection cannot be made; the message names the endpoint
     */
    Transport connect(Endpoint endpoint, TransportOptions options) throws IOException;
}
