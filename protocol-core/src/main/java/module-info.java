/**
 * walstream protocol core: the transport SPI, the wire codec with its drain loop, and the value
 * types shared by every other walstream module.
 *
 * <p>Depends on the JDK and {@code org.slf4j} only. Transports are found with
 * {@link java.util.ServiceLoader} through {@link io.walstream.spi.TransportProvider}.
 */
module io.walstream.core {
    requires transitive org.slf4j;

    exports io.walstream;
    exports io.walstream.spi;
    exports io.walstream.codec;
    exports io.walstream.replication;
    exports io.walstream.conn;
    exports io.walstream.pgoutput.types;
    exports io.walstream.pgoutput;
    exports io.walstream.snapshot;

    uses io.walstream.spi.TransportProvider;
    uses io.walstream.spi.TransportLayer;
}
