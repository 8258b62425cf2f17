package io.walstream.conn;

import java.nio.file.Path;
import java.util.Optional;

/**
 * {@link Environment#system()}: the process environment and system properties.
 *
 * <p><b>Thread safety:</b> stateless.
 */
enum SystemEnvironment implements Environment {
    INSTANCE;

    @Override
    public Optional<String> variable(String name) {
        return Optional.ofNullable(System.getenv(name));
    }

    @Override
    public String userName() {
        return System.getProperty("user.name", "");
    }

    @Override
    public Optional<Path> homeDirectory() {
        String home = System.getenv("HOME");
        if (home == null || home.isEmpty()) {
            home = System.getProperty("user.home");
        }
        return home == null || home.isEmpty() ? Optional.empty() : Optional.of(Path.of(home));
    }
}
