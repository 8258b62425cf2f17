package io.walstream.testkit.postgres;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The servers this JVM started and has not closed. {@code pg_ctl} daemonizes the server, so it would outlive
 * the JVM; a shutdown hook stops whatever is still registered (immediately) and deletes its files.
 *
 * <p><b>Thread safety:</b> safe for concurrent use.
 */
final class RunningServers {
    private static final Set<PostgresServer> SERVERS = ConcurrentHashMap.newKeySet();
    private static boolean hookInstalled;

    private RunningServers() {
    }

    static synchronized void register(PostgresServer server) {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(RunningServers::stopAll, "walstream-postgres-cleanup"));
            hookInstalled = true;
        }
        SERVERS.add(server);
    }

    static void unregister(PostgresServer server) {
        SERVERS.remove(server);
    }

    private static void stopAll() {
        for (PostgresServer server : SERVERS) {
            server.abandon();
        }
    }
}
