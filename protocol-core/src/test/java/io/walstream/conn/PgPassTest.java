package io.walstream.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link PgPass} and {@link ConnectionConfig#passwordFor(HostSpec)}. Needs a POSIX file system. */
class PgPassTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void posixOnly() {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    }

    private Path file(String content, String perms) throws IOException {
        Path f = Files.createTempFile(dir, "pgpass", "");
        Files.writeString(f, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(perms));
        return f;
    }

    private static String lookup(Path f, String host, int port, String db, String user) {
        return PgPass.lookup(f, host, port, db, user).map(String::new).orElse(null);
    }

    static Stream<Arguments> matching() {
        return Stream.of(
                // file, host, port, db, user, expected password (null = no match)
                Arguments.of("h:5432:db:u:pw\n", "h", 5432, "db", "u", "pw"),
                Arguments.of("h:5432:db:u:pw\n", "H", 5432, "db", "u", null),
                Arguments.of("h:5432:db:u:pw\n", "h", 5433, "db", "u", null),
                Arguments.of("h:5432:db:u:pw\n", "h", 5432, "other", "u", null),
                Arguments.of("h:5432:db:u:pw\n", "h", 5432, "db", "v", null),
                Arguments.of("*:*:*:*:any\n", "x", 1, "y", "z", "any"),
                Arguments.of("h:*:db:*:w\n", "h", 7, "db", "zz", "w"),
                Arguments.of("h*:5432:db:u:literal\n", "hx", 5432, "db", "u", null),
                Arguments.of("h*:5432:db:u:literal\n", "h*", 5432, "db", "u", "literal"),
                // first match wins, in both orders
                Arguments.of("h:5432:db:u:specific\n*:*:*:*:wild\n", "h", 5432, "db", "u", "specific"),
                Arguments.of("*:*:*:*:wild\nh:5432:db:u:specific\n", "h", 5432, "db", "u", "wild"),
                Arguments.of("h:5432:db:u:first\nh:5432:db:u:second\n", "h", 5432, "db", "u", "first"),
                // escapes in match fields and in the password
                Arguments.of("\\:\\:1:5432:db:u:v6\n", "::1", 5432, "db", "u", "v6"),
                Arguments.of("h:5432:d\\\\b:u:bs\n", "h", 5432, "d\\b", "u", "bs"),
                Arguments.of("h:5432:db:u:p\\:w\\\\x\n", "h", 5432, "db", "u", "p:w\\x"),
                // text after the password's closing ':' is ignored; a line without a password field never matches
                Arguments.of("h:5432:db:u:pw:extra\n", "h", 5432, "db", "u", "pw"),
                Arguments.of("h:5432:db:u\n", "h", 5432, "db", "u", null),
                Arguments.of("h:5432:db:u:\n", "h", 5432, "db", "u", ""),
                // comments, blank lines, CRLF, no final newline
                Arguments.of("# h:5432:db:u:commented\n\n\r\nh:5432:db:u:real\r\n", "h", 5432, "db", "u", "real"),
                Arguments.of("h:5432:db:u:last", "h", 5432, "db", "u", "last"),
                Arguments.of(" # not a comment:5432:db:u:x\n", " # not a comment", 5432, "db", "u", "x"),
                // empty host matches localhost
                Arguments.of("localhost:5432:db:u:local\n", "", 5432, "db", "u", "local"));
    }

    @ParameterizedTest(name = "[{index}] {1}:{2}:{3}:{4}")
    @MethodSource("matching")
    void matches(String content, String host, int port, String db, String user, String expected) throws IOException {
        assertEquals(expected, lookup(file(content, "rw-------"), host, port, db, user));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-r--r--", "rw-r-----", "rw----r--", "rw--w----", "rwx-----x"})
    void groupOrWorldAccessIsRefusedWithAWarningThatHidesTheContents(String perms) throws IOException {
        Path f = file("*:*:*:*:Zq9-pgpass-SECRET\n", perms);
        String stderr = captureStderr(() -> assertEquals(null, lookup(f, "h", 5432, "db", "u")));
        assertTrue(stderr.contains("group or world access"), stderr);
        assertFalse(stderr.contains("Zq9-pgpass-SECRET"), stderr);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-------", "r--------"})
    void ownerOnlyIsAccepted(String perms) throws IOException {
        assertEquals("pw", lookup(file("*:*:*:*:pw\n", perms), "h", 5432, "db", "u"));
    }

    @Test
    void aDirectoryIsIgnored() throws IOException {
        Path d = Files.createDirectory(dir.resolve("pgpassdir"));
        String stderr = captureStderr(() -> assertEquals(null, lookup(d, "h", 5432, "db", "u")));
        assertTrue(stderr.contains("not a plain file"), stderr);
    }

    @Test
    void aMissingFileIsIgnoredSilently() {
        assertEquals(null, lookup(dir.resolve("absent"), "h", 5432, "db", "u"));
    }

    @Test
    void emptyDatabaseOrUserNeverMatches() throws IOException {
        Path f = file("*:*:*:*:pw\n", "rw-------");
        assertEquals(null, lookup(f, "h", 5432, "", "u"));
        assertEquals(null, lookup(f, "h", 5432, "db", ""));
    }

    // ---- through ConnectionConfig ----

    private ConnectionConfig config(String s, Path passfile) {
        return ConnectionConfig.parse(s, TestEnv.vars(Map.of("PGPASSFILE", passfile.toString())));
    }

    @Test
    void defaultPortAndDefaultHostMatch5432AndLocalhost() throws IOException {
        Path f = file("localhost:5432:osuser:osuser:dflt\n", "rw-------");
        ConnectionConfig c = config("", f);
        assertEquals("dflt", new String(c.passwordFor(c.hosts().get(0)).orElseThrow()));
    }

    @Test
    void eachHostGetsItsOwnLine() throws IOException {
        Path f = file("a:1:db:u:pa\nb:5432:db:u:pb\n", "rw-------");
        ConnectionConfig c = config("host=a,b port=1, dbname=db user=u", f);
        assertEquals("pa", new String(c.passwordFor(c.hosts().get(0)).orElseThrow()));
        assertEquals("pb", new String(c.passwordFor(c.hosts().get(1)).orElseThrow()));
    }

    @Test
    void aHostaddrOnlyEntryMatchesTheAddressAndANamedOneTheName() throws IOException {
        Path f = file("10.0.0.1:5432:db:u:byaddr\nname:5432:db:u:byname\n", "rw-------");
        ConnectionConfig byAddr = config("hostaddr=10.0.0.1 dbname=db user=u", f);
        assertEquals("byaddr", new String(byAddr.passwordFor(byAddr.hosts().get(0)).orElseThrow()));
        ConnectionConfig byName = config("host=name hostaddr=10.0.0.1 dbname=db user=u", f);
        assertEquals("byname", new String(byName.passwordFor(byName.hosts().get(0)).orElseThrow()));
    }

    @Test
    void anExplicitPasswordWinsAndAnEmptyOneFallsBackToTheFile() throws IOException {
        Path f = file("*:*:*:*:fromfile\n", "rw-------");
        ConnectionConfig explicit = config("password=explicit", f);
        assertEquals("explicit", new String(explicit.passwordFor(explicit.hosts().get(0)).orElseThrow()));
        ConnectionConfig empty = config("password=''", f);
        assertEquals("fromfile", new String(empty.passwordFor(empty.hosts().get(0)).orElseThrow()));
    }

    @Test
    void passfileFromHomeDirectory() throws IOException {
        Path f = dir.resolve(".pgpass");
        Files.writeString(f, "*:*:*:*:home\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        ConnectionConfig c = ConnectionConfig.parse("host=h", TestEnv.home(dir, Map.of()));
        assertEquals("home", new String(c.passwordFor(c.hosts().get(0)).orElseThrow()));
    }

    @Test
    void noPasswordAnywhere() {
        ConnectionConfig c = ConnectionConfig.parse("host=h", TestEnv.empty());
        assertEquals(Optional.empty(), c.passwordFor(c.hosts().get(0)));
    }

    @Test
    void passwordForReturnsAFreshCopy() {
        ConnectionConfig c = ConnectionConfig.parse("password=abc", TestEnv.empty());
        char[] first = c.passwordFor(c.hosts().get(0)).orElseThrow();
        first[0] = 'X';
        assertEquals("abc", new String(c.passwordFor(c.hosts().get(0)).orElseThrow()));
        assertEquals("abc", new String(c.password().orElseThrow()));
    }

    /** slf4j-simple writes to whatever {@code System.err} is when it logs. */
    static String captureStderr(Runnable r) {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
