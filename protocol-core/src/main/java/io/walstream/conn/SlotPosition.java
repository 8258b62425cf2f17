package io.walstream.conn;

import io.walstream.Lsn;

/**
 * The result of {@code READ_REPLICATION_SLOT} (PostgreSQL 15+, physical slots).
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param slotType {@code physical}
 * @param restartLsn the slot's restart position, or {@code null}
 * @param restartTimeline the timeline of that position, or {@code null}
 */
public record SlotPosition(String slotType, Lsn restartLsn, Long restartTimeline) {
}
