package io.walstream.pgoutput;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * {@code TRUNCATE} of one or more tables.
 *
 * <pre>
 * Byte1 'T' | [Int32 xid, inside a stream block] | Int32 N | Int8 options (1 = CASCADE, 2 = RESTART IDENTITY)
 *   | N x Int32 relation OID
 * </pre>
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param streamXid the leading xid inside a stream block, else empty
 * @param options the option bits (0–255)
 * @param relationOids the truncated tables' OIDs (unsigned), in wire order
 */
public record Truncate(OptionalInt streamXid, int options, List<Integer> relationOids) implements PgOutputMessage {

    /** The message type byte. */
    public static final char TAG = 'T';
    /** Option bit: {@code TRUNCATE … CASCADE}. */
    public static final int OPTION_CASCADE = 1;
    /** Option bit: {@code TRUNCATE … RESTART IDENTITY}. */
    public static final int OPTION_RESTART_IDENTITY = 2;

    public Truncate {
        Objects.requireNonNull(streamXid, "streamXid");
        relationOids = List.copyOf(relationOids);
    }

    /** Outside a stream block. */
    public Truncate(int options, List<Integer> relationOids) {
        this(OptionalInt.empty(), options, relationOids);
    }

    /** @return whether {@code CASCADE} was given */
    public boolean isCascade() {
        return (options & OPTION_CASCADE) != 0;
    }

    /** @return whether {@code RESTART IDENTITY} was given */
    public boolean isRestartIdentity() {
        return (options & OPTION_RESTART_IDENTITY) != 0;
    }

    @Override
    public char tag() {
        return TAG;
    }

    @Override
    public String describe() {
        StringBuilder opts = new StringBuilder();
        if (isCascade()) {
            opts.append("CASCADE");
        }
        if (isRestartIdentity()) {
            opts.append(opts.length() > 0 ? "|" : "").append("RESTART_IDENTITY");
        }
        int other = options & ~(OPTION_CASCADE | OPTION_RESTART_IDENTITY);
        if (other != 0) {
            opts.append(opts.length() > 0 ? "|" : "").append("0x").append(Integer.toHexString(other));
        }
        return "Truncate " + Describe.xid(streamXid) + "rels=["
                + relationOids.stream().map(Describe::u32).collect(Collectors.joining(", ")) + "] options="
                + (opts.length() == 0 ? "none" : opts);
    }
}
