package io.walstream.pgoutput.types;

import io.walstream.WalstreamException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A column value could not be converted to the requested Java type. The message names the column, its type,
 * the kind of value (text, binary, null or unchanged-toast) and the target Java type; for short text values
 * (up to {@value #MAX_EXCERPT} characters) it also quotes the value, for longer ones only its length. Binary
 * values are described by their length only. Permanent: retrying cannot help.
 *
 * <p><b>Thread safety:</b> immutable once thrown.
 */
public class ValueConversionException extends WalstreamException {
    private static final long serialVersionUID = 1L;

    /** Text values up to this many characters are quoted in the message. */
    public static final int MAX_EXCERPT = 40;

    private final String columnName;
    private final int typeOid;
    private final String typeName;
    private final ValueKind kind;
    private final String targetType;

    /**
     * @param value the value that failed to convert
     * @param targetType the requested Java type
     * @param reason why, one short clause
     * @param cause the underlying failure, or {@code null}
     */
    public ValueConversionException(ValueSource value, Class<?> targetType, String reason, Throwable cause) {
        this(value.columnName(), value.typeOid(), value.typeName(), ValueKind.of(value), targetType.getName(),
                describe(value), reason, cause);
    }

    /**
     * Adds context (such as the record component being mapped) to another conversion failure, keeping its
     * facts.
     *
     * @param original the original failure
     * @param context a clause prefixed to the original message
     */
    public ValueConversionException(ValueConversionException original, String context) {
        super(context + ": " + original.getMessage(), original);
        this.columnName = original.columnName;
        this.typeOid = original.typeOid;
        this.typeName = original.typeName;
        this.kind = original.kind;
        this.targetType = original.targetType;
    }

    private ValueConversionException(String columnName, int typeOid, String typeName, ValueKind kind,
            String targetType, String description, String reason, Throwable cause) {
        super("Cannot convert column \"" + columnName + "\" of type " + typeName + " (oid "
                + Integer.toUnsignedString(typeOid) + "), " + description + ", to " + targetType
                + (reason == null || reason.isEmpty() ? "" : ": " + reason), cause);
        this.columnName = columnName;
        this.typeOid = typeOid;
        this.typeName = typeName;
        this.kind = kind;
        this.targetType = targetType;
    }

    /** @return the column's name */
    public String columnName() {
        return columnName;
    }

    /** @return the column's type OID */
    public int typeOid() {
        return typeOid;
    }

    /** @return the column's type name */
    public String typeName() {
        return typeName;
    }

    /** @return the kind of value that failed */
    public ValueKind kind() {
        return kind;
    }

    /** @return the binary name of the requested Java type */
    public String targetType() {
        return targetType;
    }

    private static String describe(ValueSource value) {
        switch (ValueKind.of(value)) {
            case NULL:
                return "a null value";
            case UNCHANGED_TOAST:
                return "an unchanged-toast value (not sent)";
            case BINARY:
                return "a binary value of " + value.data().remaining() + " bytes";
            default:
                ByteBuffer data = value.data().duplicate();
                if (data.remaining() > MAX_EXCERPT * 4) {
                    return "a text value of " + data.remaining() + " bytes";
                }
                String text = StandardCharsets.UTF_8.decode(data).toString();
                if (text.length() > MAX_EXCERPT) {
                    return "a text value of " + text.length() + " characters";
                }
                return "a text value \"" + printable(text) + "\"";
        }
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
