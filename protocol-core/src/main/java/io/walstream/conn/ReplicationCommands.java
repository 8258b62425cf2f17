package io.walstream.conn;

import io.walstream.Lsn;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Typed replication commands over a replication connection, with the syntax chosen by server version:
 * positional {@code CREATE_REPLICATION_SLOT} keywords on PostgreSQL 14, the parenthesized option list from
 * 15. Options the server cannot accept are refused before anything is sent (see
 * {@link UnsupportedByServerException}). Names are always double-quoted; see
 * <a href="https://www.postgresql.org/docs/current/protocol-replication.html">Streaming Replication
 * Protocol</a>.
 *
 * <p><b>Thread safety:</b> as the underlying {@link PgConnection}: one command at a time.
 */
public final class ReplicationCommands {

    private final PgConnection connection;

    /**
     * @param connection a connection opened with {@code replication=database} or {@code replication=true}
     */
    public ReplicationCommands(PgConnection connection) {
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    /** @return {@code IDENTIFY_SYSTEM}'s row */
    public SystemIdentity identifySystem() {
        ResultSet r = single(connection.query("IDENTIFY_SYSTEM"), "IDENTIFY_SYSTEM");
        String tli = r.getString(0, "timeline");
        String pos = r.getString(0, "xlogpos");
        return new SystemIdentity(r.getString(0, "systemid"), Long.parseLong(tli), Lsn.parse(pos),
                r.getString(0, "dbname"));
    }

    /**
     * @param parameter a run-time parameter, e.g. {@code wal_sender_timeout} (dotted names allowed)
     * @return its value as {@code SHOW} prints it
     */
    public String show(String parameter) {
        if (!parameter.matches("[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*)?")) {
            throw new IllegalArgumentException("Not a parameter name: \"" + parameter + "\"");
        }
        ResultSet r = single(connection.query("SHOW " + parameter), "SHOW");
        return r.getString(0, 0);
    }

    /**
     * @param timeline a timeline ID, at least 1
     * @return the history file for it
     */
    public TimelineHistory timelineHistory(long timeline) {
        if (timeline < 1 || timeline > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("Timeline " + timeline + " is outside 1..4294967295");
        }
        ResultSet r = single(connection.query("TIMELINE_HISTORY " + timeline), "TIMELINE_HISTORY");
        return new TimelineHistory(r.getString(0, "filename"), r.getBytes(0, r.columnIndex("content")));
    }

    /**
     * @param request the slot to create
     * @return the new slot's name, consistent point and snapshot
     * @throws UnsupportedByServerException if the server cannot accept one of the options
     */
    public CreatedSlot createReplicationSlot(CreateSlotRequest request) {
        ResultSet r = single(connection.query(createSlotCommand(request, connection.serverVersion())),
                "CREATE_REPLICATION_SLOT");
        String point = r.getString(0, "consistent_point");
        return new CreatedSlot(r.getString(0, "slot_name"), point == null ? Lsn.INVALID : Lsn.parse(point),
                r.getString(0, "snapshot_name"), r.getString(0, "output_plugin"));
    }

    /**
     * Renders {@code CREATE_REPLICATION_SLOT} for a server version.
     *
     * @param request the slot
     * @param version the server's version
     * @return the command text
     * @throws UnsupportedByServerException if an option needs a newer server
     */
    public static String createSlotCommand(CreateSlotRequest request, ServerVersion version) {
        if (request.twoPhase() && !version.atLeast(15)) {
            throw UnsupportedByServerException.needs("TWO_PHASE", 15, version);
        }
        if (request.failover() && !version.atLeast(17)) {
            throw UnsupportedByServerException.needs("FAILOVER", 17, version);
        }
        StringBuilder sb = new StringBuilder("CREATE_REPLICATION_SLOT ").append(Sql.quoteIdentifier(request.slotName()));
        if (request.temporary()) {
            sb.append(" TEMPORARY");
        }
        if (request.type() == SlotType.PHYSICAL) {
            sb.append(" PHYSICAL");
        } else {
            sb.append(" LOGICAL ").append(Sql.quoteIdentifier(request.plugin()));
        }
        if (!version.atLeast(15)) {
            if (request.reserveWal()) {
                sb.append(" RESERVE_WAL");
            }
            if (request.snapshot() != null) {
                sb.append(' ').append(request.snapshot().legacyKeyword());
            }
            return sb.toString();
        }
        List<String> options = new ArrayList<>();
        if (request.snapshot() != null) {
            options.add("SNAPSHOT " + Sql.quoteReplicationLiteral(request.snapshot().optionValue()));
        }
        if (request.twoPhase()) {
            options.add("TWO_PHASE true");
        }
        if (request.reserveWal()) {
            options.add("RESERVE_WAL true");
        }
        if (request.failover()) {
            options.add("FAILOVER true");
        }
        if (!options.isEmpty()) {
            sb.append(" (").append(String.join(", ", options)).append(')');
        }
        return sb.toString();
    }

    /**
     * {@code DROP_REPLICATION_SLOT name [WAIT]}.
     *
     * @param slotName the slot
     * @param waitIfActive wait for another process using the slot to release it, instead of failing with 55006
     */
    public void dropReplicationSlot(String slotName, boolean waitIfActive) {
        connection.query("DROP_REPLICATION_SLOT " + Sql.quoteIdentifier(slotName) + (waitIfActive ? " WAIT" : ""));
    }

    /**
     * {@code ALTER_REPLICATION_SLOT name (FAILOVER b, TWO_PHASE b)} (PostgreSQL 17+; TWO_PHASE 18+). Blocks while
     * another process streams from the slot.
     *
     * @param slotName a logical slot
     * @param failover the new FAILOVER setting, or {@code null} to leave it
     * @param twoPhase the new TWO_PHASE setting, or {@code null} to leave it
     */
    public void alterReplicationSlot(String slotName, Boolean failover, Boolean twoPhase) {
        connection.query(alterSlotCommand(slotName, failover, twoPhase, connection.serverVersion()));
    }

    /**
     * Renders {@code ALTER_REPLICATION_SLOT} for a server version.
     *
     * @param slotName the slot
     * @param failover FAILOVER value or {@code null}
     * @param twoPhase TWO_PHASE value or {@code null}
     * @param version the server's version
     * @return the command text
     */
    public static String alterSlotCommand(String slotName, Boolean failover, Boolean twoPhase, ServerVersion version) {
        if (!version.atLeast(17)) {
            throw UnsupportedByServerException.needs("ALTER_REPLICATION_SLOT", 17, version);
        }
        if (twoPhase != null && !version.atLeast(18)) {
            throw UnsupportedByServerException.needs("ALTER_REPLICATION_SLOT ... TWO_PHASE", 18, version);
        }
        List<String> options = new ArrayList<>();
        if (failover != null) {
            options.add("FAILOVER " + failover);
        }
        if (twoPhase != null) {
            options.add("TWO_PHASE " + twoPhase);
        }
        if (options.isEmpty()) {
            throw new IllegalArgumentException("ALTER_REPLICATION_SLOT needs at least one option");
        }
        return "ALTER_REPLICATION_SLOT " + Sql.quoteIdentifier(slotName) + " (" + String.join(", ", options) + ")";
    }

    /**
     * {@code READ_REPLICATION_SLOT name} (PostgreSQL 15+, physical slots).
     *
     * @param slotName the slot
     * @return its position, or empty if no such slot exists
     */
    public Optional<SlotPosition> readReplicationSlot(String slotName) {
        ServerVersion v = connection.serverVersion();
        if (!v.atLeast(15)) {
            throw UnsupportedByServerException.needs("READ_REPLICATION_SLOT", 15, v);
        }
        ResultSet r = single(connection.query("READ_REPLICATION_SLOT " + Sql.quoteIdentifier(slotName)),
                "READ_REPLICATION_SLOT");
        String type = r.getString(0, "slot_type");
        if (type == null) {
            return Optional.empty();
        }
        String lsn = r.getString(0, "restart_lsn");
        String tli = r.getString(0, "restart_tli");
        return Optional.of(new SlotPosition(type, lsn == null ? null : Lsn.parse(lsn),
                tli == null ? null : Long.valueOf(tli)));
    }

    private static ResultSet single(ResultSet r, String command) {
        if (r.rowCount() != 1) {
            throw new io.walstream.ProtocolException(command + " returned " + r.rowCount() + " rows, expected 1");
        }
        return r;
    }
}
