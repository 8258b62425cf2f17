package io.walstream.testkit.postgres;

import java.util.Objects;

/**
 * A role the harness creates before the server first starts, with its password stored the chosen way.
 *
 * <pre>{@code
 * PostgresRole.user("repl", "secret").withReplication(true).withEncryption(PasswordEncryption.MD5)
 * }</pre>
 *
 * <p><b>Thread safety:</b> an immutable record; safe for concurrent use.
 *
 * @param name the role name; any characters but a line break (it is quoted)
 * @param password the password, or {@code null} for none
 * @param encryption how the password is stored
 * @param replication whether the role has the {@code REPLICATION} attribute
 * @param login whether the role may log in
 */
public record PostgresRole(String name, String password, PasswordEncryption encryption, boolean replication,
                           boolean login) {

    /**
     * Validates the components.
     *
     * @param name the role name
     * @param password the password, or {@code null}
     * @param encryption how the password is stored
     * @param replication whether the role has {@code REPLICATION}
     * @param login whether the role may log in
     */
    public PostgresRole {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(encryption, "encryption");
        if (name.isEmpty() || name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0 || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("Role name must be non-empty, without line breaks or NUL: " + name);
        }
        if (password != null && (password.indexOf('\n') >= 0 || password.indexOf('\r') >= 0
                || password.indexOf('\0') >= 0)) {
            throw new IllegalArgumentException("Password of role " + name + " must not hold line breaks or NUL");
        }
    }

    /**
     * {@return a login role with a SCRAM-SHA-256 password and no {@code REPLICATION} attribute}
     *
     * @param name the role name
     * @param password the password, or {@code null} for none
     */
    public static PostgresRole user(String name, String password) {
        return new PostgresRole(name, password, PasswordEncryption.SCRAM_SHA_256, false, true);
    }

    /**
     * {@return a copy with the given {@code REPLICATION} attribute}
     *
     * @param newReplication whether the role may start replication connections
     */
    public PostgresRole withReplication(boolean newReplication) {
        return new PostgresRole(name, password, encryption, newReplication, login);
    }

    /**
     * {@return a copy whose password is stored as given}
     *
     * @param newEncryption how to store the password
     */
    public PostgresRole withEncryption(PasswordEncryption newEncryption) {
        return new PostgresRole(name, password, newEncryption, replication, login);
    }

    /**
     * {@return a copy with the given {@code LOGIN} attribute}
     *
     * @param newLogin whether the role may log in
     */
    public PostgresRole withLogin(boolean newLogin) {
        return new PostgresRole(name, password, encryption, replication, newLogin);
    }

    /**
     * {@return a copy with another password}
     *
     * @param newPassword the password, or {@code null} for none
     */
    public PostgresRole withPassword(String newPassword) {
        return new PostgresRole(name, newPassword, encryption, replication, login);
    }

    /** Hides the password. */
    @Override
    public String toString() {
        return "PostgresRole[" + name + (password == null ? ", no password" : ", " + encryption.settingValue())
                + (replication ? ", REPLICATION" : "") + (login ? ", LOGIN" : ", NOLOGIN") + "]";
    }
}
