package io.walstream.conn;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link Environment#of(Map, String, Path)}: fixed values, for tests and embedding.
 *
 * <p><b>Thread safety:</b> immutable.
 */
final class FixedEnvironment implements Environment {
    private final Map<String, String> variables;
    private final String userName;
    private final Path home;

    FixedEnvironment(Map<String, String> variables, String userName, Path home) {
        this.variables = variables;
        this.userName = Objects.requireNonNull(userName, "userName");
        this.home = home;
    }

    @Override
    public Optional<String> variable(String name) {
        return Optional.ofNullable(variables.get(name));
    }

    @Override
    public String userName() {
        return userName;
    }

    @Override
    public Optional<Path> homeDirectory() {
        return Optional.ofNullable(home);
    }

    /** @return the variable names only: values may be secrets such as {@code PGPASSWORD} */
    @Override
    public String toString() {
        return "Environment" + variables.keySet();
    }
}
