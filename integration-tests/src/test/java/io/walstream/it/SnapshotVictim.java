package io.walstream.it;

import io.walstream.ReplicationConfig;
import io.walstream.conn.ConnectionConfig;
import io.walstream.snapshot.InitialSnapshot;
import io.walstream.snapshot.SnapshotCheckpointStore;
import java.nio.file.Path;

/**
 * A consumer process for {@link InitialSnapshotIT}'s kill test: runs an initial snapshot and, after 1000 rows,
 * prints {@code STALLED} and waits to be killed with SIGKILL mid-snapshot.
 *
 * <p>Arguments: host, port, slot, publication, checkpoint directory, binary.
 */
public final class SnapshotVictim {

    private SnapshotVictim() {
    }

    public static void main(String[] args) throws Exception {
        ConnectionConfig conn = ConnectionConfig.parse("host=" + args[0] + " port=" + args[1]
                + " user=postgres dbname=postgres replication=database", Live.CLEAN_ENV);
        ReplicationConfig config = ReplicationConfig.builder(conn).slot(args[2]).publications(args[3])
                .binary(Boolean.parseBoolean(args[5])).createSlot(ReplicationConfig.SlotCreation.IF_MISSING).build();
        long[] rows = {0};
        InitialSnapshot.builder(config).checkpoints(SnapshotCheckpointStore.inDirectory(Path.of(args[4])))
                .workers(2).pagesPerChunk(8).build().run(row -> {
                    if (++rows[0] == 1000) {
                        System.out.println("STALLED");
                        System.out.flush();
                        try {
                            Thread.sleep(Long.MAX_VALUE);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                });
        System.out.println("FINISHED");
    }
}
