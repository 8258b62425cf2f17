package io.walstream.conn;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link ConnectionConfig} reads from the process environment: the {@code PG*} variables, the
 * operating-system user name (the default {@code user}) and the home directory (for {@code ~/.pgpass}).
 * Injectable so that tests and embedding applications do not depend on the real environment.
 *
 * <p><b>Thread safety:</b> implementations must be safe to call from any thread; {@link #system()} and
 * {@link #of(Map, String, Path)} are immutable.
 */
public interface Environment {

    /**
     * @param name a variable name such as {@code PGHOST}
     * @return its value, possibly empty, or empty if unset
     */
    Optional<String> variable(String name);

    /** @return the operating-system user name, the default for {@code user} */
    String userName();

    /** @return the home directory, or empty if there is none */
    Optional<Path> homeDirectory();

    /**
     * The real environment: {@link System#getenv(String)}, the {@code user.name} system property, and
     * {@code $HOME} falling back to the {@code user.home} system property (libpq uses {@code $HOME}, then
     * the password database).
     *
     * @return the process environment
     */
    static Environment system() {
        return SystemEnvironment.INSTANCE;
    }

    /**
     * A fixed environment.
     *
     * @param variables the variables; copied
     * @param userName the operating-system user name
     * @param homeDirectory the home directory, or {@code null} for none
     * @return an environment that reads only these values
     */
    static Environment of(Map<String, String> variables, String userName, Path homeDirectory) {
        return new FixedEnvironment(Map.copyOf(variables), userName, homeDirectory);
    }
}
