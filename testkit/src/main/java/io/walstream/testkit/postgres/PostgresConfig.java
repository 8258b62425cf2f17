package io.walstream.testkit.postgres;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a {@link PostgresServer} is set up with: {@code postgresql.conf} settings, the {@code pg_hba.conf}
 * lines, and the roles to create. The superuser is always {@value PostgresServer#SUPERUSER}, trusted by the
 * default {@code pg_hba.conf}.
 *
 * <pre>{@code
 * PostgresConfig config = PostgresConfig.builder()
 *     .setting("wal_sender_timeout", "5s")
 *     .role(PostgresRole.user("repl", "secret").withReplication(true))
 *     .hbaLines(List.of(
 *         "local all all trust",
 *         "host all postgres 127.0.0.1/32 trust",
 *         "host all,replication repl 127.0.0.1/32 scram-sha-256"))
 *     .build();
 * }</pre>
 *
 * <p>Defaults: {@code wal_level=logical}, {@code max_wal_senders=10}, {@code max_replication_slots=10},
 * {@code max_prepared_transactions=10}, and the {@link #defaultHbaLines() trusting pg_hba.conf}. The harness
 * itself sets {@code port}, {@code listen_addresses} and {@code unix_socket_directories} on the command line.
 *
 * <p><b>Thread safety:</b> immutable; safe for concurrent use. A {@link Builder} is not thread-safe.
 */
public final class PostgresConfig {
    private static final Pattern SETTING_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");
    private static final List<String> DEFAULT_HBA = List.of(
            "local all all trust",
            "host all all 127.0.0.1/32 trust",
            "host replication all 127.0.0.1/32 trust");
    private static final PostgresConfig DEFAULTS = new Builder().build();

    private final Map<String, String> settings;
    private final List<String> hbaLines;
    private final ServerTls serverTls;
    private final List<PostgresRole> roles;

    private PostgresConfig(Builder builder) {
        this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(builder.settings));
        this.hbaLines = List.copyOf(builder.hbaLines);
        this.serverTls = builder.serverTls;
        this.roles = List.copyOf(builder.roles.values());
    }

    /** {@return the default configuration} */
    public static PostgresConfig defaults() {
        return DEFAULTS;
    }

    /** {@return a builder that starts from the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the {@code pg_hba.conf} lines used unless replaced: trust for local and 127.0.0.1 connections} */
    public static List<String> defaultHbaLines() {
        return DEFAULT_HBA;
    }

    /** {@return a builder that starts from this configuration} */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.settings.clear();
        builder.settings.putAll(settings);
        builder.hbaLines.clear();
        builder.hbaLines.addAll(hbaLines);
        builder.serverTls = serverTls;
        roles.forEach(builder::role);
        return builder;
    }

    /** {@return the settings in the order they were given; written to {@code postgresql.conf}} */
    public Map<String, String> settings() {
        return settings;
    }

    /** {@return the server's TLS files, if TLS is on} */
    public java.util.Optional<ServerTls> serverTls() {
        return java.util.Optional.ofNullable(serverTls);
    }

    /** {@return the {@code pg_hba.conf} lines, first match wins} */
    public List<String> hbaLines() {
        return hbaLines;
    }

    /** {@return the roles to create, in order} */
    public List<PostgresRole> roles() {
        return roles;
    }

    @Override
    public String toString() {
        return "PostgresConfig[settings=" + settings() + ", hba=" + hbaLines + ", roles=" + roles + "]";
    }

    /**
     * Builds a {@link PostgresConfig}.
     *
     * <p><b>Thread safety:</b> not thread-safe; confine a builder to one thread.
     */
    public static final class Builder {
        private final Map<String, String> settings = new LinkedHashMap<>();
        private final List<String> hbaLines = new ArrayList<>(DEFAULT_HBA);
        private final Map<String, PostgresRole> roles = new LinkedHashMap<>();
        private ServerTls serverTls;

        private Builder() {
            settings.put("wal_level", "logical");
            settings.put("max_wal_senders", "10");
            settings.put("max_replication_slots", "10");
            settings.put("max_prepared_transactions", "10");
        }

        /**
         * Sets a {@code postgresql.conf} setting, replacing an earlier value.
         *
         * @param name a setting name such as {@code logical_decoding_work_mem}
         * @param value its value, unquoted (the harness quotes it), such as {@code 64kB}
         * @return this builder
         */
        public Builder setting(String name, String value) {
            Objects.requireNonNull(value, "value");
            if (!SETTING_NAME.matcher(Objects.requireNonNull(name, "name")).matches()) {
                throw new IllegalArgumentException("Not a PostgreSQL setting name: " + name);
            }
            if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("Setting " + name + " must not hold line breaks");
            }
            settings.put(name, value);
            return this;
        }

        /**
         * Sets a numeric {@code postgresql.conf} setting.
         *
         * @param name a setting name such as {@code max_wal_senders}
         * @param value its value in the setting's base unit
         * @return this builder
         */
        public Builder setting(String name, long value) {
            return setting(name, Long.toString(value));
        }

        /**
         * Removes a setting (including a default one), so the server uses its built-in default.
         *
         * @param name the setting name
         * @return this builder
         */
        public Builder withoutSetting(String name) {
            settings.remove(name);
            return this;
        }

        /**
         * Replaces all {@code pg_hba.conf} lines, for example to require passwords.
         *
         * @param lines the new lines, first match wins
         * @return this builder
         */
        public Builder hbaLines(List<String> lines) {
            List<String> copy = List.copyOf(lines);
            copy.forEach(Builder::checkHbaLine);
            hbaLines.clear();
            hbaLines.addAll(copy);
            return this;
        }

        /**
         * Appends one {@code pg_hba.conf} line after the current ones (first match wins).
         *
         * @param line the line, such as {@code host all repl 127.0.0.1/32 md5}
         * @return this builder
         */
        public Builder hbaLine(String line) {
            checkHbaLine(line);
            hbaLines.add(line);
            return this;
        }

        /**
         * Adds a role to create before the server first starts.
         *
         * @param role the role
         * @return this builder
         * @throws IllegalArgumentException if the name is the superuser's or already added
         */
        public Builder role(PostgresRole role) {
            Objects.requireNonNull(role, "role");
            if (role.name().equals(PostgresServer.SUPERUSER)) {
                throw new IllegalArgumentException("Role " + role.name() + " is the superuser, created by initdb");
            }
            if (roles.putIfAbsent(role.name(), role) != null) {
                throw new IllegalArgumentException("Role " + role.name() + " was already added");
            }
            return this;
        }

        /**
         * Turns TLS on ({@code ssl=on}) with these certificate and key files; client certificates are checked
         * against its CA file. Make them with {@link TestPki}.
         *
         * @param tls the files
         * @return this builder
         */
        public Builder serverTls(ServerTls tls) {
            this.serverTls = Objects.requireNonNull(tls, "tls");
            setting("ssl", "on");
            setting("ssl_cert_file", ServerTls.CERT);
            setting("ssl_key_file", ServerTls.KEY);
            setting("ssl_ca_file", ServerTls.CA);
            return this;
        }

        /** {@return the configuration} */
        public PostgresConfig build() {
            return new PostgresConfig(this);
        }

        private static void checkHbaLine(String line) {
            if (Objects.requireNonNull(line, "line").indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("A pg_hba.conf line must not hold line breaks: " + line);
            }
        }
    }
}
