package io.walstream.pgoutput.types;

import java.nio.ByteBuffer;

/**
 * One column value as it arrived in a pgoutput TupleData: its metadata and a view of its bytes. Implemented by
 * the pgoutput tuple model; read by {@link ValueDecoder} to produce typed Java values.
 *
 * <p><b>Thread safety:</b> implementations are immutable views.
 */
public interface ValueSource {

    /** @return the column name (for error messages and record mapping) */
    String columnName();

    /** @return the column's type OID from the Relation message */
    int typeOid();

    /**
     * The OID whose text or binary format the value has, which decides how {@link ValueDecoder} reads it: the
     * column's type, except for a domain over a built-in type, whose values are in its base type's format. The
     * server names that base type in the domain's Type message ({@code Type oid=<domain> "" "int4"}).
     *
     * @return the built-in base type's OID for such a domain, else {@link #typeOid()}
     */
    default int formatOid() {
        return typeOid();
    }

    /** @return the type's name if known (from a Type message or the built-in table), else {@code "oid " + typeOid} */
    String typeName();

    /** @return whether the value is SQL NULL ({@code 'n'}) */
    boolean isNull();

    /** @return whether the value is an unchanged TOASTed value ({@code 'u'}): not sent, and not NULL */
    boolean isUnchangedToast();

    /** @return whether the bytes are the type's binary send format ({@code 'b'}) rather than text ({@code 't'}) */
    boolean isBinary();

    /**
     * @return a read-only view of exactly the value's bytes, position 0; only valid when neither
     *         {@link #isNull()} nor {@link #isUnchangedToast()}
     */
    ByteBuffer data();

    /**
     * The value's bytes decoded as UTF-8 text. Implementations that hold the bytes in an array override this to
     * skip the buffer decoder; the result must equal decoding {@link #data()} as UTF-8.
     *
     * @return the text
     */
    default String utf8Text() {
        return java.nio.charset.StandardCharsets.UTF_8.decode(data().slice()).toString();
    }
}
