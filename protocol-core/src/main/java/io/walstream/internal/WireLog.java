package io.walstream.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code io.walstream.wire} logger: one TRACE line per frame, {@code <<} from the server and {@code >>}
 * to it. Only tags and lengths are logged here, never payloads, so no secret can leak. Not exported.
 *
 * <p><b>Thread safety:</b> stateless.
 */
public final class WireLog {
    /** The logger users enable to see the protocol trace. */
    public static final Logger WIRE = LoggerFactory.getLogger("io.walstream.wire");

    private WireLog() {
    }

    /**
     * Logs one inbound frame header if TRACE is on.
     *
     * @param tag the tag byte
     * @param length the length field
     * @param offset the stream offset
     */
    public static void inbound(int tag, int length, long offset) {
        if (WIRE.isTraceEnabled()) {
            WIRE.trace("<< {} len={} offset={}", printable(tag), length, offset);
        }
    }

    /**
     * Logs one outbound message if TRACE is on. Password and SASL messages ({@code p}) are logged as
     * {@code p len=N [redacted]}; nothing else about them is ever logged.
     *
     * @param tag the tag byte, or 0 for untagged startup packets
     * @param length the length field
     */
    public static void outbound(int tag, int length) {
        if (WIRE.isTraceEnabled()) {
            WIRE.trace(">> {} len={}{}", tag == 0 ? "startup" : printable(tag), length,
                    tag == 'p' ? " [redacted]" : "");
        }
    }

    private static String printable(int tag) {
        return tag >= 0x20 && tag < 0x7f ? String.valueOf((char) tag) : String.format("0x%02x", tag);
    }

    /**
     * Logs a decoded CopyBoth message if TRACE is on, e.g. {@code << d len=50 w walStart=0/16B3F28 walEnd=...}.
     *
     * @param direction {@code "<<"} or {@code ">>"}
     * @param length the CopyData length field
     * @param detail the message description (positions only; never payload bytes)
     */
    public static void copyData(String direction, int length, java.util.function.Supplier<String> detail) {
        if (WIRE.isTraceEnabled()) {
            WIRE.trace("{} d len={} {}", direction, length, detail.get());
        }
    }
}
