package io.walstream.conn;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Fixed environments and a compact rendering of a parsed config for table-driven assertions. */
final class TestEnv {
    static final String OS_USER = "osuser";

    private TestEnv() {
    }

    static Environment empty() {
        return Environment.of(Map.of(), OS_USER, null);
    }

    static Environment vars(Map<String, String> vars) {
        return Environment.of(vars, OS_USER, null);
    }

    static Environment home(Path home, Map<String, String> vars) {
        return Environment.of(vars, OS_USER, home);
    }

    static ConnectionConfig parse(String s) {
        return ConnectionConfig.parse(s, empty());
    }

    /** {@code [h:1, h2:2] user=u db=d pw=p}; pw is {@code -} when no password was given. */
    static String summary(ConnectionConfig c) {
        Optional<char[]> pw = c.password();
        return c.hosts().stream().map(HostSpec::toString).collect(Collectors.joining(", ", "[", "]"))
                + " user=" + c.user() + " db=" + c.dbname() + " pw=" + pw.map(String::new).orElse("-");
    }
}
