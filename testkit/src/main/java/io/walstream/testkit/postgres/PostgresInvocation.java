package io.walstream.testkit.postgres;

import java.util.List;
import org.junit.jupiter.api.extension.ClassTemplateInvocationContext;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One run of a {@link PostgresTest} class on one version: named {@code PostgreSQL <major>}, it starts the server
 * as the run begins and leaves it in the run's store, which closes it when the run ends.
 *
 * <p><b>Thread safety:</b> immutable; JUnit calls it from one thread.
 */
final class PostgresInvocation implements ClassTemplateInvocationContext {
    private final PostgresVersion version;
    private final Class<?> testClass;

    PostgresInvocation(PostgresVersion version, Class<?> testClass) {
        this.version = version;
        this.testClass = testClass;
    }

    @Override
    public String getDisplayName(int invocationIndex) {
        return "PostgreSQL " + version.major();
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
        return List.of(new ServerLogOnFailure());
    }

    @Override
    public void prepareInvocation(ExtensionContext context) {
        PostgresConfig config = ConfigMethods.configFor(testClass, version);
        PostgresServer server = PostgresServer.start(version, config);
        // An AutoCloseable in the store is closed when this run's context closes, after @AfterAll.
        context.getStore(PostgresExtension.NAMESPACE).put(PostgresExtension.SERVER_KEY, server);
    }
}
