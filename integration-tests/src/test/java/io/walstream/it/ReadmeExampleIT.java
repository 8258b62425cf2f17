package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.LogicalReplicationStream;
import io.walstream.ReplicationConfig;
import io.walstream.conn.PgConnection;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's "Streaming changes" example, compiled here and run against the live server: the code between the
 * {@code README} markers must be exactly the README's code block, and it must print the changes of
 * {@code public.orders} only (not of another table in the same publication) until the table is truncated.
 */
@PostgresTest
class ReadmeExampleIT {

    /** The example; {@code connectionString} is a libpq URI or {@code key=value} string. */
    static void streamOrders(String connectionString) {
        // README:begin
        ReplicationConfig config = ReplicationConfig.builder(connectionString)
                .slot("cdc").publications("app_pub")
                .createSlot(ReplicationConfig.SlotCreation.IF_MISSING)
                .changesOnly(true)          // no Begin/Commit/Relation events; commits are still acknowledged
                .tables("public.orders")    // only this table's changes, whatever else the publication has
                .build();
        try (LogicalReplicationStream stream = LogicalReplicationStream.open(config)) {
            stream.forEach(event -> {       // acknowledged when the handler returns after a commit
                switch (event.operation()) {
                    case INSERT -> System.out.println("order placed: " + event.after().toMap()
                            + " in xid " + event.xid().getAsLong());
                    case UPDATE -> System.out.println("order " + event.after().get("id").asLong() + " is now "
                            + event.after().get("status").asString() + ", committed at "
                            + event.commitLsn().orElseThrow());
                    case DELETE -> System.out.println("order " + event.before().get("id").asLong() + " deleted");
                    case TRUNCATE -> stream.close(); // stop when the table is emptied
                    default -> { }
                }
            });
        }
        // README:end
    }

    @Test
    void theReadmeExampleStreamsOneNamedTable(PostgresServer server) throws Exception {
        String conninfo = "host=" + server.host() + " port=" + server.port() + " user=postgres dbname=postgres";
        try (PgConnection sql = Live.sql(server, "nio")) {
            sql.queryAll("CREATE TABLE orders (id bigint PRIMARY KEY, status text, total numeric(10,2));"
                    + " CREATE TABLE customers (id bigint PRIMARY KEY, name text);"
                    + " CREATE PUBLICATION app_pub FOR TABLE orders, customers");
            PrintStream original = System.out;
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                CompletableFuture<Void> run = CompletableFuture.runAsync(() -> streamOrders(conninfo));
                assertTrue(LiveStreams.await(() -> run.isDone() || Integer.parseInt(
                        sql.query("SELECT count(*) FROM pg_replication_slots WHERE slot_name = 'cdc'")
                                .getString(0, 0)) == 1, Duration.ofSeconds(30)), "the example created no slot");
                sql.query("INSERT INTO orders VALUES (1, 'new', 12.50)");
                sql.query("INSERT INTO customers VALUES (1, 'ann')");
                sql.query("UPDATE orders SET status = 'paid' WHERE id = 1");
                sql.query("UPDATE customers SET name = 'anne' WHERE id = 1");
                sql.query("DELETE FROM orders WHERE id = 1");
                sql.query("TRUNCATE orders");
                run.get(60, TimeUnit.SECONDS);
            } finally {
                System.setOut(original);
            }
            List<String> lines = captured.toString(StandardCharsets.UTF_8).lines()
                    .filter(l -> l.startsWith("order")).collect(Collectors.toList());
            assertEquals(3, lines.size(), lines.toString());
            assertTrue(lines.get(0).matches("order placed: \\{id=1, status=new, total=12.50} in xid \\d+"),
                    lines.get(0));
            assertTrue(lines.get(1).matches("order 1 is now paid, committed at [0-9A-F]+/[0-9A-F]+"), lines.get(1));
            assertEquals("order 1 deleted", lines.get(2));
        }
    }

    @Test
    void theReadmeShowsExactlyThisCode() throws IOException {
        ReadmeBlock.assertReadmeShows(Path.of("src/test/java/io/walstream/it/ReadmeExampleIT.java"), "Streaming changes");
    }
}
