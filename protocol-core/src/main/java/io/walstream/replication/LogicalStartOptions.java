package io.walstream.replication;

import io.walstream.Lsn;
import java.util.List;
import java.util.Objects;

/**
 * What to ask pgoutput for in {@code START_REPLICATION ... LOGICAL}.
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param slotName the logical slot
 * @param publications one or more publication names (case kept: they are sent double-quoted)
 * @param startLsn where to start; {@link Lsn#INVALID} ({@code 0/0}) resumes from the slot's confirmed position
 * @param protoVersion 1–4, or 0 to use the highest the server supports (14→2, 15→3, 16+→4)
 * @param binary send column values in binary format (14+)
 * @param messages include logical decoding messages (14+)
 * @param streaming how large in-progress transactions are sent
 * @param twoPhase decode prepared transactions at PREPARE (15+, protocol 3+)
 * @param origin {@code "any"}, {@code "none"} (16+) or {@code null} to leave the server default
 */
public record LogicalStartOptions(String slotName, List<String> publications, Lsn startLsn, int protoVersion,
                                  boolean binary, boolean messages, StreamingMode streaming, boolean twoPhase,
                                  String origin) {

    public LogicalStartOptions {
        Objects.requireNonNull(slotName, "slotName");
        publications = List.copyOf(publications);
        if (publications.isEmpty()) {
            throw new IllegalArgumentException("At least one publication is needed");
        }
        startLsn = startLsn == null ? Lsn.INVALID : startLsn;
        if (protoVersion < 0 || protoVersion > 4) {
            throw new IllegalArgumentException("proto_version " + protoVersion + " is outside 1..4 (0 = automatic)");
        }
        streaming = streaming == null ? StreamingMode.OFF : streaming;
        if (origin != null && !origin.equalsIgnoreCase("any") && !origin.equalsIgnoreCase("none")) {
            throw new IllegalArgumentException("origin must be 'any' or 'none', not '" + origin + "'");
        }
    }

    /**
     * @param slotName the slot
     * @param publications the publications
     * @return options with everything at its default
     */
    public static LogicalStartOptions of(String slotName, String... publications) {
        return new LogicalStartOptions(slotName, List.of(publications), Lsn.INVALID, 0, false, false,
                StreamingMode.OFF, false, null);
    }

    /** @param lsn the start position @return a copy */
    public LogicalStartOptions withStartLsn(Lsn lsn) {
        return new LogicalStartOptions(slotName, publications, lsn, protoVersion, binary, messages, streaming, twoPhase, origin);
    }

    /** @param version 1-4 or 0 @return a copy */
    public LogicalStartOptions withProtoVersion(int version) {
        return new LogicalStartOptions(slotName, publications, startLsn, version, binary, messages, streaming, twoPhase, origin);
    }

    /** @param value binary or not @return a copy */
    public LogicalStartOptions withBinary(boolean value) {
        return new LogicalStartOptions(slotName, publications, startLsn, protoVersion, value, messages, streaming, twoPhase, origin);
    }

    /** @param value messages or not @return a copy */
    public LogicalStartOptions withMessages(boolean value) {
        return new LogicalStartOptions(slotName, publications, startLsn, protoVersion, binary, value, streaming, twoPhase, origin);
    }

    /** @param value the streaming mode @return a copy */
    public LogicalStartOptions withStreaming(StreamingMode value) {
        return new LogicalStartOptions(slotName, publications, startLsn, protoVersion, binary, messages, value, twoPhase, origin);
    }

    /** @param value two-phase or not @return a copy */
    public LogicalStartOptions withTwoPhase(boolean value) {
        return new LogicalStartOptions(slotName, publications, startLsn, protoVersion, binary, messages, streaming, value, origin);
    }

    /** @param value "any", "none" or null @return a copy */
    public LogicalStartOptions withOrigin(String value) {
        return new LogicalStartOptions(slotName, publications, startLsn, protoVersion, binary, messages, streaming, twoPhase, value);
    }
}
