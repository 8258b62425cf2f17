package io.walstream.conn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The libpq password file ({@code ~/.pgpass}, {@code passfile}, {@code PGPASSFILE}), read as libpq's
 * {@code passwordFromFile} reads it.
 *
 * <ul>
 *   <li>Each line is {@code hostname:port:database:username:password}. Lines starting with {@code #} and
 *       empty lines are skipped; trailing CR/LF is stripped.</li>
 *   <li>In every field {@code \} makes the next character literal ({@code \:}, {@code \\}); an unescaped
 *       {@code :} ends the field, and anything after the password's closing {@code :} is ignored.</li>
 *   <li>A first-four field that is exactly {@code *} matches anything; otherwise the comparison is exact
 *       and case-sensitive ({@code db*} is literal).</li>
 *   <li>The first matching line wins.</li>
 *   <li>The host to match is the entry's {@code host}, or its {@code hostaddr} when it has no name; an
 *       empty host matches {@code localhost}. The port is matched as its decimal text.</li>
 *   <li>A missing or unreadable file is ignored silently. A file that is not a regular file, or (on POSIX
 *       file systems) has any group or other permission bit, is ignored with a WARN log naming the path,
 *       never its contents. Non-POSIX file systems are not checked, like libpq on Windows.</li>
 * </ul>
 *
 * <p><b>Thread safety:</b> stateless; the file is read afresh on every lookup and its contents are not
 * kept.
 */
public final class PgPass {
    private static final Logger log = LoggerFactory.getLogger(PgPass.class);

    private static final Set<PosixFilePermission> GROUP_OR_OTHER = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private PgPass() {
    }

    /**
     * Finds the password for one connection target.
     *
     * @param file the password file
     * @param host the host name (or {@code hostaddr} when there is no name); empty matches {@code localhost}
     * @param port the port
     * @param dbname the database name
     * @param user the user name
     * @return a fresh copy of the password of the first matching line, or empty if the file is missing,
     *     refused, or has no matching line, or if {@code dbname} or {@code user} is empty
     */
    public static Optional<char[]> lookup(Path file, String host, int port, String dbname, String user) {
        Objects.requireNonNull(file, "file");
        if (dbname == null || dbname.isEmpty() || user == null || user.isEmpty()) {
            return Optional.empty();
        }
        String hostname = host == null || host.isEmpty() ? HostSpec.DEFAULT_HOST : host;
        if (!usable(file)) {
            return Optional.empty();
        }
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException | SecurityException e) {
            log.debug("password file {} could not be read: {}", file, e.getClass().getSimpleName());
            return Optional.empty();
        }
        String[] want = {hostname, Integer.toString(port), dbname, user};
        int pos = 0;
        int n = text.length();
        while (pos < n) {
            int end = text.indexOf('\n', pos);
            if (end < 0) {
                end = n;
            }
            int lineEnd = end;
            while (lineEnd > pos && (text.charAt(lineEnd - 1) == '\r' || text.charAt(lineEnd - 1) == '\n')) {
                lineEnd--;
            }
            int start = pos;
            pos = end + 1;
            if (lineEnd == start || text.charAt(start) == '#') {
                continue;
            }
            char[] password = match(text, start, lineEnd, want);
            if (password != null) {
                return Optional.of(password);
            }
        }
        return Optional.empty();
    }

    private static boolean usable(Path file) {
        BasicFileAttributes attrs;
        Set<PosixFilePermission> perms = null;
        try {
            try {
                PosixFileAttributes posix = Files.readAttributes(file, PosixFileAttributes.class);
                attrs = posix;
                perms = posix.permissions();
            } catch (UnsupportedOperationException e) {
                attrs = Files.readAttributes(file, BasicFileAttributes.class);
            }
        } catch (IOException | SecurityException e) {
            return false; // libpq: "If password file cannot be opened, ignore it."
        }
        if (!attrs.isRegularFile()) {
            log.warn("password file {} is not a plain file; ignoring it", file);
            return false;
        }
        if (perms != null && perms.stream().anyMatch(GROUP_OR_OTHER::contains)) {
            log.warn("password file {} has group or world access; permissions should be u=rw (0600) or less;"
                    + " ignoring it", file);
            return false;
        }
        return true;
    }

    /** libpq's {@code pwdfMatchesString} over four fields, then the password de-escape. */
    private static char[] match(String line, int start, int end, String[] want) {
        int p = start;
        for (String token : want) {
            p = matchField(line, p, end, token);
            if (p < 0) {
                return null;
            }
        }
        StringBuilder password = new StringBuilder();
        while (p < end && line.charAt(p) != ':') {
            if (line.charAt(p) == '\\' && p + 1 < end) {
                p++;
            }
            password.append(line.charAt(p++));
        }
        char[] out = new char[password.length()];
        password.getChars(0, out.length, out, 0);
        password.setLength(0);
        return out;
    }

    /** @return the index after the field's terminating ':', or -1 if the field does not match */
    private static int matchField(String line, int p, int end, String token) {
        if (p + 1 < end && line.charAt(p) == '*' && line.charAt(p + 1) == ':') {
            return p + 2;
        }
        int t = 0;
        while (p < end) {
            boolean escaped = false;
            if (line.charAt(p) == '\\') {
                p++;
                escaped = true;
                if (p >= end) {
                    return -1;
                }
            }
            char c = line.charAt(p);
            if (c == ':' && !escaped && t == token.length()) {
                return p + 1;
            }
            if (t == token.length() || c != token.charAt(t)) {
                return -1;
            }
            p++;
            t++;
        }
        return -1;
    }
}
