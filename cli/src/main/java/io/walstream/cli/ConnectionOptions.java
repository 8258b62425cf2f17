package io.walstream.cli;

import io.walstream.conn.ConnectionConfig;
import io.walstream.conn.Connector;
import io.walstream.conn.PgConnection;
import io.walstream.spi.TransportOption;
import io.walstream.spi.TransportOptions;
import picocli.CommandLine.Option;

/**
 * The connection options every server command shares: a libpq connection string (URI or key=value; PG*
 * environment variables and {@code .pgpass} fill what it leaves out) and the transport.
 *
 * <p><b>Thread safety:</b> filled by picocli on the main thread, then read-only.
 */
final class ConnectionOptions {

    @Option(names = {"-d", "--dbname"}, paramLabel = "CONNINFO", defaultValue = "",
            description = {"libpq connection string: postgresql://user@host:5432/db or 'host=... dbname=...'.",
                "Unset parts come from PGHOST, PGPORT, PGUSER, PGDATABASE, PGPASSWORD... and ~/.pgpass.",
                "replication=database is added when missing."})
    String conninfo;

    @Option(names = "--transport", paramLabel = "nio|netty",
            description = "Byte transport (default: the highest-priority one installed, nio).")
    String transport;

    /** @return the connection string for a logical replication connection ({@code replication=database}) */
    String replicationConninfo() {
        return withReplication(conninfo);
    }

    ConnectionConfig replicationConfig() {
        return ConnectionConfig.parse(replicationConninfo());
    }

    TransportOptions transportOptions() {
        if (transport == null || transport.isBlank()) {
            return TransportOptions.defaults();
        }
        return TransportOptions.builder().set(TransportOption.PROVIDER, transport).build();
    }

    /** Connects in {@code replication=database} mode, which accepts both replication commands and SQL. */
    PgConnection connect() {
        return Connector.connect(replicationConfig(), transportOptions());
    }

    /** Adds {@code replication=database} to a connection string that does not name a replication mode. */
    static String withReplication(String conninfo) {
        String s = conninfo == null ? "" : conninfo.strip();
        if (s.matches("(?s).*(^|[\\s?&])replication\\s*=.*")) {
            return s;
        }
        if (s.startsWith("postgresql://") || s.startsWith("postgres://")) {
            return s + (s.indexOf('?') >= 0 ? "&" : "?") + "replication=database";
        }
        return s.isEmpty() ? "replication=database" : s + " replication=database";
    }
}
