package io.walstream.codec;

/**
 * One field of a RowDescription ({@code T}).
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param name column name
 * @param tableOid source table OID, 0 if none
 * @param attributeNumber source column number, 0 if none
 * @param typeOid data type OID
 * @param typeLength {@code pg_type.typlen}; negative for variable width
 * @param typeModifier {@code atttypmod}
 * @param format 0 text, 1 binary
 */
public record Column(String name, int tableOid, short attributeNumber, int typeOid, short typeLength,
                     int typeModifier, short format) {
}
