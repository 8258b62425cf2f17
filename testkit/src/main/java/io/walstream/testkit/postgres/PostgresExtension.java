package io.walstream.testkit.postgres;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ClassTemplateInvocationContext;
import org.junit.jupiter.api.extension.ClassTemplateInvocationContextProvider;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit extension behind {@link PostgresTest}: provides one class-template invocation per version that
 * {@link PostgresVersions applies}, skips the class (with the reason) when no version does, and injects the
 * run's {@link PostgresServer} and {@link PostgresVersion} into constructors, {@code @BeforeEach}/{@code @AfterEach}
 * and test methods. Register it through {@link PostgresTest}, not directly.
 *
 * <p>JUnit runs a class template's {@code @BeforeAll} and {@code @AfterAll} methods once around all its runs,
 * before any server starts, so they cannot receive a server; put per-version setup in {@code @BeforeEach}.
 *
 * <p><b>Thread safety:</b> stateless; safe for concurrent use. Per-run state lives in the JUnit store.
 */
public final class PostgresExtension
        implements ClassTemplateInvocationContextProvider, ExecutionCondition, ParameterResolver {
    static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PostgresExtension.class);
    static final String SERVER_KEY = "server";

    /** Creates the extension; JUnit calls this. */
    public PostgresExtension() {
    }

    /**
     * Returns the server of the current {@link PostgresTest} run, for use by other extensions.
     *
     * @param context the context of a test, lifecycle method or class run inside a {@link PostgresTest} run
     * @return the run's server
     * @throws IllegalStateException if {@code context} is not inside a {@link PostgresTest} run
     */
    public static PostgresServer server(ExtensionContext context) {
        return find(context).orElseThrow(() -> new IllegalStateException("No PostgreSQL server here: "
                + context.getUniqueId() + " is not inside a @PostgresTest class run"));
    }

    static Optional<PostgresServer> find(ExtensionContext context) {
        return Optional.ofNullable(context.getStore(NAMESPACE).get(SERVER_KEY, PostgresServer.class));
    }

    @Override
    public boolean supportsClassTemplate(ExtensionContext context) {
        return context.getTestClass().isPresent();
    }

    @Override
    public Stream<? extends ClassTemplateInvocationContext> provideClassTemplateInvocationContexts(
            ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        return VersionSelection.forClass(testClass).stream().map(version -> new PostgresInvocation(version, testClass));
    }

    @Override
    public boolean mayReturnZeroClassTemplateInvocationContexts(ExtensionContext context) {
        return true;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isPresent() || context.getTestClass().isEmpty()) {
            return ConditionEvaluationResult.enabled("not a class");
        }
        Class<?> testClass = context.getRequiredTestClass();
        List<PostgresVersion> versions = VersionSelection.forClass(testClass);
        if (versions.isEmpty()) {
            return ConditionEvaluationResult.disabled("No PostgreSQL version to run on: -D"
                    + PostgresVersion.SELECTION_PROPERTY + " selects " + PostgresVersion.selected() + ", "
                    + VersionSelection.describe(AnnotationSupport.findAnnotation(testClass, PostgresVersions.class)
                    .orElse(null)));
        }
        return ConditionEvaluationResult.enabled("runs on " + versions);
    }

    /** Constructors see the test method's context, which lies inside the run that owns the server. */
    @Override
    public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
        return ExtensionContextScope.TEST_METHOD;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == PostgresServer.class || type == PostgresVersion.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        PostgresServer server = find(extensionContext).orElseThrow(() -> new ParameterResolutionException(
                "No PostgreSQL server for " + parameterContext.getDeclaringExecutable() + ": @BeforeAll and"
                        + " @AfterAll methods of a @PostgresTest class run once around all versions, before any"
                        + " server starts; take the server in @BeforeEach, a constructor or the test method"));
        return parameterContext.getParameter().getType() == PostgresServer.class ? server : server.version();
    }
}
