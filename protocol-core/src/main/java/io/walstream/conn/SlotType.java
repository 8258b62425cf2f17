package io.walstream.conn;

/**
 * The kind of a replication slot.
 *
 * <p><b>Thread safety:</b> immutable.
 */
public enum SlotType {
    /** Streams WAL as is. */
    PHYSICAL,
    /** Streams decoded changes through an output plugin such as pgoutput. */
    LOGICAL
}
