package io.walstream.conn;

import io.walstream.Lsn;

/**
 * The result of {@code IDENTIFY_SYSTEM}.
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param systemId the cluster's system identifier (a decimal unsigned 64-bit number, kept as text)
 * @param timeline the current timeline (int4 before PostgreSQL 16, int8 since)
 * @param xlogPos the current WAL flush position
 * @param dbName the database of a logical replication connection, or {@code null} for physical
 */
public record SystemIdentity(String systemId, long timeline, Lsn xlogPos, String dbName) {
}
