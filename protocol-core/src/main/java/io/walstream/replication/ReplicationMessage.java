package io.walstream.replication;

/**
 * A message the walsender sends inside CopyBoth, decoded from a CopyData payload by
 * {@link CopyBothDecoder}.
 *
 * <p><b>Thread safety:</b> implementations are immutable.
 */
public sealed interface ReplicationMessage permits XLogData, PrimaryKeepalive {

    /** @return the canonical one-line rendering used by golden files (stable, unlike {@code toString()}) */
    String describe();
}
