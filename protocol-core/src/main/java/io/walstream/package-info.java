/**
 * walstream's public value types and exceptions: {@link io.walstream.Lsn} and the
 * {@link io.walstream.WalstreamException} hierarchy.
 */
package io.walstream;
