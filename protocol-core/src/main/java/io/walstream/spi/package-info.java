/**
 * The transport SPI: how walstream gets bytes to and from a server.
 *
 * <p>A transport module implements {@link io.walstream.spi.TransportProvider}, which makes
 * {@link io.walstream.spi.Transport}s, each a {@link io.walstream.spi.ByteSource} and a
 * {@link io.walstream.spi.ByteSink}. Providers are found with {@link java.util.ServiceLoader} and chosen
 * by {@link io.walstream.spi.Transports}. A transport never parses PostgreSQL messages. Every rule an
 * implementation must satisfy has an ID (BS-xx, WR-xx, LC-xx, FX-xx) checked by the testkit's
 * {@code TransportConformanceSuite}.
 */
package io.walstream.spi;
