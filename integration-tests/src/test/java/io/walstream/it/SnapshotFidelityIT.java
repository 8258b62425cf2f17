package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.walstream.LogicalReplicationStream;
import io.walstream.ReplicationConfig;
import io.walstream.ReplicationEvent;
import io.walstream.conn.PgConnection;
import io.walstream.pgoutput.CachedRelation;
import io.walstream.pgoutput.Update;
import io.walstream.snapshot.InitialSnapshot;
import io.walstream.snapshot.SnapshotCheckpointStore;
import io.walstream.snapshot.SnapshotRow;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Snapshot rows are the streamed rows: for every type of the pgoutput fidelity set (arrays, enum, composite,
 * domain, range, json, inet, money, bit, xml, aclitem without a send function ...), in text and in binary format,
 * a snapshot row's tuple is byte for byte the tuple pgoutput streams for the same row, and the snapshot's relation
 * equals the streamed Relation message with the same type names.
 */
@PostgresTest
class SnapshotFidelityIT {

    @Test
    void snapshotTuplesEqualStreamedTuplesInTextAndBinary(PostgresServer server) {
        String transport = LiveStreams.alternatingTransport(server.version());
        try (PgConnection sql = Slots.sql(server, transport)) {
            sql.queryAll(String.join(";\n",
                    "CREATE TYPE sf_mood AS ENUM ('sad', 'ok', 'happy')",
                    "CREATE TYPE sf_pair AS (n int, label text)",
                    "CREATE DOMAIN sf_posint AS int4 CHECK (VALUE > 0)",
                    "CREATE TABLE sf_types (" + PgOutputWorkload.TYPES_COLUMNS.replace("fid_", "sf_") + ")",
                    "INSERT INTO sf_types VALUES " + PgOutputWorkload.TYPES_ROW_1 + ", "
                            + PgOutputWorkload.TYPES_ROW_3,
                    "INSERT INTO sf_types (id) VALUES (2)",
                    PgOutputWorkload.TYPES_ROWS_4_5.replace("fid_", "sf_"),
                    "CREATE PUBLICATION sf_pub FOR TABLE sf_types"));
            for (boolean binary : new boolean[] {false, true}) {
                String slot = "sf_slot_" + (binary ? "bin" : "text");
                ReplicationConfig config = LiveStreams.config(server, transport, slot, "sf_pub").binary(binary)
                        .createSlot(ReplicationConfig.SlotCreation.TEMPORARY).build();
                Map<Integer, SnapshotRow> snapshot = new HashMap<>();
                try (LogicalReplicationStream stream = InitialSnapshot.builder(config)
                        .checkpoints(SnapshotCheckpointStore.inMemory()).workers(2).build()
                        .run(row -> snapshot.put(row.row().get("id").asInt(), row))) {
                    assertEquals(5, snapshot.size());
                    sql.query("UPDATE sf_types SET id = id");
                    int seen = 0;
                    while (seen < 5) {
                        ReplicationEvent e = stream.next(Duration.ofSeconds(30));
                        assertNotNull(e, "timed out after " + seen + " updates");
                        if (!(e.message() instanceof Update)) {
                            continue;
                        }
                        seen++;
                        SnapshotRow s = snapshot.get(e.newRow().get("id").asInt());
                        String what = (binary ? "binary" : "text") + " row " + e.newRow().get("id").asInt();
                        assertEquals(e.newRow().tuple(), s.row().tuple(), what);
                        CachedRelation streamed = e.newRow().relation();
                        CachedRelation copied = s.row().relation();
                        assertEquals(streamed.relation(), copied.relation(), "relation, " + what);
                        for (int i = 0; i < streamed.columnCount(); i++) {
                            assertEquals(streamed.typeName(i), copied.typeName(i), streamed.columnNames().get(i));
                        }
                    }
                }
            }
        }
    }
}
