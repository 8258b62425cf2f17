package io.walstream.pgoutput.types;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Codecs of the text-search types: {@code tsvector} ({@link PgTsVector}) and {@code tsquery}
 * ({@link PgTsQuery}; binary items in prefix order printed in infix as {@code tsqueryout} does). Stateless.
 */
final class TextSearchTypes {

    private static final int QI_VAL = 1;
    private static final int OP_NOT = 1;
    private static final int OP_AND = 2;
    private static final int OP_OR = 3;
    private static final int OP_PHRASE = 4;
    private static final int[] PRIORITY = {0, 4, 2, 1, 3}; // by operator: NOT, AND, OR, PHRASE

    private TextSearchTypes() {
    }

    static void register(Map<Integer, TypeCodec> codecs) {
        codecs.put(BuiltinTypes.TSVECTOR, SimpleCodec.of(PgTsVector.class, PgTsVector::parse, PgTsVector::binary));
        codecs.put(BuiltinTypes.TSQUERY, SimpleCodec.of(PgTsQuery.class, PgTsQuery::new, TextSearchTypes::query));
    }

    static String cstring(ByteBuffer b) {
        int start = b.position();
        int end = start;
        while (b.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - start];
        b.get(bytes);
        b.get(); // the NUL
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Single-quotes a lexeme, doubling {@code '} and {@code \}. */
    static void quote(String word, StringBuilder sb) {
        sb.append('\'');
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c == '\'' || c == '\\') {
                sb.append(c);
            }
            sb.append(c);
        }
        sb.append('\'');
    }

    private static PgTsQuery query(ByteBuffer b) {
        int size = b.getInt();
        if (size < 0 || size > b.remaining()) {
            throw new IllegalArgumentException("bad tsquery size " + size);
        }
        if (size == 0) {
            return new PgTsQuery("");
        }
        StringBuilder sb = new StringBuilder();
        infix(b, sb, -1, false);
        return new PgTsQuery(sb.toString());
    }

    /** One item and its operands, as {@code infix()} in PostgreSQL's tsquery.c prints them. */
    private static void infix(ByteBuffer b, StringBuilder out, int parentPriority, boolean rightPhrase) {
        int type = b.get();
        if (type == QI_VAL) {
            int weight = b.get();
            boolean prefix = b.get() != 0;
            quote(cstring(b), out);
            if (weight != 0 || prefix) {
                out.append(':');
                if (prefix) {
                    out.append('*');
                }
                for (int bit = 3; bit >= 0; bit--) {
                    if ((weight & (1 << bit)) != 0) {
                        out.append("DCBA".charAt(bit));
                    }
                }
            }
            return;
        }
        int op = b.get();
        if (op < OP_NOT || op > OP_PHRASE) {
            throw new IllegalArgumentException("bad tsquery operator " + op);
        }
        int priority = PRIORITY[op];
        if (op == OP_NOT) {
            boolean paren = priority < parentPriority;
            out.append(paren ? "( !" : "!");
            infix(b, out, priority, false);
            if (paren) {
                out.append(" )");
            }
            return;
        }
        int distance = op == OP_PHRASE ? b.getShort() : 0;
        boolean paren = priority < parentPriority || op == OP_PHRASE && rightPhrase;
        StringBuilder right = new StringBuilder();
        infix(b, right, priority, op == OP_PHRASE);
        if (paren) {
            out.append("( ");
        }
        infix(b, out, priority, false);
        switch (op) {
            case OP_OR:
                out.append(" | ");
                break;
            case OP_AND:
                out.append(" & ");
                break;
            default:
                out.append(distance != 1 ? " <" + distance + "> " : " <-> ");
                break;
        }
        out.append(right);
        if (paren) {
            out.append(" )");
        }
    }
}
