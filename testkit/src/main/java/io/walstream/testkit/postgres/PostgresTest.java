package io.walstream.testkit.postgres;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.ClassTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the whole test class once per selected PostgreSQL version (a JUnit {@link ClassTemplate}), each run shown
 * as {@code PostgreSQL <major>} and given its own {@link PostgresServer}, started before the run's first test and
 * closed after its last. JUnit runs {@code @BeforeAll}/{@code @AfterAll} once around all runs, without a server:
 * put per-version setup in {@code @BeforeEach}.
 *
 * <pre>{@code
 * @PostgresTest
 * @PostgresVersions(min = 15)               // optional: intersected with -Dwalstream.postgres.versions
 * class SlotTest {
 *     static PostgresConfig postgresConfig() { // optional: else PostgresConfig.defaults()
 *         return PostgresConfig.builder().setting("wal_sender_timeout", "5s").build();
 *     }
 *
 *     @Test
 *     void createsSlot(PostgresServer server) {  // also injectable: PostgresVersion
 *         connect(server.host(), server.port());
 *     }
 * }
 * }</pre>
 *
 * <p>The configuration comes from a static method {@code postgresConfig()} or
 * {@code postgresConfig(PostgresVersion)} of the class or a superclass, if there is one. When a test or lifecycle
 * method fails, the last lines of the server log are attached to the failure as a suppressed exception.
 * Other extensions reach the server with
 * {@link PostgresExtension#server(org.junit.jupiter.api.extension.ExtensionContext)}.
 * Tests are tagged {@link LiveServer live-server}.
 *
 * <p><b>Thread safety:</b> an annotation; immutable. Each run's server may be used from any thread.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ClassTemplate
@ExtendWith(PostgresExtension.class)
@LiveServer
public @interface PostgresTest {
}
