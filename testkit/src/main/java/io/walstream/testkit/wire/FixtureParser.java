package io.walstream.testkit.wire;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the {@code .pgw} annotated-hex fixture format.
 *
 * <pre>
 * # walstream-fixture 1                    header, required as the first non-blank line
 * &lt;&lt; 64 00000016          # CopyData      server to client; '#' starts a comment
 *    6b                                    an indented line continues the same direction
 * &gt;&gt; 64 00000026                           client to server
 *    00000000 016B3F28 {3}                 {n} at the end repeats the line's bytes n times
 *    ........ ........ 00                  '..' is a wildcard byte, allowed only in &gt;&gt; lines
 * &lt;&lt; "public\0"                             an ASCII literal; escapes \0 \\ \" \n \t
 * </pre>
 * Hex comes in free groups of whole bytes. Consecutive lines of one direction form one {@link FixtureStep}.
 *
 * <p><b>Thread safety:</b> stateless.
 */
public final class FixtureParser {

    /** The header line every fixture starts with. */
    public static final String HEADER = "# walstream-fixture 1";

    private FixtureParser() {
    }

    /**
     * @param name the fixture's name, for messages
     * @param source where it came from, or {@code null}
     * @param pgw the {@code .pgw} text
     * @param expect the {@code .expect} text, or {@code null} if there is none
     * @return the fixture
     * @throws IllegalArgumentException naming the fixture and line on any syntax error
     */
    public static WireFixture parse(String name, URI source, String pgw, String expect) {
        List<FixtureStep> steps = new ArrayList<>();
        String[] lines = pgw.split("\r?\n", -1);
        boolean headerSeen = false;
        Direction current = null;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<Boolean> wild = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i];
            int lineNo = i + 1;
            if (!headerSeen) {
                if (raw.isBlank()) {
                    continue;
                }
                if (!raw.strip().equals(HEADER)) {
                    throw error(name, lineNo, "expected the header '" + HEADER + "'");
                }
                headerSeen = true;
                continue;
            }
            String content = stripComment(raw, name, lineNo);
            if (content.isBlank()) {
                continue;
            }
            Direction lineDirection;
            String body;
            if (content.startsWith("<<")) {
                lineDirection = Direction.SERVER_TO_CLIENT;
                body = content.substring(2);
            } else if (content.startsWith(">>")) {
                lineDirection = Direction.CLIENT_TO_SERVER;
                body = content.substring(2);
            } else if (Character.isWhitespace(content.charAt(0))) {
                if (current == null) {
                    throw error(name, lineNo, "a continuation line before any '<<' or '>>' line");
                }
                lineDirection = current;
                body = content;
            } else {
                throw error(name, lineNo, "a line must start with '<<', '>>', whitespace or '#'");
            }
            if (lineDirection != current && current != null && bytes.size() > 0) {
                steps.add(step(current, bytes, wild));
                bytes.reset();
                wild.clear();
            }
            current = lineDirection;
            parseLine(name, lineNo, body, lineDirection, bytes, wild);
        }
        if (!headerSeen) {
            throw error(name, 1, "the fixture is empty; expected the header '" + HEADER + "'");
        }
        if (current != null && bytes.size() > 0) {
            steps.add(step(current, bytes, wild));
        }
        List<String> expected = new ArrayList<>();
        if (expect != null) {
            for (String line : expect.split("\r?\n")) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    expected.add(t);
                }
            }
        }
        return new WireFixture(name, source, steps, expected);
    }

    private static FixtureStep step(Direction d, ByteArrayOutputStream bytes, List<Boolean> wild) {
        boolean[] w = new boolean[wild.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = wild.get(i);
        }
        return new FixtureStep(d, bytes.toByteArray(), w);
    }

    private static void parseLine(String name, int lineNo, String body, Direction d, ByteArrayOutputStream out,
                                  List<Boolean> wild) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        List<Boolean> lineWild = new ArrayList<>();
        int repeat = 1;
        int i = 0;
        int n = body.length();
        while (i < n) {
            char c = body.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"') {
                i = parseLiteral(name, lineNo, body, i + 1, line, lineWild);
            } else if (c == '{') {
                int close = body.indexOf('}', i);
                if (close < 0) {
                    throw error(name, lineNo, "'{' without '}'");
                }
                if (!body.substring(close + 1).isBlank()) {
                    throw error(name, lineNo, "'{n}' must end the line");
                }
                try {
                    repeat = Integer.parseInt(body.substring(i + 1, close).strip());
                } catch (NumberFormatException e) {
                    throw error(name, lineNo, "'{n}' needs a number, got '" + body.substring(i + 1, close) + "'");
                }
                if (repeat < 1) {
                    throw error(name, lineNo, "'{n}' needs n >= 1");
                }
                i = close + 1;
            } else {
                int end = i;
                while (end < n && !Character.isWhitespace(body.charAt(end))) {
                    end++;
                }
                String group = body.substring(i, end);
                if (group.length() % 2 != 0) {
                    throw error(name, lineNo, "hex group '" + group + "' has an odd number of digits");
                }
                for (int k = 0; k < group.length(); k += 2) {
                    char a = group.charAt(k);
                    char b = group.charAt(k + 1);
                    if (a == '.' && b == '.') {
                        if (d == Direction.SERVER_TO_CLIENT) {
                            throw error(name, lineNo, "wildcards '..' are only allowed in '>>' lines");
                        }
                        line.write(0);
                        lineWild.add(Boolean.TRUE);
                    } else {
                        int hi = hexDigit(a);
                        int lo = hexDigit(b);
                        if (hi < 0 || lo < 0) {
                            throw error(name, lineNo, "'" + a + b + "' in '" + group + "' is not a hex byte or '..'");
                        }
                        line.write((hi << 4) | lo);
                        lineWild.add(Boolean.FALSE);
                    }
                }
                i = end;
            }
        }
        byte[] once = line.toByteArray();
        for (int r = 0; r < repeat; r++) {
            out.writeBytes(once);
            wild.addAll(lineWild);
        }
    }

    /** Like {@link Character#digit(char, int)} for radix 16, but ASCII only (no fullwidth or other digits). */
    private static int hexDigit(char c) {
        return c < 0x80 ? Character.digit(c, 16) : -1;
    }

    private static int parseLiteral(String name, int lineNo, String body, int start, ByteArrayOutputStream out,
                                    List<Boolean> wild) {
        int i = start;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                if (i + 1 >= body.length()) {
                    throw error(name, lineNo, "a literal ends with a lone backslash");
                }
                char e = body.charAt(i + 1);
                int v;
                switch (e) {
                    case '0': v = 0; break;
                    case '\\': v = '\\'; break;
                    case '"': v = '"'; break;
                    case 'n': v = '\n'; break;
                    case 't': v = '\t'; break;
                    default: throw error(name, lineNo, "unknown escape '\\" + e + "' in a literal");
                }
                out.write(v);
                wild.add(Boolean.FALSE);
                i += 2;
            } else {
                if (c > 0x7e || c < 0x20) {
                    throw error(name, lineNo, "literals must be printable ASCII; use hex for other bytes");
                }
                out.write(c);
                wild.add(Boolean.FALSE);
                i++;
            }
        }
        throw error(name, lineNo, "unterminated literal");
    }

    private static String stripComment(String line, String name, int lineNo) {
        boolean inLiteral = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && inLiteral) {
                i++;
            } else if (c == '"') {
                inLiteral = !inLiteral;
            } else if (c == '#' && !inLiteral) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private static IllegalArgumentException error(String name, int line, String what) {
        return new IllegalArgumentException("Fixture " + name + " line " + line + ": " + what);
    }
}
