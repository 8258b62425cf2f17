package io.walstream.cli;

import io.walstream.Lsn;
import io.walstream.conn.ConnectionConfig;
import io.walstream.conn.Connector;
import io.walstream.conn.PgConnection;

/**
 * The demo's live workload, on its own SQL connection and thread, in cycles until stopped: inserts, an update
 * that leaves the TOASTed {@code body} unchanged (it arrives as {@code unchanged_toast}), one that changes it,
 * a delete, a transactional logical message and a rolled-back insert (which must never appear); once, a
 * transaction large enough to be streamed ({@code logical_decoding_work_mem} is 64 kB) and a truncate.
 *
 * <p><b>Thread safety:</b> runs on its own thread; {@link #stop()} and {@link #lastCommitLsn()} from any thread.
 */
final class DemoWorkload implements Runnable {
    static final String SCHEMA_SQL = String.join("\n",
            "CREATE SCHEMA demo;",
            "CREATE TABLE demo.item (id serial PRIMARY KEY, name text NOT NULL, qty int, price numeric(10,2),",
            "  tags text[], attrs jsonb, body text, updated timestamptz DEFAULT now());",
            "ALTER TABLE demo.item ALTER COLUMN body SET STORAGE EXTERNAL;",
            "CREATE TABLE demo.event (id bigint PRIMARY KEY, kind text, at timestamptz DEFAULT now());",
            "CREATE PUBLICATION walstream_demo FOR ALL TABLES;");
    /** Its own statement: a slot cannot be created in a transaction that has written. */
    static final String SLOT_SQL = "SELECT pg_create_logical_replication_slot('walstream_demo', 'pgoutput')";

    private static final String BIG_BODY = "(SELECT string_agg(md5(random()::text), '') FROM generate_series(1, 100))";
    private static final String[] FRUIT = {"apple", "pear", "plum", "fig", "kiwi", "lime", "date", "quince"};
    private static final long PAUSE_MILLIS = 200;

    private final ConnectionConfig config;
    private volatile boolean running = true;
    private volatile Lsn lastCommitLsn = Lsn.INVALID;
    private volatile Throwable failure;
    private final Thread thread = new Thread(this, "walstream-demo-workload");

    DemoWorkload(ConnectionConfig config) {
        this.config = config;
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Stops after the current statement and waits for the thread. */
    void stop() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }

    /** @return the insert position right after the workload's last commit */
    Lsn lastCommitLsn() {
        return lastCommitLsn;
    }

    Throwable failure() {
        return failure;
    }

    @Override
    public void run() {
        try (PgConnection sql = Connector.connect(config)) {
            for (int cycle = 0; running; cycle++) {
                String a = FRUIT[cycle % FRUIT.length];
                step(sql, "INSERT INTO demo.item (name, qty, price, tags, attrs, body) VALUES ('" + a + "', "
                        + (cycle + 1) + ", " + (cycle + 1) + ".25, ARRAY['fresh', '" + a + "'], "
                        + "'{\"cycle\": " + cycle + ", \"organic\": true}', " + BIG_BODY + ")");
                step(sql, "INSERT INTO demo.item (name, qty, price, tags) VALUES ('" + a + " jam', NULL, 3.50, '{}')");
                step(sql, "UPDATE demo.item SET qty = coalesce(qty, 0) + 1, updated = now()"
                        + " WHERE id = (SELECT max(id) FROM demo.item WHERE body IS NOT NULL)");
                step(sql, "UPDATE demo.item SET body = " + BIG_BODY
                        + " WHERE id = (SELECT min(id) FROM demo.item WHERE body IS NOT NULL)");
                step(sql, "DELETE FROM demo.item WHERE id = (SELECT min(id) FROM demo.item WHERE qty IS NULL)");
                step(sql, "SELECT pg_logical_emit_message(true, 'walstream-demo', 'cycle " + cycle + " done')");
                step(sql, "BEGIN; INSERT INTO demo.item (name) VALUES ('rolled back, never streamed'); ROLLBACK",
                        false);
                if (cycle == 0) {
                    step(sql, "INSERT INTO demo.event (id, kind) SELECT g, 'bulk' FROM generate_series(1, 3000) g");
                }
                if (cycle == 1) {
                    step(sql, "TRUNCATE demo.event");
                }
            }
        } catch (RuntimeException e) {
            if (running) {
                failure = e;
            }
        }
    }

    private void step(PgConnection sql, String statement) {
        step(sql, statement, true);
    }

    /** Runs one statement; {@code commits}: whether it commits a change the stream will show. */
    private void step(PgConnection sql, String statement, boolean commits) {
        if (!running) {
            return;
        }
        sql.queryAll(statement);
        if (commits) {
            lastCommitLsn = Lsn.parse(sql.query("SELECT pg_current_wal_insert_lsn()").getString(0, 0));
        }
        try {
            Thread.sleep(PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
