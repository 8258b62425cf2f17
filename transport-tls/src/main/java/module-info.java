/**
 * walstream TLS layer on BouncyCastle's TLS: wraps any walstream transport after SSLRequest (or at once for
 * direct TLS), with libpq's certificate checks, client certificates and SCRAM channel-binding data.
 *
 * <p>Found by {@link java.util.ServiceLoader} as the {@link io.walstream.spi.TransportLayer} named
 * {@code bouncycastle}.
 */
module io.walstream.transport.tls {
    requires transitive io.walstream.core;
    requires org.bouncycastle.tls;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;

    exports io.walstream.transport.tls;

    provides io.walstream.spi.TransportLayer with io.walstream.transport.tls.BcTlsLayer;
}
