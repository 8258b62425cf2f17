package io.walstream.pgoutput.types;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code tsvector} value: sorted lexemes, each with its positions and weights, printed
 * {@code 'cat':2,3B 'fat'} as PostgreSQL does.
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param lexemes the lexemes in PostgreSQL's order
 */
public record PgTsVector(List<Lexeme> lexemes) {

    /** Copies the list. */
    public PgTsVector {
        lexemes = List.copyOf(lexemes);
    }

    /**
     * One lexeme.
     *
     * @param word the lexeme
     * @param positions its positions (may be empty)
     */
    public record Lexeme(String word, List<Position> positions) {
        /** Copies the list. */
        public Lexeme {
            positions = List.copyOf(positions);
        }
    }

    /**
     * One position of a lexeme.
     *
     * @param position 1 to 16383
     * @param weight {@code A}, {@code B}, {@code C} or {@code D} (the default, not printed)
     */
    public record Position(int position, char weight) {
    }

    static PgTsVector parse(String text) {
        List<Lexeme> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (true) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return new PgTsVector(out);
            }
            StringBuilder word = new StringBuilder();
            if (text.charAt(i) == '\'') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw new IllegalArgumentException("unterminated lexeme");
                    }
                    char c = text.charAt(i++);
                    if (c == '\'') {
                        if (i < n && text.charAt(i) == '\'') {
                            word.append('\'');
                            i++;
                            continue;
                        }
                        break;
                    }
                    if (c == '\\' && i < n) {
                        c = text.charAt(i++);
                    }
                    word.append(c);
                }
            } else {
                while (i < n && !Character.isWhitespace(text.charAt(i)) && text.charAt(i) != ':') {
                    char c = text.charAt(i++);
                    if (c == '\\' && i < n) {
                        c = text.charAt(i++);
                    }
                    word.append(c);
                }
            }
            List<Position> positions = new ArrayList<>();
            if (i < n && text.charAt(i) == ':') {
                i++;
                while (true) {
                    int start = i;
                    while (i < n && Character.isDigit(text.charAt(i))) {
                        i++;
                    }
                    int pos = Integer.parseInt(text.substring(start, i));
                    char weight = 'D';
                    if (i < n && "ABCDabcd".indexOf(text.charAt(i)) >= 0) {
                        weight = Character.toUpperCase(text.charAt(i++));
                    }
                    positions.add(new Position(pos, weight));
                    if (i < n && text.charAt(i) == ',') {
                        i++;
                    } else {
                        break;
                    }
                }
            }
            out.add(new Lexeme(word.toString(), positions));
        }
    }

    static PgTsVector binary(java.nio.ByteBuffer b) {
        int n = b.getInt();
        if (n < 0 || n > b.remaining() / 3) {
            throw new IllegalArgumentException("bad lexeme count " + n);
        }
        List<Lexeme> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String word = TextSearchTypes.cstring(b);
            int npos = b.getShort() & 0xffff;
            List<Position> positions = new ArrayList<>(npos);
            for (int p = 0; p < npos; p++) {
                int wp = b.getShort() & 0xffff;
                positions.add(new Position(wp & 0x3fff, "DCBA".charAt(wp >>> 14)));
            }
            out.add(new Lexeme(word, positions));
        }
        return new PgTsVector(out);
    }

    /** @return PostgreSQL's text form */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lexemes.size(); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            Lexeme l = lexemes.get(i);
            TextSearchTypes.quote(l.word(), sb);
            for (int p = 0; p < l.positions().size(); p++) {
                Position pos = l.positions().get(p);
                sb.append(p == 0 ? ':' : ',').append(pos.position());
                if (pos.weight() != 'D') {
                    sb.append(pos.weight());
                }
            }
        }
        return sb.toString();
    }
}
