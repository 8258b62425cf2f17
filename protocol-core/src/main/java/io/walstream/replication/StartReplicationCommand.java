package io.walstream.replication;

import io.walstream.Lsn;
import io.walstream.conn.ServerVersion;
import io.walstream.conn.Sql;
import io.walstream.conn.UnsupportedByServerException;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders {@code START_REPLICATION} for a server version, refusing options the server cannot accept before
 * anything is sent.
 *
 * <pre>
 * START_REPLICATION SLOT "slot" LOGICAL 0/0 (proto_version '4', publication_names '"a","b"', binary 'true', ...)
 * START_REPLICATION [SLOT "slot"] PHYSICAL 0/16B3748 [TIMELINE 1]
 * </pre>
 *
 * <p><b>Thread safety:</b> stateless.
 */
public final class StartReplicationCommand {

    private StartReplicationCommand() {
    }

    /**
     * @param version the server version
     * @return the highest pgoutput protocol the server supports: 14→2, 15→3, 16+→4 (1 below 14)
     */
    public static int highestProtoVersion(ServerVersion version) {
        if (version.atLeast(16)) {
            return 4;
        }
        if (version.atLeast(15)) {
            return 3;
        }
        return version.atLeast(14) ? 2 : 1;
    }

    /**
     * @param o the options
     * @param version the server's version
     * @return the protocol version that will be requested
     */
    public static int effectiveProtoVersion(LogicalStartOptions o, ServerVersion version) {
        return o.protoVersion() == 0 ? highestProtoVersion(version) : o.protoVersion();
    }

    /**
     * @param o the options
     * @param version the server's version
     * @return the command text
     * @throws UnsupportedByServerException if an option needs a newer server or protocol
     */
    public static String logical(LogicalStartOptions o, ServerVersion version) {
        int proto = effectiveProtoVersion(o, version);
        int max = highestProtoVersion(version);
        if (proto > max) {
            throw new UnsupportedByServerException("proto_version " + proto + " needs PostgreSQL "
                    + new int[] {0, 10, 14, 15, 16}[proto] + " or later; the server is " + version.display());
        }
        List<String> opts = new ArrayList<>();
        opts.add("proto_version '" + proto + "'");
        List<String> quoted = new ArrayList<>();
        for (String p : o.publications()) {
            quoted.add(Sql.quoteIdentifier(p));
        }
        opts.add("publication_names " + Sql.quoteReplicationLiteral(String.join(",", quoted)));
        if (o.binary()) {
            need(version, 14, "binary");
            opts.add("binary 'true'");
        }
        if (o.messages()) {
            need(version, 14, "messages");
            opts.add("messages 'true'");
        }
        if (o.streaming() == StreamingMode.ON) {
            needProto(proto, 2, "streaming 'on'");
            opts.add("streaming 'on'");
        } else if (o.streaming() == StreamingMode.PARALLEL) {
            need(version, 16, "streaming 'parallel'");
            needProto(proto, 4, "streaming 'parallel'");
            opts.add("streaming 'parallel'");
        }
        if (o.twoPhase()) {
            need(version, 15, "two_phase");
            needProto(proto, 3, "two_phase");
            opts.add("two_phase 'true'");
        }
        if (o.origin() != null) {
            need(version, 16, "origin");
            opts.add("origin " + Sql.quoteReplicationLiteral(o.origin().toLowerCase(java.util.Locale.ROOT)));
        }
        return "START_REPLICATION SLOT " + Sql.quoteIdentifier(o.slotName()) + " LOGICAL " + o.startLsn()
                + " (" + String.join(", ", opts) + ")";
    }

    /**
     * @param slotName a physical slot, or {@code null} for none
     * @param start the start position
     * @param timeline the timeline, or 0 for the server's current one
     * @return the command text
     */
    public static String physical(String slotName, Lsn start, long timeline) {
        StringBuilder sb = new StringBuilder("START_REPLICATION");
        if (slotName != null) {
            sb.append(" SLOT ").append(Sql.quoteIdentifier(slotName));
        }
        sb.append(" PHYSICAL ").append(start);
        if (timeline > 0) {
            sb.append(" TIMELINE ").append(timeline);
        }
        return sb.toString();
    }

    private static void need(ServerVersion version, int major, String option) {
        if (!version.atLeast(major)) {
            throw new UnsupportedByServerException(option + " needs PostgreSQL " + major + " or later; the server is "
                    + version.display());
        }
    }

    private static void needProto(int proto, int min, String option) {
        if (proto < min) {
            throw new UnsupportedByServerException(option + " needs pgoutput proto_version " + min
                    + " or later; proto_version " + proto + " was requested");
        }
    }
}
