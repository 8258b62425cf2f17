/**
 * The CopyBoth layer of streaming replication: {@link io.walstream.replication.XLogData},
 * {@link io.walstream.replication.PrimaryKeepalive} and {@link io.walstream.replication.StandbyStatusUpdate},
 * decoded and encoded from CopyData payloads.
 */
package io.walstream.replication;
