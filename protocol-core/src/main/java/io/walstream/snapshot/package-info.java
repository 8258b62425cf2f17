/**
 * Table snapshots: the rows that exist before change data capture starts, copied as of a replication slot's
 * exported snapshot and handed over as rows with the same relation metadata and typed accessors as streamed rows.
 *
 * <p>{@link io.walstream.snapshot.InitialSnapshot} chains a snapshot with a
 * {@link io.walstream.LogicalReplicationStream} (slot creation, copy, then streaming from the consistent point,
 * with a documented clean restart); {@link io.walstream.snapshot.TableSnapshot} copies the tables of publications
 * as of any exported snapshot, in parallel by table and ctid range, with bounded memory. Reading uses the COPY OUT
 * sub-protocol ({@link io.walstream.conn.CopyOut}).
 */
package io.walstream.snapshot;
