package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.LogicalReplicationStream;
import io.walstream.ReplicationConfig;
import io.walstream.conn.PgConnection;
import io.walstream.snapshot.SnapshotCheckpointStore;
import io.walstream.snapshot.SnapshotMode;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import io.walstream.testkit.postgres.PostgresVersions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Snapshots" example, compiled here and run against a live server: the code between the
 * {@code README} markers must be exactly the README's code block; it must print the existing orders as snapshot
 * rows, then the changes, then the orders again when asked for a re-read, and stop at the TRUNCATE. One version
 * (the stream-level snapshots are covered on all five by their own tests).
 */
@PostgresTest
@PostgresVersions({18})
class ReadmeSnapshotExampleIT {

    /** The example; {@code connectionString} is a libpq URI or {@code key=value} string. */
    static void snapshotThenStream(String connectionString, Path stateDir) {
        // README:begin
        ReplicationConfig config = ReplicationConfig.builder(connectionString)
                .slot("cdc_orders").publications("orders_pub")
                .createSlot(ReplicationConfig.SlotCreation.IF_MISSING)
                .snapshot(SnapshotMode.INITIAL).snapshotWorkers(2)       // the existing rows first
                .snapshotCheckpoints(SnapshotCheckpointStore.inDirectory(stateDir))
                .messages(true)                                          // for requestSnapshot's watermarks
                .changesOnly(true)
                .build();
        try (LogicalReplicationStream stream = LogicalReplicationStream.open(config)) {
            stream.forEach(event -> {
                if (event.isSnapshotRead()) {                            // apply as an upsert
                    System.out.println("row " + event.after().toMap());
                    return;
                }
                switch (event.operation()) {
                    case INSERT, UPDATE -> System.out.println(event.operation() + " " + event.after().toMap());
                    case DELETE -> System.out.println("DELETE " + event.before().get("id").asLong());
                    case MESSAGE -> stream.requestSnapshot("public.orders", 1000); // someone asked for a re-read
                    case TRUNCATE -> stream.close();
                    default -> { }
                }
            });
        }
        // README:end
    }

    @Test
    void theReadmeExampleSnapshotsStreamsAndReReads(PostgresServer server, @TempDir Path dir) throws Exception {
        String conninfo = "host=" + server.host() + " port=" + server.port() + " user=postgres dbname=postgres";
        try (PgConnection sql = Live.sql(server, "nio")) {
            sql.queryAll("CREATE TABLE orders (id bigint PRIMARY KEY, status text);"
                    + " INSERT INTO orders VALUES (1, 'new'), (2, 'paid'), (3, 'sent');"
                    + " CREATE PUBLICATION orders_pub FOR TABLE orders");
            PrintStream original = System.out;
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            Supplier<List<String>> lines = () -> captured.toString(StandardCharsets.UTF_8).lines()
                    .filter(l -> l.startsWith("row ") || l.startsWith("INSERT ") || l.startsWith("UPDATE ")
                            || l.startsWith("DELETE ")).collect(Collectors.toList());
            try {
                CompletableFuture<Void> run = CompletableFuture.runAsync(() -> snapshotThenStream(conninfo, dir));
                assertTrue(LiveStreams.await(() -> run.isDone() || lines.get().size() == 3, Duration.ofSeconds(30)),
                        "the example copied no rows: " + lines.get());
                sql.query("INSERT INTO orders VALUES (4, 'new')");
                sql.query("UPDATE orders SET status = 'paid' WHERE id = 1");
                sql.query("DELETE FROM orders WHERE id = 2");
                assertTrue(LiveStreams.await(() -> run.isDone() || lines.get().size() == 6, Duration.ofSeconds(30)),
                        "no changes: " + lines.get());
                sql.query("SELECT pg_logical_emit_message(true, 'resync', 'orders')");
                assertTrue(LiveStreams.await(() -> run.isDone() || lines.get().size() == 9, Duration.ofSeconds(30)),
                        "no re-read: " + lines.get());
                sql.query("TRUNCATE orders");
                run.get(60, TimeUnit.SECONDS);
            } finally {
                System.setOut(original);
                LiveStreams.dropSlotQuietly(server, "cdc_orders");
            }
            assertEquals(List.of("row {id=1, status=new}", "row {id=2, status=paid}", "row {id=3, status=sent}",
                    "INSERT {id=4, status=new}", "UPDATE {id=1, status=paid}", "DELETE 2",
                    "row {id=1, status=paid}", "row {id=3, status=sent}", "row {id=4, status=new}"),
                    sortSnapshotRows(lines.get()));
        }
    }

    /** The initial snapshot's rows come in no particular order (parallel readers): sorts the first three. */
    private static List<String> sortSnapshotRows(List<String> lines) {
        List<String> out = new java.util.ArrayList<>(lines);
        if (out.size() >= 3) {
            out.subList(0, 3).sort(null);
        }
        return out;
    }

    @Test
    void theReadmeShowsExactlyThisCode() throws IOException {
        ReadmeBlock.assertReadmeShows(Path.of("src/test/java/io/walstream/it/ReadmeSnapshotExampleIT.java"), "Snapshots");
    }
}
