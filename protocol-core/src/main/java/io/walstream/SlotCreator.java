package io.walstream;

import io.walstream.conn.CreateSlotRequest;
import io.walstream.conn.CreatedSlot;
import io.walstream.conn.PgConnection;
import io.walstream.conn.ReplicationCommands;
import io.walstream.conn.SnapshotAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates a stream's slot before streaming when {@link ReplicationConfig#slotCreation()} asks for it: a pgoutput
 * slot exporting its snapshot, two-phase where the server (15+) and the options allow. A permanent slot that
 * already exists (42710) is used as it is; a temporary one must be new.
 *
 * <p><b>Thread safety:</b> stateless.
 */
final class SlotCreator {

    private static final Logger log = LoggerFactory.getLogger(SlotCreator.class);
    private static final String DUPLICATE_OBJECT = "42710";

    private SlotCreator() {
    }

    /**
     * @param config the stream's configuration
     * @param conn the stream's first connection, not yet streaming
     * @return the slot created, or {@code null} if none was to be created or it already existed
     * @throws ServerErrorException if the server refused
     */
    static CreatedSlot createIfConfigured(ReplicationConfig config, PgConnection conn) {
        ReplicationConfig.SlotCreation creation = config.slotCreation();
        if (creation == ReplicationConfig.SlotCreation.NEVER) {
            return null;
        }
        CreateSlotRequest request = CreateSlotRequest.logical(config.start().slotName(), "pgoutput")
                .withTemporary(creation == ReplicationConfig.SlotCreation.TEMPORARY)
                .withSnapshot(SnapshotAction.EXPORT)
                .withTwoPhase(config.start().twoPhase() && conn.serverVersion().atLeast(15));
        try {
            CreatedSlot created = new ReplicationCommands(conn).createReplicationSlot(request);
            log.info("Created {}slot {} at {} (snapshot {})", request.temporary() ? "temporary " : "",
                    created.slotName(), created.consistentPoint(), created.snapshotName());
            return created;
        } catch (ServerErrorException e) {
            if (!DUPLICATE_OBJECT.equals(e.sqlState()) || request.temporary()) {
                throw e;
            }
            log.info("Slot {} already exists; streaming from its confirmed position", config.start().slotName());
            return null;
        }
    }
}
