package io.walstream.conn;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The connection keywords libpq accepts (libpq 18's {@code PQconninfoOptions} table), each with its
 * fallback environment variable and whether its value is a secret. The order is libpq's and is the order
 * {@link ConnectionConfig#toConnectionString()} writes them in.
 *
 * <p><b>Thread safety:</b> immutable.
 */
enum Keyword {
    SERVICE("service", "PGSERVICE", false),
    SERVICEFILE("servicefile", null, false),
    USER("user", "PGUSER", false),
    PASSWORD("password", "PGPASSWORD", true),
    PASSFILE("passfile", "PGPASSFILE", false),
    CHANNEL_BINDING("channel_binding", "PGCHANNELBINDING", false),
    CONNECT_TIMEOUT("connect_timeout", "PGCONNECT_TIMEOUT", false),
    DBNAME("dbname", "PGDATABASE", false),
    HOST("host", "PGHOST", false),
    HOSTADDR("hostaddr", "PGHOSTADDR", false),
    PORT("port", "PGPORT", false),
    CLIENT_ENCODING("client_encoding", "PGCLIENTENCODING", false),
    OPTIONS("options", "PGOPTIONS", false),
    APPLICATION_NAME("application_name", "PGAPPNAME", false),
    FALLBACK_APPLICATION_NAME("fallback_application_name", null, false),
    KEEPALIVES("keepalives", null, false),
    KEEPALIVES_IDLE("keepalives_idle", null, false),
    KEEPALIVES_INTERVAL("keepalives_interval", null, false),
    KEEPALIVES_COUNT("keepalives_count", null, false),
    TCP_USER_TIMEOUT("tcp_user_timeout", null, false),
    SSLMODE("sslmode", "PGSSLMODE", false),
    SSLNEGOTIATION("sslnegotiation", "PGSSLNEGOTIATION", false),
    SSLCOMPRESSION("sslcompression", "PGSSLCOMPRESSION", false),
    SSLCERT("sslcert", "PGSSLCERT", false),
    SSLKEY("sslkey", "PGSSLKEY", false),
    SSLCERTMODE("sslcertmode", "PGSSLCERTMODE", false),
    SSLPASSWORD("sslpassword", null, true),
    SSLROOTCERT("sslrootcert", "PGSSLROOTCERT", false),
    SSLCRL("sslcrl", "PGSSLCRL", false),
    SSLCRLDIR("sslcrldir", "PGSSLCRLDIR", false),
    SSLSNI("sslsni", "PGSSLSNI", false),
    SSLKEYLOGFILE("sslkeylogfile", null, false),
    REQUIREPEER("requirepeer", "PGREQUIREPEER", false),
    REQUIRE_AUTH("require_auth", "PGREQUIREAUTH", false),
    MIN_PROTOCOL_VERSION("min_protocol_version", "PGMINPROTOCOLVERSION", false),
    MAX_PROTOCOL_VERSION("max_protocol_version", "PGMAXPROTOCOLVERSION", false),
    SSL_MIN_PROTOCOL_VERSION("ssl_min_protocol_version", "PGSSLMINPROTOCOLVERSION", false),
    SSL_MAX_PROTOCOL_VERSION("ssl_max_protocol_version", "PGSSLMAXPROTOCOLVERSION", false),
    GSSENCMODE("gssencmode", "PGGSSENCMODE", false),
    KRBSRVNAME("krbsrvname", "PGKRBSRVNAME", false),
    GSSLIB("gsslib", "PGGSSLIB", false),
    GSSDELEGATION("gssdelegation", "PGGSSDELEGATION", false),
    REPLICATION("replication", null, false),
    TARGET_SESSION_ATTRS("target_session_attrs", "PGTARGETSESSIONATTRS", false),
    LOAD_BALANCE_HOSTS("load_balance_hosts", "PGLOADBALANCEHOSTS", false),
    SCRAM_CLIENT_KEY("scram_client_key", null, true),
    SCRAM_SERVER_KEY("scram_server_key", null, true),
    OAUTH_ISSUER("oauth_issuer", null, false),
    OAUTH_CLIENT_ID("oauth_client_id", null, false),
    OAUTH_CLIENT_SECRET("oauth_client_secret", null, true),
    OAUTH_SCOPE("oauth_scope", null, false);

    private static final Map<String, Keyword> BY_NAME = new HashMap<>();

    static {
        for (Keyword k : values()) {
            BY_NAME.put(k.keyword, k);
        }
    }

    private final String keyword;
    private final String envVar;
    private final boolean secret;

    Keyword(String keyword, String envVar, boolean secret) {
        this.keyword = keyword;
        this.envVar = envVar;
        this.secret = secret;
    }

    /** @return the keyword as written in connection strings, e.g. {@code target_session_attrs} */
    String keyword() {
        return keyword;
    }

    /** @return the fallback environment variable, or {@code null} if libpq has none */
    String envVar() {
        return envVar;
    }

    /** @return whether the value must never appear in messages, logs or {@code toString()} */
    boolean secret() {
        return secret;
    }

    /**
     * @param keyword a keyword as written, case-sensitive like libpq
     * @return the keyword, or empty if libpq does not know it
     */
    static Optional<Keyword> find(String keyword) {
        return Optional.ofNullable(BY_NAME.get(keyword));
    }

    /**
     * @param keyword a keyword as written
     * @return whether its value is a secret; {@code false} for unknown keywords
     */
    static boolean isSecret(String keyword) {
        Keyword k = BY_NAME.get(keyword);
        return k != null && k.secret;
    }
}
