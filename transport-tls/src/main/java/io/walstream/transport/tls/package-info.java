/**
 * TLS for walstream as a layer over any transport, on BouncyCastle's TLS ({@link io.walstream.transport.tls.BcTlsLayer}).
 * Put {@code io.walstream:walstream-transport-tls} on the class or module path and {@code sslmode} works as in
 * libpq; nothing else needs to be called.
 */
package io.walstream.transport.tls;
