package io.walstream.testkit.walsender;

import io.walstream.LogicalReplicationStream;
import io.walstream.ReplicationConfig;
import io.walstream.pgoutput.Commit;
import java.time.Duration;

/**
 * The child JVM of {@link CloseOnShutdownTest}: streams from the fake walsender named by {@code args[0]}, prints
 * {@code HANDLED <endLsn>} for every commit it handled, and waits to be killed with SIGTERM. With
 * {@code args[1] == "hook"} it registers {@link LogicalReplicationStream#closeOnShutdown()}.
 */
public final class ShutdownHookChild {

    private ShutdownHookChild() {
    }

    public static void main(String[] args) {
        ReplicationConfig config = ReplicationConfig.builder(args[0]).slot("s").publications("p")
                .statusInterval(Duration.ofSeconds(60)).build();
        LogicalReplicationStream stream = LogicalReplicationStream.open(config);
        if ("hook".equals(args[1])) {
            stream.closeOnShutdown();
        }
        stream.forEach(e -> {
            if (e.message() instanceof Commit c) {
                System.out.println("HANDLED " + c.endLsn());
                System.out.flush();
            }
        });
    }
}
