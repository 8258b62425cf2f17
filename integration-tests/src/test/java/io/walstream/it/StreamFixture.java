package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.walstream.LogicalReplicationStream;
import io.walstream.Lsn;
import io.walstream.ReplicationConfig;
import io.walstream.conn.PgConnection;
import io.walstream.testkit.postgres.PostgresServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One table {@code (id bigint PRIMARY KEY, name text, amount bigint)} with its own publication, two SQL
 * connections to write it concurrently, and logical replication streams on a temporary slot (created by
 * {@link LogicalReplicationStream#open} before any workload runs, dropped when the stream closes). Closing the
 * fixture closes the streams and connections, rolls back prepared transactions left by a failed test (they would
 * block every later slot creation) and drops the table and publication.
 */
final class StreamFixture implements AutoCloseable {

    /** How long a test waits for the server at most before failing. */
    static final Duration WAIT = Duration.ofSeconds(60);

    final PostgresServer server;
    final String transport;
    final String table;
    final String publication;
    final String slot;
    /** Two superuser SQL connections, for concurrent transactions. */
    final PgConnection a;
    final PgConnection b;
    private final List<LogicalReplicationStream> streams = new ArrayList<>();

    StreamFixture(PostgresServer server, String transport, String name) {
        this.server = server;
        this.transport = transport;
        this.table = name + "_" + transport;
        this.publication = table + "_pub";
        this.slot = table + "_slot";
        this.a = Slots.sql(server, transport);
        this.b = Slots.sql(server, transport);
        a.query("DROP TABLE IF EXISTS " + table);
        a.query("CREATE TABLE " + table + " (id bigint PRIMARY KEY, name text, amount bigint)");
        a.query("DROP PUBLICATION IF EXISTS " + publication);
        a.query("CREATE PUBLICATION " + publication + " FOR TABLE " + table);
    }

    /** @return the server's major version */
    int major() {
        return server.version().major();
    }

    /**
     * Opens a stream on a new temporary slot (the slot exists when this returns), ON_COMMIT, messages off,
     * streaming off, unless {@code customize} says otherwise.
     */
    LogicalReplicationStream open(UnaryOperator<ReplicationConfig.Builder> customize) {
        ReplicationConfig.Builder builder = ReplicationConfig.builder(Live.config(server,
                        "user=postgres dbname=postgres replication=database"))
                .slot(slot).publications(publication).createSlot(ReplicationConfig.SlotCreation.TEMPORARY)
                .statusInterval(Duration.ofMillis(200)).transportOptions(Live.transport(transport));
        LogicalReplicationStream s = LogicalReplicationStream.open(customize.apply(builder).build());
        streams.add(s);
        return s;
    }

    /** @return the table's OID */
    int tableOid() {
        return Integer.parseInt(a.query("SELECT '" + table + "'::regclass::oid").getString(0, 0));
    }

    /** @return the slot's {@code confirmed_flush_lsn} */
    Lsn confirmedFlush() {
        return Lsn.parse(a.query("SELECT confirmed_flush_lsn FROM pg_replication_slots WHERE slot_name = '" + slot
                + "'").getString(0, 0));
    }

    /** Inserts rows {@code from..to} as {@code (i, prefix||i, i*factor)} in one statement on {@code c}. */
    void insertSeries(PgConnection c, long from, long to, String prefix, long factor) {
        c.query("INSERT INTO " + table + " SELECT i, '" + prefix + "' || i, i * " + factor
                + " FROM generate_series(" + from + ", " + to + ") i");
    }

    /** Inserts one row in its own transaction (or the open one) on {@code c}. */
    void insert(PgConnection c, long id, String name, long amount) {
        c.query("INSERT INTO " + table + " VALUES (" + id + ", '" + name + "', " + amount + ")");
    }

    /** Asserts the transaction lines equal, comparing the count and kinds first so a failure stays readable. */
    static void assertLines(List<String> expected, List<String> actual) {
        assertEquals(kinds(expected), kinds(actual), "kinds of the delivered transactions, in order");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), "transaction #" + i);
        }
    }

    private static List<String> kinds(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            int changes = l.endsWith("[]") ? 0 : l.split(", ", -1).length;
            out.add(l.substring(0, l.indexOf('[')).strip() + " (" + changes + ")");
        }
        return out;
    }

    @Override
    public void close() {
        for (LogicalReplicationStream s : streams) {
            try {
                s.close();
            } catch (RuntimeException ignored) {
                // clean-up only
            }
        }
        try {
            a.query("ROLLBACK");
            b.query("ROLLBACK");
            var prepared = a.query("SELECT gid FROM pg_prepared_xacts WHERE gid LIKE '" + table + "%'");
            for (int i = 0; i < prepared.rowCount(); i++) {
                a.query("ROLLBACK PREPARED '" + prepared.getString(i, 0) + "'");
            }
            a.query("DROP PUBLICATION IF EXISTS " + publication);
            a.query("DROP TABLE IF EXISTS " + table);
        } catch (RuntimeException ignored) {
            // clean-up only
        } finally {
            a.close();
            b.close();
        }
    }
}
