package io.walstream.it;

import io.walstream.conn.ConnectionConfig;
import io.walstream.conn.Connector;
import io.walstream.conn.Environment;
import io.walstream.conn.PgConnection;
import io.walstream.spi.TransportOption;
import io.walstream.spi.TransportOptions;
import io.walstream.testkit.postgres.PostgresServer;
import java.nio.file.Path;
import java.util.Map;

/** Helpers shared by the live-server tests: connection strings against a harness server, per transport. */
final class Live {

    /** The environment every test parses with: nothing from the real PG* variables or ~/.pgpass leaks in. */
    static final Environment CLEAN_ENV = Environment.of(Map.of(), "walstream-test", Path.of("/nonexistent-home"));

    private Live() {
    }

    static ConnectionConfig config(PostgresServer server, String extra) {
        return ConnectionConfig.parse("host=" + server.host() + " port=" + server.port() + " " + extra, CLEAN_ENV);
    }

    static TransportOptions transport(String name) {
        return TransportOptions.builder().set(TransportOption.PROVIDER, name).build();
    }

    /** Options that pick {@code name} and behave as if no TLS layer were installed. */
    static TransportOptions transportWithoutTls(String name) {
        return TransportOptions.builder().set(TransportOption.PROVIDER, name).set(TransportOption.TLS_LAYER, "none")
                .build();
    }

    static PgConnection connect(PostgresServer server, String transport, String extra) {
        return Connector.connect(config(server, extra), transport(transport));
    }

    /** A superuser SQL connection (trust auth in the default pg_hba.conf). */
    static PgConnection sql(PostgresServer server, String transport) {
        return connect(server, transport, "user=postgres dbname=postgres");
    }
}
