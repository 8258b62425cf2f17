package io.walstream.testkit.postgres;

/**
 * How PostgreSQL stores a role's password: the value of {@code password_encryption} when the role is created.
 * The names also match the {@code pg_hba.conf} methods that check such a password.
 *
 * <p><b>Thread safety:</b> an immutable enum; safe for concurrent use.
 */
public enum PasswordEncryption {
    /** An MD5 hash; authenticates with the {@code md5} (or {@code password}) method. Deprecated in PostgreSQL 18. */
    MD5("md5"),
    /** A SCRAM-SHA-256 verifier; authenticates with {@code scram-sha-256} (or {@code md5}, {@code password}). */
    SCRAM_SHA_256("scram-sha-256");

    private final String settingValue;

    PasswordEncryption(String settingValue) {
        this.settingValue = settingValue;
    }

    /** {@return the {@code password_encryption} value, which is also the {@code pg_hba.conf} method name} */
    public String settingValue() {
        return settingValue;
    }
}
