package io.walstream.pgoutput.types;

import java.nio.ByteBuffer;

/** One array element presented as a {@link ValueSource}, so elements reuse the column decoders. */
record ElementValue(String columnName, int typeOid, String typeName, boolean isNull, boolean isBinary,
        ByteBuffer data) implements ValueSource {

    @Override
    public boolean isUnchangedToast() {
        return false;
    }

    @Override
    public ByteBuffer data() {
        return data.asReadOnlyBuffer();
    }

    static String nameOf(int oid) {
        String name = BuiltinTypes.nameOf(oid);
        return name != null ? name : "oid " + Integer.toUnsignedString(oid);
    }
}
