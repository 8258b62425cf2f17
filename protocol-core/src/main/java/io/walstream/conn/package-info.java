/**
 * Connections to PostgreSQL.
 *
 * <p>Configuration is libpq-compatible: {@link io.walstream.conn.ConnectionConfig} parses the two
 * connection-string forms libpq accepts (keyword/value and {@code postgresql://} URIs), fills unset
 * parameters from the {@code PG*} environment variables through an injectable
 * {@link io.walstream.conn.Environment}, applies libpq's built-in defaults, and finds passwords in the
 * password file ({@link io.walstream.conn.PgPass}, {@code ~/.pgpass}).
 *
 * <p>Configuration differences from libpq, all deliberate:
 * <ul>
 *   <li>There are no Unix-domain sockets: when no host is given the default is {@code localhost} (TCP),
 *       not the compiled-in socket directory. A host that starts with {@code /} or {@code @} is kept as
 *       given and reported by {@link io.walstream.conn.HostSpec#isUnixSocket()}; connecting to it is
 *       up to the transport.</li>
 *   <li>Service files ({@code service}, {@code servicefile}, {@code PGSERVICE}) are not supported and
 *       are rejected rather than ignored.</li>
 *   <li>Error messages never echo a password or other secret, even where libpq's would.</li>
 * </ul>
 */
package io.walstream.conn;
