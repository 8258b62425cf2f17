package io.walstream.conn;

import io.walstream.ConnectionStringException;

/**
 * Parses the URI form exactly as libpq's {@code conninfo_uri_parse_options} does:
 * <pre>{@code
 * postgresql://[user[:password]@][host][:port][,host[:port]...][/dbname][?key=value[&key=value...]]
 * }</pre>
 *
 * <ul>
 *   <li>The user-info part ends at the first {@code @} seen before any {@code /}. An empty user or an
 *       empty password ({@code user:@host}) is not stored, as in libpq, so the environment or
 *       {@code .pgpass} still applies.</li>
 *   <li>Hosts are separated by commas and each may carry {@code :port}; {@code [..]} brackets an IPv6
 *       literal. As in libpq the hosts and ports are joined into comma-separated {@code host} and
 *       {@code port} values (an omitted port leaves an empty item, which means 5432).</li>
 *   <li>{@code /dbname} runs to {@code ?}; an empty dbname is not stored.</li>
 *   <li>Query parameters are stored after the hierarchical part, so a parameter repeating a value given
 *       there wins. {@code ssl=true} means {@code sslmode=require}; any other unknown key is an error.</li>
 *   <li>Every component is percent-decoded by {@link PercentDecoder}.</li>
 * </ul>
 *
 * <p>Unlike libpq, no message quotes the whole URI or anything from the user-info part.
 *
 * <p><b>Thread safety:</b> stateless.
 */
final class UriParser {
    static final String PREFIX = "postgresql://";
    static final String SHORT_PREFIX = "postgres://";

    private UriParser() {
    }

    /**
     * @param s a connection string
     * @return the length of its URI prefix, or 0 if it is not a URI
     */
    static int prefixLength(String s) {
        if (s.startsWith(PREFIX)) {
            return PREFIX.length();
        }
        if (s.startsWith(SHORT_PREFIX)) {
            return SHORT_PREFIX.length();
        }
        return 0;
    }

    static RawSettings parse(String uri) {
        RawSettings out = new RawSettings();
        int n = uri.length();
        int start = prefixLength(uri);
        int p = start;

        while (p < n && uri.charAt(p) != '@' && uri.charAt(p) != '/') {
            p++;
        }
        if (p < n && uri.charAt(p) == '@') {
            int at = p;
            int q = start;
            while (q < at && uri.charAt(q) != ':') {
                q++;
            }
            String user = uri.substring(start, q);
            if (!user.isEmpty()) {
                out.store("user", PercentDecoder.decode(user, "the user name", false), "user");
            }
            if (q < at) {
                String password = uri.substring(q + 1, at);
                if (!password.isEmpty()) {
                    out.store("password", PercentDecoder.decode(password, "the password", true), "password");
                }
            }
            p = at + 1;
        } else {
            p = start;
        }

        StringBuilder hosts = new StringBuilder();
        StringBuilder ports = new StringBuilder();
        char prev;
        for (;;) {
            String host;
            if (p < n && uri.charAt(p) == '[') {
                int h = ++p;
                while (p < n && uri.charAt(p) != ']') {
                    p++;
                }
                if (p >= n) {
                    throw new ConnectionStringException(
                            "end of string reached when looking for matching \"]\" in IPv6 host address in URI");
                }
                if (p == h) {
                    throw new ConnectionStringException("IPv6 host address may not be empty in URI");
                }
                host = uri.substring(h, p);
                p++;
                if (p < n) {
                    char c = uri.charAt(p);
                    if (c != ':' && c != '/' && c != '?' && c != ',') {
                        throw new ConnectionStringException("unexpected character \"" + c + "\" at position "
                                + (p + 1) + " in URI (expected \":\" or \"/\")");
                    }
                }
            } else {
                int h = p;
                while (p < n && ":/?,".indexOf(uri.charAt(p)) < 0) {
                    p++;
                }
                host = uri.substring(h, p);
            }
            prev = p < n ? uri.charAt(p) : '\0';
            hosts.append(host);
            if (prev == ':') {
                int portStart = ++p;
                while (p < n && "/?,".indexOf(uri.charAt(p)) < 0) {
                    p++;
                }
                ports.append(uri, portStart, p);
                prev = p < n ? uri.charAt(p) : '\0';
            }
            if (prev != ',') {
                break;
            }
            p++;
            hosts.append(',');
            ports.append(',');
        }
        if (hosts.length() > 0) {
            out.store("host", PercentDecoder.decode(hosts.toString(), "the host list", false), "host");
        }
        if (ports.length() > 0) {
            out.store("port", PercentDecoder.decode(ports.toString(), "the port list", false), "port");
        }

        if (prev != '\0' && prev != '?') {
            int dbStart = ++p;
            while (p < n && uri.charAt(p) != '?') {
                p++;
            }
            String dbname = uri.substring(dbStart, p);
            prev = p < n ? uri.charAt(p) : '\0';
            if (!dbname.isEmpty()) {
                out.store("dbname", PercentDecoder.decode(dbname, "the database name", false), "dbname");
            }
        }
        if (prev != '\0') {
            parseParams(uri.substring(p + 1), out);
        }
        return out;
    }

    private static void parseParams(String params, RawSettings out) {
        int n = params.length();
        int p = 0;
        boolean afterSecret = false; // text after a secret value may be part of it (a raw '&' in a password)
        while (p < n) {
            int keyStart = p;
            int eq = -1;
            for (;;) {
                char c = p < n ? params.charAt(p) : '\0';
                if (c == '=') {
                    if (eq >= 0) {
                        throw new ConnectionStringException("extra key/value separator \"=\" in URI query parameter: \""
                                + shown(params.substring(keyStart, eq), afterSecret) + "\"");
                    }
                    eq = p++;
                } else if (c == '&' || c == '\0') {
                    if (eq < 0) {
                        throw new ConnectionStringException(
                                "missing key/value separator \"=\" in URI query parameter: \""
                                        + shown(params.substring(keyStart, p), afterSecret) + "\"");
                    }
                    break;
                } else {
                    p++;
                }
            }
            String rawKey = params.substring(keyStart, eq);
            String rawValue = params.substring(eq + 1, p);
            if (p < n) {
                p++; // past '&'
            }
            String key = PercentDecoder.decode(rawKey, "a URI query parameter name", afterSecret);
            boolean secret = Keyword.isSecret(key);
            String value = PercentDecoder.decode(rawValue, "the value of URI query parameter \"" + key + "\"", secret);
            if (key.equals("ssl") && value.equals("true")) {
                out.store("sslmode", "require", "sslmode");
            } else if (!out.tryStore(key, value)) {
                throw new ConnectionStringException("invalid URI query parameter: \"" + shown(key, afterSecret) + "\"");
            }
            afterSecret = secret;
        }
    }

    private static String shown(String text, boolean afterSecret) {
        return afterSecret ? "<text after a secret value, not shown; percent-encode '&' as %26>" : text;
    }
}
