package io.walstream.conn;

import io.walstream.ConnectionStringException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A parsed, libpq-compatible connection configuration: the result of reading a connection string (either
 * {@code host=db1 port=5432 dbname=app} or {@code postgresql://repl@db1,db2/app?replication=database}),
 * the {@code PG*} environment variables for every keyword the string leaves unset, and libpq's built-in
 * defaults.
 *
 * <p>Parsing follows libpq's {@code fe-connect.c}: the same keywords (unknown ones are rejected with
 * {@code invalid connection option "x"}), the same quoting and percent-decoding rules, the same
 * environment variables, and the same pairing of the {@code host}, {@code hostaddr} and {@code port}
 * lists. Defaults: host {@code localhost} (libpq would use a Unix socket; walstream has none), port 5432,
 * user the operating-system user, dbname the user, sslmode {@code prefer} ({@code verify-full} with
 * {@code sslrootcert=system}). See the package documentation for the other deliberate differences.
 *
 * <pre>{@code
 * ConnectionConfig cfg = ConnectionConfig.parse(
 *         "postgresql://repl@db1:5432,db2:5433/app?replication=database&sslmode=verify-full");
 * for (HostSpec h : cfg.hosts()) {
 *     Optional<char[]> password = cfg.passwordFor(h); // explicit password, else ~/.pgpass
 * }
 * }</pre>
 *
 * <p>Secrets ({@code password}, {@code sslpassword}, {@code scram_client_key}, {@code scram_server_key},
 * {@code oauth_client_secret}) are held as {@code char[]}, handed out only as copies, and never appear in
 * {@link #toString()}, {@link #toConnectionString()} or any exception message.
 *
 * <p><b>Thread safety:</b> immutable; safe to share between threads. {@link #passwordFor(HostSpec)} reads
 * the password file on each call.
 */
public final class ConnectionConfig {
    private static final String REDACTED = "<redacted>";

    private final List<HostSpec> hosts;
    private final String user;
    private final String dbname;
    private final Duration connectTimeout;
    private final SslMode sslMode;
    private final TargetSessionAttrs targetSessionAttrs;
    private final ReplicationMode replication;
    private final Path passfile;
    private final Path tlsDirectory;
    private final Map<Keyword, String> values;
    private final Map<Keyword, char[]> secrets;
    /** Set by {@link #withStartupTimeout}; {@code null}: {@code connect_timeout}, else the default. */
    private final Duration startupTimeout;

    ConnectionConfig(List<HostSpec> hosts, String user, String dbname, Duration connectTimeout, SslMode sslMode,
            TargetSessionAttrs targetSessionAttrs, ReplicationMode replication, Path passfile, Path tlsDirectory,
            Map<Keyword, String> values, Map<Keyword, char[]> secrets) {
        this(hosts, user, dbname, connectTimeout, sslMode, targetSessionAttrs, replication, passfile, tlsDirectory,
                values, secrets, null);
    }

    private ConnectionConfig(List<HostSpec> hosts, String user, String dbname, Duration connectTimeout,
            SslMode sslMode, TargetSessionAttrs targetSessionAttrs, ReplicationMode replication, Path passfile,
            Path tlsDirectory, Map<Keyword, String> values, Map<Keyword, char[]> secrets, Duration startupTimeout) {
        this.startupTimeout = startupTimeout;
        this.hosts = List.copyOf(hosts);
        this.user = user;
        this.dbname = dbname;
        this.connectTimeout = connectTimeout;
        this.sslMode = sslMode;
        this.targetSessionAttrs = targetSessionAttrs;
        this.replication = replication;
        this.passfile = passfile;
        this.tlsDirectory = tlsDirectory;
        this.values = Map.copyOf(values);
        this.secrets = Map.copyOf(secrets);
    }

    /**
     * Parses a connection string, filling unset keywords from the real process environment.
     *
     * @param connectionString keyword/value or URI form; empty means all defaults
     * @return the configuration
     * @throws ConnectionStringException if the string or an environment variable is invalid
     */
    public static ConnectionConfig parse(String connectionString) {
        return parse(connectionString, Environment.system());
    }

    /**
     * Parses a connection string, filling unset keywords from {@code env}.
     *
     * @param connectionString keyword/value or URI form; empty means all defaults
     * @param env where {@code PG*} variables, the OS user name and the home directory come from
     * @return the configuration
     * @throws ConnectionStringException if the string or an environment variable is invalid
     */
    public static ConnectionConfig parse(String connectionString, Environment env) {
        Objects.requireNonNull(connectionString, "connectionString");
        Objects.requireNonNull(env, "env");
        if (connectionString.indexOf('\0') >= 0) {
            throw new ConnectionStringException("connection string contains a NUL character");
        }
        return ConfigResolver.resolve(ConnInfoParser.parse(connectionString), env);
    }

    /** @return the hosts to try, in order; never empty */
    public List<HostSpec> hosts() {
        return hosts;
    }

    /** @return the user name: {@code user}, {@code PGUSER}, or the operating-system user */
    public String user() {
        return user;
    }

    /**
     * @return the database name: {@code dbname}, {@code PGDATABASE}, or the user name. The database to
     *     decode for {@link ReplicationMode#DATABASE}; ignored by the server for physical replication
     */
    public String dbname() {
        return dbname;
    }

    /**
     * @return a copy of the password from {@code password} or {@code PGPASSWORD}, possibly empty (an empty
     *     keyword/value {@code password=''} is kept; an empty URI password {@code user:@host} is not stored,
     *     as in libpq); empty if none was given. See {@link #passwordFor(HostSpec)} for the one to use
     */
    public Optional<char[]> password() {
        return secret(Keyword.PASSWORD);
    }

    /**
     * The password to answer an authentication request from {@code host} with, as libpq chooses it: the
     * explicit password if non-empty, otherwise the first matching {@link PgPass} line for this host's
     * name (or {@code hostaddr}), port, {@link #dbname()} and {@link #user()}.
     *
     * @param host one of {@link #hosts()}
     * @return a fresh copy the caller should clear after use, or empty if there is no usable password
     *     (libpq then reports "no password supplied")
     */
    public Optional<char[]> passwordFor(HostSpec host) {
        Objects.requireNonNull(host, "host");
        char[] pw = secrets.get(Keyword.PASSWORD);
        if (pw != null && pw.length > 0) {
            return Optional.of(pw.clone());
        }
        if (passfile == null) {
            return Optional.empty();
        }
        return PgPass.lookup(passfile, host.passwordHost(), host.port(), dbname, user);
    }

    /**
     * @return the password file: {@code passfile}, {@code PGPASSFILE}, or {@code .pgpass} in the home
     *     directory; empty if there is no home directory. The file need not exist
     */
    public Optional<Path> passfile() {
        return Optional.ofNullable(passfile);
    }

    /**
     * @return the per-attempt connect timeout; empty when unset, zero or negative (wait indefinitely).
     *     1 second becomes 2, as in libpq
     */
    public Optional<Duration> connectTimeout() {
        return Optional.ofNullable(connectTimeout);
    }

    /**
     * @return the {@code application_name} to send: {@code application_name} or {@code PGAPPNAME}, else
     *     {@code fallback_application_name}; empty if that is unset or empty
     */
    public Optional<String> applicationName() {
        String v = values.containsKey(Keyword.APPLICATION_NAME) ? values.get(Keyword.APPLICATION_NAME)
                : values.get(Keyword.FALLBACK_APPLICATION_NAME);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    /** @return the {@code options} startup parameter (for example {@code -c wal_sender_timeout=0}), or "" */
    public String options() {
        return values.getOrDefault(Keyword.OPTIONS, "");
    }

    /** @return the replication mode; {@link ReplicationMode#NONE} by default */
    public ReplicationMode replication() {
        return replication;
    }

    /**
     * @param mode the replication mode wanted
     * @return a copy of this configuration that connects in {@code mode} (for example an ordinary connection,
     *         {@link ReplicationMode#NONE}, to the database of a replication configuration); everything else is
     *         unchanged, secrets included
     */
    public ConnectionConfig withReplication(ReplicationMode mode) {
        Objects.requireNonNull(mode, "mode");
        Map<Keyword, String> v = new java.util.HashMap<>(values);
        if (mode == ReplicationMode.NONE) {
            v.remove(Keyword.REPLICATION);
        } else {
            v.put(Keyword.REPLICATION, mode.startupValue().orElseThrow());
        }
        return new ConnectionConfig(hosts, user, dbname, connectTimeout, sslMode, targetSessionAttrs, mode, passfile,
                tlsDirectory, v, secrets, startupTimeout);
    }

    /**
     * @return the start-up deadline of one connection attempt — TCP connect, TLS, authentication, up to the first
     *     ReadyForQuery: the one set with {@link #withStartupTimeout}, else {@code connect_timeout}, else
     *     {@link Connector#DEFAULT_STARTUP_TIMEOUT} (30 s). Passing it fails the attempt with a (transient)
     *     {@link io.walstream.TransportException}
     */
    public Duration startupTimeout() {
        if (startupTimeout != null) {
            return startupTimeout;
        }
        return connectTimeout != null ? connectTimeout : Connector.DEFAULT_STARTUP_TIMEOUT;
    }

    /**
     * @param timeout the start-up deadline of each connection attempt (see {@link #startupTimeout()}); unlike
     *     {@code connect_timeout} it may be below 2 s and does not bound the TCP connect on its own
     * @return a copy of this configuration with that deadline; everything else is unchanged, secrets included
     * @throws IllegalArgumentException if it is not positive
     */
    public ConnectionConfig withStartupTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("startupTimeout must be positive, got " + timeout);
        }
        return new ConnectionConfig(hosts, user, dbname, connectTimeout, sslMode, targetSessionAttrs, replication,
                passfile, tlsDirectory, values, secrets, timeout);
    }

    /** @return where {@link #startupTimeout()} comes from and its value, for error messages */
    String describeStartupTimeout() {
        if (startupTimeout != null) {
            return "the start-up deadline of " + Durations.describe(startupTimeout);
        }
        if (connectTimeout != null) {
            return "connect_timeout " + Durations.describe(connectTimeout);
        }
        return "the default start-up deadline of " + Durations.describe(Connector.DEFAULT_STARTUP_TIMEOUT);
    }

    /** @return the TLS mode; {@link SslMode#PREFER} by default */
    public SslMode sslMode() {
        return sslMode;
    }

    /** @return which servers are acceptable; {@link TargetSessionAttrs#ANY} by default */
    public TargetSessionAttrs targetSessionAttrs() {
        return targetSessionAttrs;
    }

    /** @return {@code ~/.postgresql}, where libpq's default TLS files live, if the home directory is known */
    Optional<Path> tlsDirectory() {
        return Optional.ofNullable(tlsDirectory);
    }

    /** @return {@code sslrootcert}: a CA file, or {@code system} for the platform trust store */
    public Optional<String> sslRootCert() {
        return rawValue(Keyword.SSLROOTCERT.keyword());
    }

    /** @return {@code sslcert}: the client certificate file */
    public Optional<String> sslCert() {
        return rawValue(Keyword.SSLCERT.keyword());
    }

    /** @return {@code sslkey}: the client private key file */
    public Optional<String> sslKey() {
        return rawValue(Keyword.SSLKEY.keyword());
    }

    /** @return a copy of {@code sslpassword}, the passphrase of an encrypted {@code sslkey} */
    public Optional<char[]> sslPassword() {
        return secret(Keyword.SSLPASSWORD);
    }

    /** @return {@code sslnegotiation}: {@code postgres} (default) or {@code direct} */
    public String sslNegotiation() {
        return values.getOrDefault(Keyword.SSLNEGOTIATION, "postgres");
    }

    /** @return {@code channel_binding}: {@code disable}, {@code prefer} (default) or {@code require} */
    public String channelBinding() {
        return values.getOrDefault(Keyword.CHANNEL_BINDING, "prefer");
    }

    /**
     * The value of any non-secret keyword as given in the connection string or its environment variable,
     * without built-in defaults. {@code requiressl} is reported as the {@code sslmode} it set.
     *
     * @param keyword a libpq keyword such as {@code keepalives_idle} or {@code sslcrl}
     * @return the value, possibly empty, or empty if neither the string nor the environment set it
     * @throws IllegalArgumentException if libpq does not know the keyword, or it is a secret (use
     *     {@link #password()}, {@link #sslPassword()} or {@link #secret(String)})
     */
    public Optional<String> rawValue(String keyword) {
        Keyword k = Keyword.find(keyword).orElseThrow(
                () -> new IllegalArgumentException("invalid connection option \"" + keyword + "\""));
        if (k.secret()) {
            throw new IllegalArgumentException(keyword + " is a secret; use secret(\"" + keyword + "\")");
        }
        return Optional.ofNullable(values.get(k));
    }

    /**
     * @param keyword a secret keyword: {@code password}, {@code sslpassword}, {@code scram_client_key},
     *     {@code scram_server_key} or {@code oauth_client_secret}
     * @return a copy of its value, or empty if unset
     * @throws IllegalArgumentException if the keyword is unknown or not a secret
     */
    public Optional<char[]> secret(String keyword) {
        Keyword k = Keyword.find(keyword).orElseThrow(
                () -> new IllegalArgumentException("invalid connection option \"" + keyword + "\""));
        if (!k.secret()) {
            throw new IllegalArgumentException(keyword + " is not a secret; use rawValue(\"" + keyword + "\")");
        }
        return secret(k);
    }

    private Optional<char[]> secret(Keyword k) {
        char[] v = secrets.get(k);
        return v == null ? Optional.empty() : Optional.of(v.clone());
    }

    /**
     * The effective configuration in keyword/value form, for logs and diagnostics: the resolved
     * {@code host}, {@code port}, {@code user} and {@code dbname}, then every other keyword the string or
     * environment set, in libpq's keyword order. Secret values are written as {@code <redacted>}, so the
     * result is not meant for reconnecting.
     *
     * @return e.g. {@code host=db1,db2 port=5432,5433 user=repl dbname=app password=<redacted> replication=database}
     */
    public String toConnectionString() {
        StringBuilder sb = new StringBuilder();
        for (Keyword k : Keyword.values()) {
            String v;
            switch (k) {
                case HOST:
                    v = hosts.stream().map(HostSpec::host).collect(Collectors.joining(","));
                    break;
                case PORT:
                    v = hosts.stream().map(h -> Integer.toString(h.port())).collect(Collectors.joining(","));
                    break;
                case USER:
                    v = user;
                    break;
                case DBNAME:
                    v = dbname;
                    break;
                default:
                    v = k.secret() ? null : values.get(k);
                    break;
            }
            boolean redacted = k.secret() && secrets.containsKey(k);
            if (v == null && !redacted) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(k.keyword()).append('=').append(redacted ? REDACTED : quote(v));
        }
        return sb.toString();
    }

    /** @return {@code ConnectionConfig[}{@link #toConnectionString()}{@code ]}; never contains a secret */
    @Override
    public String toString() {
        return "ConnectionConfig[" + toConnectionString() + "]";
    }

    /** Quotes a value for the keyword/value form when it is empty or has spaces, quotes or backslashes. */
    static String quote(String v) {
        boolean plain = !v.isEmpty();
        for (int i = 0; i < v.length() && plain; i++) {
            char c = v.charAt(i);
            plain = c != '\'' && c != '\\' && !KeywordValueParser.isSpace(c);
        }
        if (plain) {
            return v;
        }
        StringBuilder sb = new StringBuilder(v.length() + 2).append('\'');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\'' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('\'').toString();
    }
}
