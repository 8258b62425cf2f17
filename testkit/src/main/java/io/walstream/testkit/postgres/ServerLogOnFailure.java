package io.walstream.testkit.postgres;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * Attaches the last {@value #LINES} lines of the server log to a failing test or lifecycle method of a
 * {@link PostgresTest} class, as a suppressed {@link ServerLogTail}, so the failure report shows what the
 * server said. Aborted (assumption) failures are left alone.
 *
 * <p><b>Thread safety:</b> stateless; safe for concurrent use.
 */
final class ServerLogOnFailure implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {
    static final int LINES = 80;

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw attach(context, throwable);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        throw attach(context, throwable);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        throw attach(context, throwable);
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        throw attach(context, throwable);
    }

    @Override
    public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        throw attach(context, throwable);
    }

    static Throwable attach(ExtensionContext context, Throwable throwable) {
        if (throwable instanceof TestAbortedException) {
            return throwable;
        }
        for (Throwable suppressed : throwable.getSuppressed()) {
            if (suppressed instanceof ServerLogTail) {
                return throwable;
            }
        }
        PostgresExtension.find(context).ifPresent(server -> throwable.addSuppressed(new ServerLogTail(server, LINES)));
        return throwable;
    }
}
