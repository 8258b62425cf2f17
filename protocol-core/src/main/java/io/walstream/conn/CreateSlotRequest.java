package io.walstream.conn;

import java.util.Objects;

/**
 * What {@code CREATE_REPLICATION_SLOT} should create. Build with {@link #logical} or {@link #physical}.
 *
 * <p>Options a server version cannot accept are refused by {@link ReplicationCommands} before anything is
 * sent: {@code TWO_PHASE} needs PostgreSQL 15, {@code FAILOVER} 17. Options of the other slot kind are refused
 * here.
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param slotName the slot name (PostgreSQL allows {@code [a-z0-9_]}, at most 63 bytes)
 * @param type logical or physical
 * @param plugin the output plugin for a logical slot, else {@code null}
 * @param temporary dropped at the end of the session
 * @param snapshot for a logical slot, what to do with the snapshot; {@code null} leaves the server's default
 * @param twoPhase logical: decode prepared transactions at PREPARE time (15+)
 * @param reserveWal physical: reserve WAL at once
 * @param failover logical: sync the slot to standbys (17+)
 */
public record CreateSlotRequest(String slotName, SlotType type, String plugin, boolean temporary,
                                SnapshotAction snapshot, boolean twoPhase, boolean reserveWal, boolean failover) {

    public CreateSlotRequest {
        Objects.requireNonNull(slotName, "slotName");
        Objects.requireNonNull(type, "type");
        if (type == SlotType.LOGICAL) {
            Objects.requireNonNull(plugin, "plugin");
            if (reserveWal) {
                throw new IllegalArgumentException("RESERVE_WAL applies to physical slots only");
            }
        } else {
            if (plugin != null) {
                throw new IllegalArgumentException("A physical slot has no output plugin");
            }
            if (snapshot != null || twoPhase || failover) {
                throw new IllegalArgumentException("SNAPSHOT, TWO_PHASE and FAILOVER apply to logical slots only");
            }
        }
    }

    /**
     * @param slotName the slot name
     * @param plugin the output plugin, e.g. {@code pgoutput}
     * @return a logical slot request with the server's defaults
     */
    public static CreateSlotRequest logical(String slotName, String plugin) {
        return new CreateSlotRequest(slotName, SlotType.LOGICAL, plugin, false, null, false, false, false);
    }

    /**
     * @param slotName the slot name
     * @return a physical slot request with the server's defaults
     */
    public static CreateSlotRequest physical(String slotName) {
        return new CreateSlotRequest(slotName, SlotType.PHYSICAL, null, false, null, false, false, false);
    }

    /** @param value temporary or not @return a copy */
    public CreateSlotRequest withTemporary(boolean value) {
        return new CreateSlotRequest(slotName, type, plugin, value, snapshot, twoPhase, reserveWal, failover);
    }

    /** @param value the snapshot action @return a copy */
    public CreateSlotRequest withSnapshot(SnapshotAction value) {
        return new CreateSlotRequest(slotName, type, plugin, temporary, value, twoPhase, reserveWal, failover);
    }

    /** @param value two-phase or not @return a copy */
    public CreateSlotRequest withTwoPhase(boolean value) {
        return new CreateSlotRequest(slotName, type, plugin, temporary, snapshot, value, reserveWal, failover);
    }

    /** @param value reserve WAL or not @return a copy */
    public CreateSlotRequest withReserveWal(boolean value) {
        return new CreateSlotRequest(slotName, type, plugin, temporary, snapshot, twoPhase, value, failover);
    }

    /** @param value failover or not @return a copy */
    public CreateSlotRequest withFailover(boolean value) {
        return new CreateSlotRequest(slotName, type, plugin, temporary, snapshot, twoPhase, reserveWal, value);
    }
}
