package io.walstream.testkit.postgres;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * Finds a test class's optional {@code static PostgresConfig postgresConfig()} (or
 * {@code postgresConfig(PostgresVersion)}) in it or a superclass, and calls it.
 *
 * <p><b>Thread safety:</b> stateless; safe for concurrent use.
 */
final class ConfigMethods {
    static final String NAME = "postgresConfig";

    private ConfigMethods() {
    }

    static PostgresConfig configFor(Class<?> testClass, PostgresVersion version) {
        for (Class<?> type = testClass; type != null && type != Object.class; type = type.getSuperclass()) {
            for (Method method : type.getDeclaredMethods()) {
                if (method.getName().equals(NAME) && !method.isSynthetic()) {
                    return invoke(checked(method), version);
                }
            }
        }
        return PostgresConfig.defaults();
    }

    private static Method checked(Method method) {
        Class<?>[] parameters = method.getParameterTypes();
        boolean parametersFit = parameters.length == 0
                || parameters.length == 1 && parameters[0] == PostgresVersion.class;
        if (!Modifier.isStatic(method.getModifiers()) || method.getReturnType() != PostgresConfig.class
                || !parametersFit) {
            throw new PostgresHarnessException(method + " must be declared as 'static PostgresConfig " + NAME
                    + "()' or 'static PostgresConfig " + NAME + "(PostgresVersion)'");
        }
        return method;
    }

    private static PostgresConfig invoke(Method method, PostgresVersion version) {
        try {
            method.setAccessible(true);
            Object config = method.getParameterCount() == 0 ? method.invoke(null) : method.invoke(null, version);
            if (config == null) {
                throw new PostgresHarnessException(method + " returned null");
            }
            return (PostgresConfig) config;
        } catch (InvocationTargetException e) {
            throw new PostgresHarnessException(method + " failed: " + e.getCause(), e.getCause());
        } catch (IllegalAccessException | RuntimeException e) {
            if (e instanceof PostgresHarnessException) {
                throw (PostgresHarnessException) e;
            }
            throw new PostgresHarnessException("Could not call " + method + ": " + e, e);
        }
    }
}
