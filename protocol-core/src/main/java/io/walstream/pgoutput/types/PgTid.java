package io.walstream.pgoutput.types;

/**
 * A {@code tid} value: a tuple's physical location, block number and item offset within the block; printed
 * {@code (0,1)} as PostgreSQL does.
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param block the block number (unsigned 32-bit)
 * @param offset the item offset within the block (unsigned 16-bit)
 */
public record PgTid(long block, int offset) {

    /** @return {@code (block,offset)} */
    @Override
    public String toString() {
        return "(" + block + "," + offset + ")";
    }
}
