package io.walstream.conn;

import io.walstream.ConnectionStringException;

/**
 * Parses the keyword/value form, {@code host=db1 port=5432 password='p w\'d'}, exactly as libpq's
 * {@code conninfo_parse} does.
 *
 * <ul>
 *   <li>Settings are separated by whitespace ({@code ' '}, tab, newline, CR, VT, FF, as C's
 *       {@code isspace}); whitespace around {@code =} is allowed.</li>
 *   <li>An unquoted value runs to the next whitespace; {@code \x} stands for {@code x}.</li>
 *   <li>A value that starts with {@code '} runs to the next unescaped {@code '}; inside it {@code \x}
 *       stands for {@code x}. No whitespace is needed after the closing quote.</li>
 *   <li>Errors: {@code missing "=" after "x" in connection info string}, {@code unterminated quoted
 *       string in connection info string}, {@code invalid connection option "x"}.</li>
 * </ul>
 *
 * <p>libpq echoes the offending word in its messages. When that word directly follows an unquoted secret
 * value (for example {@code password=two words}), it is probably part of the secret, so the message
 * describes it instead of quoting it.
 *
 * <p><b>Thread safety:</b> stateless.
 */
final class KeywordValueParser {
    private KeywordValueParser() {
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == '\f';
    }

    static RawSettings parse(String s) {
        RawSettings out = new RawSettings();
        int n = s.length();
        int i = 0;
        String unquotedSecret = null; // keyword of the previous value if it was an unquoted secret
        while (i < n) {
            if (isSpace(s.charAt(i))) {
                i++;
                continue;
            }
            int nameStart = i;
            while (i < n && s.charAt(i) != '=' && !isSpace(s.charAt(i))) {
                i++;
            }
            String name = s.substring(nameStart, i);
            while (i < n && isSpace(s.charAt(i))) {
                i++;
            }
            String shown = unquotedSecret == null ? name
                    : "<text after the value of " + unquotedSecret + ", not shown; quote values that contain spaces>";
            if (i >= n || s.charAt(i) != '=') {
                throw new ConnectionStringException(
                        "missing \"=\" after \"" + shown + "\" in connection info string");
            }
            i++;
            while (i < n && isSpace(s.charAt(i))) {
                i++;
            }
            StringBuilder value = new StringBuilder();
            boolean quoted = i < n && s.charAt(i) == '\'';
            if (!quoted) {
                while (i < n) {
                    char c = s.charAt(i);
                    if (isSpace(c)) {
                        i++;
                        break;
                    }
                    if (c == '\\') {
                        i++;
                        if (i < n) {
                            value.append(s.charAt(i++));
                        }
                    } else {
                        value.append(c);
                        i++;
                    }
                }
            } else {
                i++;
                for (;;) {
                    if (i >= n) {
                        throw new ConnectionStringException(
                                "unterminated quoted string in connection info string");
                    }
                    char c = s.charAt(i);
                    if (c == '\\') {
                        i++;
                        if (i < n) {
                            value.append(s.charAt(i++));
                        }
                        continue;
                    }
                    if (c == '\'') {
                        i++;
                        break;
                    }
                    value.append(c);
                    i++;
                }
            }
            out.store(name, value.toString(), shown);
            unquotedSecret = !quoted && Keyword.isSecret(name) ? name : null;
        }
        return out;
    }
}
