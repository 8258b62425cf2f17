package io.walstream.pgoutput.types;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * Codecs of the text-like and small scalar types: {@code bool} ({@link Boolean}); {@code text},
 * {@code varchar}, {@code bpchar}, {@code name}, {@code "char"}, {@code refcursor}, {@code unknown},
 * {@code json}, {@code jsonb}, {@code jsonpath}, {@code xml} and {@code aclitem} ({@link String}, binary
 * {@code jsonb}/{@code jsonpath} without their version byte); {@code bytea} ({@code byte[]}, printed in
 * {@code bytea_output=hex}); {@code uuid} ({@link UUID}). Stateless.
 */
final class TextTypes {

    /** A codec for types whose send format is their text in UTF-8. */
    static final TypeCodec PLAIN_TEXT = SimpleCodec.of(String.class, t -> t, TextTypes::utf8);

    private TextTypes() {
    }

    static void register(Map<Integer, TypeCodec> codecs) {
        codecs.put(BuiltinTypes.BOOL, new SimpleCodec(Boolean.class, TextTypes::parseBool, b -> b.get() != 0,
                (v, sb) -> sb.append((Boolean) v ? 't' : 'f')));
        for (int oid : new int[] {BuiltinTypes.TEXT, BuiltinTypes.VARCHAR, BuiltinTypes.BPCHAR, BuiltinTypes.NAME,
                BuiltinTypes.REFCURSOR, BuiltinTypes.UNKNOWN, BuiltinTypes.JSON, BuiltinTypes.XML,
                BuiltinTypes.ACLITEM}) {
            codecs.put(oid, PLAIN_TEXT);
        }
        TypeCodec versioned = SimpleCodec.of(String.class, t -> t, TextTypes::versioned);
        codecs.put(BuiltinTypes.JSONB, versioned);
        codecs.put(BuiltinTypes.JSONPATH, versioned);
        codecs.put(BuiltinTypes.CHAR, SimpleCodec.of(String.class, t -> t, b -> charText(b.get())));
        codecs.put(BuiltinTypes.BYTEA, new SimpleCodec(byte[].class,
                t -> Bytea.decodeText(t.getBytes(StandardCharsets.UTF_8)), TextTypes::rest,
                (v, sb) -> hex((byte[]) v, sb)));
        codecs.put(BuiltinTypes.UUID, SimpleCodec.of(UUID.class, TextTypes::parseUuid,
                b -> new UUID(b.getLong(), b.getLong())));
    }

    static Boolean parseBool(String text) {
        switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "t": case "true": case "y": case "yes": case "on": case "1":
                return Boolean.TRUE;
            case "f": case "false": case "n": case "no": case "off": case "0":
                return Boolean.FALSE;
            default:
                throw new IllegalArgumentException("not a boolean");
        }
    }

    static String utf8(ByteBuffer b) {
        String s = StandardCharsets.UTF_8.decode(b).toString();
        return s;
    }

    static byte[] rest(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private static String versioned(ByteBuffer b) {
        if (!b.hasRemaining() || b.get() != 1) {
            throw new IllegalArgumentException("binary value must start with version byte 1");
        }
        return utf8(b);
    }

    /** {@code "char"} as {@code charout} prints it: one ASCII character, or {@code \ooo} for a high byte. */
    static String charText(byte c) {
        int v = c & 0xff;
        if (v == 0) {
            return "";
        }
        if (v < 0x80) {
            return String.valueOf((char) v);
        }
        return "\\" + (v >> 6) + ((v >> 3) & 7) + (v & 7);
    }

    static void hex(byte[] bytes, StringBuilder sb) {
        sb.append("\\x");
        for (byte x : bytes) {
            sb.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
        }
    }

    static UUID parseUuid(String text) {
        String t = text.trim();
        if (t.length() == 32) {
            t = t.substring(0, 8) + "-" + t.substring(8, 12) + "-" + t.substring(12, 16) + "-"
                    + t.substring(16, 20) + "-" + t.substring(20);
        }
        if (t.length() != 36) {
            throw new IllegalArgumentException("not a UUID");
        }
        return UUID.fromString(t);
    }
}
