package io.walstream.pgoutput.types;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Binary values of types the library does not know (user-defined enums, composites, extension types): pgoutput
 * names such a type but not its kind. Two send formats are recognized and turned into the type's text, so that
 * they equal the text format: a send function that writes the value's text (enums, and extensions such as
 * {@code citext}), recognized as valid UTF-8 without control characters; and {@code record_send} (composites,
 * which carry each field's type OID), recognized by a structure that accounts for every byte. Anything else is
 * an unknown format. Stateless.
 */
final class UnknownTypes {
    private static final int MAX_FIELDS = 1664;

    private UnknownTypes() {
    }

    /**
     * @param data the value's bytes
     * @param typeOid the type's OID, for the message
     * @return the value's text
     * @throws IllegalArgumentException if the format is not one of the recognized ones
     */
    static String binaryText(ByteBuffer data, int typeOid) {
        String text = textLike(data.duplicate());
        if (text != null) {
            data.position(data.limit());
            return text;
        }
        PgRecord record = record(data.duplicate());
        if (record != null) {
            data.position(data.limit());
            return record.toString();
        }
        throw new IllegalArgumentException("the binary send format of type oid " + Integer.toUnsignedString(typeOid)
                + " is not known to walstream (it is neither text nor a composite); stream with binary = false, "
                + "or read the bytes with rawBytes()");
    }

    /** @return the text if the bytes are strict UTF-8 without control characters other than tab/newline/CR */
    static String textLike(ByteBuffer b) {
        for (int i = b.position(); i < b.limit(); i++) {
            int c = b.get(i) & 0xff;
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f) {
                return null;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(b).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** @return the composite if the bytes are exactly a {@code record_send} form, else {@code null} */
    static PgRecord record(ByteBuffer b) {
        if (b.remaining() < 4) {
            return null;
        }
        int n = b.getInt();
        if (n < 0 || n > MAX_FIELDS || n > b.remaining() / 8) {
            return null;
        }
        List<String> fields = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (b.remaining() < 8) {
                return null;
            }
            int oid = b.getInt();
            int len = b.getInt();
            if (oid == 0 || len < -1 || len > b.remaining()) {
                return null;
            }
            if (len == -1) {
                fields.add(null);
                continue;
            }
            ByteBuffer v = b.slice().limit(len);
            b.position(b.position() + len);
            TypeCodec codec = TypeCodecs.forOid(oid);
            try {
                fields.add(codec != null ? codec.format(codec.binaryExact(v)) : binaryText(v, oid));
            } catch (RuntimeException e) {
                return null;
            }
        }
        return b.hasRemaining() ? null : new PgRecord(fields);
    }
}
