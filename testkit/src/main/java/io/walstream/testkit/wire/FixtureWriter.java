package io.walstream.testkit.wire;

import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Renders a {@link CapturingTransport} recording as a {@code .pgw} fixture: one frame per line, the tag and
 * length first, the payload in groups of four bytes, and a comment naming the message.
 *
 * <p>Secrets are scrubbed: every byte of a client {@code p} message (password, SASL) becomes the {@code ..}
 * wildcard. Client bytes are not replayed, so wildcards there only relax the peer's check. Server bytes are
 * kept as captured.
 *
 * <p><b>Thread safety:</b> stateless.
 */
public final class FixtureWriter {

    private static final Set<Character> SCRUBBED_CLIENT_TAGS = Set.of('p');

    private FixtureWriter() {
    }

    /**
     * @param title one line saying what was captured
     * @param segments the recording
     * @return the fixture text
     */
    public static String render(String title, List<CapturingTransport.Segment> segments) {
        StringBuilder sb = new StringBuilder(FixtureParser.HEADER).append('\n');
        sb.append("# ").append(title.replace('\n', ' ')).append('\n');
        boolean first = true;
        for (CapturingTransport.Segment s : segments) {
            byte[] b = s.bytes();
            int pos = 0;
            if (first && s.direction() == Direction.CLIENT_TO_SERVER && b.length >= 8) {
                int len = ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
                if (len >= 8 && len <= b.length) {
                    line(sb, s.direction(), b, 0, len, "untagged startup packet", false);
                    pos = len;
                }
            }
            first = false;
            while (pos < b.length) {
                if (b.length - pos < 5) {
                    line(sb, s.direction(), b, pos, b.length - pos, "partial bytes", false);
                    break;
                }
                int len = ((b[pos + 1] & 0xff) << 24) | ((b[pos + 2] & 0xff) << 16) | ((b[pos + 3] & 0xff) << 8)
                        | (b[pos + 4] & 0xff);
                int total = len < 4 || pos + 1L + len > b.length ? b.length - pos : 1 + len;
                char tag = (char) (b[pos] & 0xff);
                boolean scrub = s.direction() == Direction.CLIENT_TO_SERVER && SCRUBBED_CLIENT_TAGS.contains(tag);
                line(sb, s.direction(), b, pos, total, describe(s.direction(), tag) + ", len=" + len
                        + (scrub ? " (scrubbed)" : ""), scrub);
                pos += total;
            }
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, Direction d, byte[] b, int from, int n, String comment, boolean scrub) {
        boolean tagged = !comment.startsWith("untagged") && !comment.startsWith("partial") && n >= 5;
        int head = tagged ? 5 : Math.min(n, 4);
        HexFormat hex = HexFormat.of();
        sb.append(d.marker()).append(' ');
        if (tagged) {
            sb.append(hex.formatHex(b, from, from + 1)).append(' ').append(hex.formatHex(b, from + 1, from + 5));
        } else {
            sb.append(hex.formatHex(b, from, from + head));
        }
        sb.append("  # ").append(comment).append('\n');
        for (int i = head; i < n; i += 16) {
            sb.append("  ");
            for (int k = i; k < Math.min(n, i + 16); k++) {
                if ((k - i) % 4 == 0) {
                    sb.append(' ');
                }
                sb.append(scrub ? ".." : hex.toHexDigits(b[from + k]));
            }
            sb.append('\n');
        }
    }

    private static String describe(Direction d, char tag) {
        String name = d == Direction.SERVER_TO_CLIENT ? backend(tag) : frontend(tag);
        return "'" + tag + "' " + name;
    }

    private static String backend(char tag) {
        switch (tag) {
            case 'R': return "Authentication";
            case 'S': return "ParameterStatus";
            case 'K': return "BackendKeyData";
            case 'Z': return "ReadyForQuery";
            case 'T': return "RowDescription";
            case 'D': return "DataRow";
            case 'C': return "CommandComplete";
            case 'E': return "ErrorResponse";
            case 'N': return "NoticeResponse";
            case 'W': return "CopyBothResponse";
            case 'd': return "CopyData";
            case 'c': return "CopyDone";
            case 'v': return "NegotiateProtocolVersion";
            case 'I': return "EmptyQueryResponse";
            default: return "message";
        }
    }

    private static String frontend(char tag) {
        switch (tag) {
            case 'p': return "Password/SASL";
            case 'Q': return "Query";
            case 'X': return "Terminate";
            case 'd': return "CopyData";
            case 'c': return "CopyDone";
            default: return "message";
        }
    }

}
