package io.walstream.pgoutput.types;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** A {@link ValueSource} for tests. */
record TestValue(String columnName, int typeOid, String typeName, boolean isNull, boolean isUnchangedToast,
        boolean isBinary, ByteBuffer data) implements ValueSource {

    @Override
    public ByteBuffer data() {
        return data.asReadOnlyBuffer();
    }

    static String name(int oid) {
        String n = BuiltinTypes.nameOf(oid);
        return n != null ? n : "oid " + oid;
    }

    static TestValue text(int oid, String text) {
        return text("col", oid, text);
    }

    static TestValue text(String column, int oid, String text) {
        return new TestValue(column, oid, name(oid), false, false, false,
                ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    static TestValue binary(int oid, byte[] bytes) {
        return new TestValue("col", oid, name(oid), false, false, true, ByteBuffer.wrap(bytes));
    }

    static TestValue hex(int oid, String hex) {
        return binary(oid, Bin.hex(hex));
    }

    static TestValue nul(int oid) {
        return new TestValue("col", oid, name(oid), true, false, false, ByteBuffer.allocate(0));
    }

    static TestValue toast(int oid) {
        return new TestValue("col", oid, name(oid), false, true, false, ByteBuffer.allocate(0));
    }
}
