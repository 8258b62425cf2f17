package io.walstream.conn;

import io.walstream.Lsn;

/**
 * The result of {@code CREATE_REPLICATION_SLOT}.
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param slotName the slot's name
 * @param consistentPoint the first position streaming can start from ({@code 0/0} for physical slots)
 * @param snapshotName the exported snapshot, valid until the next command on the creating connection; or
 *        {@code null}
 * @param outputPlugin the output plugin, or {@code null} for physical slots
 */
public record CreatedSlot(String slotName, Lsn consistentPoint, String snapshotName, String outputPlugin) {
}
