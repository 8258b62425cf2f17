package io.walstream.conn;

import io.walstream.ConnectionStringException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the values a connection string set into a {@link ConnectionConfig}: fills unset keywords from the
 * environment (libpq's {@code conninfo_add_defaults}), applies the built-in defaults, pairs the host lists
 * and validates the values libpq validates before connecting ({@code connectOptions2}).
 *
 * <p><b>Thread safety:</b> stateless.
 */
final class ConfigResolver {
    private static final Set<String> TLS_VERSIONS = Set.of("tlsv1", "tlsv1.1", "tlsv1.2", "tlsv1.3");

    private ConfigResolver() {
    }

    static ConnectionConfig resolve(RawSettings given, Environment env) {
        Map<Keyword, String> values = new EnumMap<>(given.values());
        for (Keyword k : Keyword.values()) {
            if (!values.containsKey(k) && k.envVar() != null) {
                env.variable(k.envVar()).ifPresent(v -> values.put(k, v));
            }
        }
        if (!values.containsKey(Keyword.SSLMODE)) {
            // The deprecated PGREQUIRESSL: "1..." means sslmode=require.
            env.variable("PGREQUIRESSL").filter(v -> v.startsWith("1"))
                    .ifPresent(v -> values.put(Keyword.SSLMODE, "require"));
        }
        rejectUnsupported(values);

        String user = nonEmpty(values.get(Keyword.USER)).orElse(env.userName());
        String dbname = nonEmpty(values.get(Keyword.DBNAME)).orElse(user);
        List<HostSpec> hosts = hosts(values);

        Duration connectTimeout = connectTimeout(values.get(Keyword.CONNECT_TIMEOUT));
        SslMode sslMode = sslMode(values);
        checkChoice(values, Keyword.SSLNEGOTIATION, "postgres", "direct");
        if ("direct".equals(values.get(Keyword.SSLNEGOTIATION)) && !sslMode.requiresTls()) {
            throw new ConnectionStringException("weak sslmode \"" + sslMode.keyword()
                    + "\" may not be used with sslnegotiation=direct (use \"require\", \"verify-ca\", or \"verify-full\")");
        }
        checkChoice(values, Keyword.CHANNEL_BINDING, "disable", "prefer", "require");
        checkChoice(values, Keyword.SSLCERTMODE, "disable", "allow", "require");
        checkChoice(values, Keyword.GSSENCMODE, "disable", "prefer", "require");
        checkChoice(values, Keyword.LOAD_BALANCE_HOSTS, "disable", "random");
        checkTlsVersions(values);

        String tsa = values.getOrDefault(Keyword.TARGET_SESSION_ATTRS, "any");
        TargetSessionAttrs targetSessionAttrs = TargetSessionAttrs.fromKeyword(tsa).orElseThrow(
                () -> invalidValue(Keyword.TARGET_SESSION_ATTRS, tsa));
        String repl = values.getOrDefault(Keyword.REPLICATION, "");
        ReplicationMode replication = ReplicationMode.fromKeyword(repl).orElseThrow(
                () -> new ConnectionStringException("invalid replication value: \"" + repl
                        + "\"; valid values are false, 0, true, 1, database"));

        Path passfile = nonEmpty(values.get(Keyword.PASSFILE)).map(Path::of)
                .or(() -> env.homeDirectory().map(h -> h.resolve(".pgpass")))
                .orElse(null);

        Map<Keyword, String> plain = new EnumMap<>(Keyword.class);
        Map<Keyword, char[]> secrets = new EnumMap<>(Keyword.class);
        values.forEach((k, v) -> {
            if (k.secret()) {
                secrets.put(k, v.toCharArray());
            } else {
                plain.put(k, v);
            }
        });
        Path tlsDirectory = env.homeDirectory().map(h -> h.resolve(".postgresql")).orElse(null);
        return new ConnectionConfig(hosts, user, dbname, connectTimeout, sslMode, targetSessionAttrs,
                replication, passfile, tlsDirectory, plain, secrets);
    }

    private static void rejectUnsupported(Map<Keyword, String> values) {
        for (Keyword k : List.of(Keyword.SERVICE, Keyword.SERVICEFILE)) {
            String v = values.get(k);
            if (v != null && !v.isEmpty()) {
                String from = k.envVar() == null ? "" : ", from the string or " + k.envVar();
                throw new ConnectionStringException("connection service files are not supported (" + k.keyword()
                        + "=\"" + v + "\"" + from
                        + "); give the settings in the connection string or PG* environment variables instead");
            }
        }
    }

    /** libpq's host/hostaddr/port pairing from {@code connectOptions2}. */
    private static List<HostSpec> hosts(Map<Keyword, String> values) {
        List<String> names = items(values.get(Keyword.HOST));
        List<String> addrs = items(values.get(Keyword.HOSTADDR));
        int count = addrs != null ? addrs.size() : names != null ? names.size() : 1;
        if (names != null && addrs != null && names.size() != count) {
            throw new ConnectionStringException("could not match " + names.size() + " host names to " + count
                    + " hostaddr values");
        }
        List<String> ports = items(values.get(Keyword.PORT));
        if (ports != null && ports.size() != 1 && ports.size() != count) {
            throw new ConnectionStringException("could not match " + ports.size() + " port numbers to " + count
                    + " hosts");
        }
        List<HostSpec> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String host = names == null ? "" : names.get(i);
            String addr = addrs == null ? "" : addrs.get(i);
            if (host.isEmpty() && addr.isEmpty()) {
                host = HostSpec.DEFAULT_HOST;
            }
            String portText = ports == null ? "" : ports.get(ports.size() == 1 ? 0 : i);
            out.add(new HostSpec(host, addr, port(portText)));
        }
        return List.copyOf(out);
    }

    /** @return the comma-separated items (empty items kept), or {@code null} if the value is unset or empty */
    private static List<String> items(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        return Arrays.asList(value.split(",", -1));
    }

    private static int port(String text) {
        if (text.isEmpty()) {
            return HostSpec.DEFAULT_PORT;
        }
        long port = parseInt(text, "port");
        if (port < 1 || port > 65535) {
            throw new ConnectionStringException("invalid port number: \"" + text + "\"");
        }
        return (int) port;
    }

    /**
     * libpq's {@code parse_int_param}: optional leading whitespace and sign, decimal digits, optional
     * trailing whitespace, within {@code int} range.
     */
    static int parseInt(String text, String keyword) {
        int i = 0;
        int n = text.length();
        while (i < n && KeywordValueParser.isSpace(text.charAt(i))) {
            i++;
        }
        int j = n;
        while (j > i && KeywordValueParser.isSpace(text.charAt(j - 1))) {
            j--;
        }
        String core = text.substring(i, j);
        try {
            if (core.isEmpty() || !core.matches("[+-]?[0-9]+")) {
                throw new NumberFormatException();
            }
            return Integer.parseInt(core.startsWith("+") ? core.substring(1) : core);
        } catch (NumberFormatException e) {
            throw new ConnectionStringException("invalid integer value \"" + text + "\" for connection option \""
                    + keyword + "\"");
        }
    }

    /** Unset, zero or negative: no timeout. 1 second is raised to 2, as libpq does. */
    private static Duration connectTimeout(String text) {
        if (text == null) {
            return null;
        }
        int seconds = parseInt(text, "connect_timeout");
        if (seconds <= 0) {
            return null;
        }
        return Duration.ofSeconds(Math.max(seconds, 2));
    }

    private static SslMode sslMode(Map<Keyword, String> values) {
        String text = values.get(Keyword.SSLMODE);
        boolean systemRoots = "system".equals(values.get(Keyword.SSLROOTCERT));
        if (text == null) {
            return systemRoots ? SslMode.VERIFY_FULL : SslMode.PREFER;
        }
        SslMode mode = SslMode.fromKeyword(text).orElseThrow(() -> invalidValue(Keyword.SSLMODE, text));
        if (systemRoots && mode != SslMode.VERIFY_FULL) {
            throw new ConnectionStringException("weak sslmode \"" + mode.keyword()
                    + "\" may not be used with sslrootcert=system (use \"verify-full\")");
        }
        return mode;
    }

    private static void checkChoice(Map<Keyword, String> values, Keyword k, String... allowed) {
        String v = values.get(k);
        if (v != null && !Arrays.asList(allowed).contains(v)) {
            throw invalidValue(k, v);
        }
    }

    private static void checkTlsVersions(Map<Keyword, String> values) {
        String min = values.get(Keyword.SSL_MIN_PROTOCOL_VERSION);
        String max = values.get(Keyword.SSL_MAX_PROTOCOL_VERSION);
        for (Keyword k : List.of(Keyword.SSL_MIN_PROTOCOL_VERSION, Keyword.SSL_MAX_PROTOCOL_VERSION)) {
            String v = values.get(k);
            if (v != null && !v.isEmpty() && !TLS_VERSIONS.contains(v.toLowerCase(Locale.ROOT))) {
                throw invalidValue(k, v);
            }
        }
        String effectiveMin = min == null ? "TLSv1.2" : min; // libpq's compiled-in default
        if (!effectiveMin.isEmpty() && max != null && !max.isEmpty()
                && tlsRank(effectiveMin) > tlsRank(max)) {
            throw new ConnectionStringException("invalid SSL protocol version range: ssl_min_protocol_version "
                    + effectiveMin + " is above ssl_max_protocol_version " + max);
        }
    }

    private static int tlsRank(String v) {
        switch (v.toLowerCase(Locale.ROOT)) {
            case "tlsv1":
                return 0;
            case "tlsv1.1":
                return 1;
            case "tlsv1.2":
                return 2;
            default:
                return 3;
        }
    }

    private static ConnectionStringException invalidValue(Keyword k, String v) {
        return new ConnectionStringException("invalid " + k.keyword() + " value: \"" + v + "\"");
    }

    private static Optional<String> nonEmpty(String v) {
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
    }
}
