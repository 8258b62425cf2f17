package io.walstream.pgoutput.types;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Decodes one-dimensional arrays in text ({@code array_out}) and binary ({@code array_send}) form. Stateless. */
final class ArrayCodec {

    private ArrayCodec() {
    }

    static <E> List<E> decode(ValueSource value, Class<E> elementType) {
        return value.isBinary() ? binary(value, elementType) : text(value, elementType);
    }

    private static <E> List<E> text(ValueSource value, Class<E> elementType) {
        List<String> items;
        try {
            items = ArrayText.split(Values.text(value), ',');
        } catch (IllegalArgumentException e) {
            throw Values.fail(value, List.class, "malformed array text: " + e.getMessage(), e);
        }
        int elementOid = BuiltinTypes.elementOf(value.formatOid());
        String elementName = elementOid != 0 ? ElementValue.nameOf(elementOid) : elementName(value);
        List<E> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String item = items.get(i);
            ByteBuffer data = item == null ? ByteBuffer.allocate(0)
                    : ByteBuffer.wrap(item.getBytes(StandardCharsets.UTF_8));
            ElementValue el = new ElementValue(value.columnName() + "[" + (i + 1) + "]", elementOid, elementName,
                    item == null, false, data);
            out.add(ValueDecoder.to(el, elementType));
        }
        return Collections.unmodifiableList(out);
    }

    private static <E> List<E> binary(ValueSource value, Class<E> elementType) {
        ByteBuffer b = Values.buffer(value);
        try {
            int ndim = b.getInt();
            b.getInt(); // has-null flag: NULLs are marked per element anyway
            int elementOid = b.getInt();
            if (ndim == 0) {
                return Collections.emptyList();
            }
            if (ndim != 1) {
                throw Values.fail(value, List.class,
                        ndim + "-dimensional arrays are not supported, only one-dimensional", null);
            }
            int size = b.getInt();
            int lowerBound = b.getInt();
            if (size < 0 || size > b.remaining() / 4) {
                throw Values.fail(value, List.class, "bad array size " + size, null);
            }
            String elementName = ElementValue.nameOf(elementOid);
            List<E> out = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                int len = b.getInt();
                ByteBuffer data;
                if (len == -1) {
                    data = ByteBuffer.allocate(0);
                } else if (len < 0 || len > b.remaining()) {
                    throw Values.fail(value, List.class, "bad length " + len + " of element " + i, null);
                } else {
                    data = b.slice();
                    data.limit(len);
                    b.position(b.position() + len);
                }
                ElementValue el = new ElementValue(value.columnName() + "[" + (lowerBound + i) + "]", elementOid,
                        elementName, len == -1, true, data);
                out.add(ValueDecoder.to(el, elementType));
            }
            if (b.hasRemaining()) {
                throw Values.fail(value, List.class, b.remaining() + " trailing bytes after array", null);
            }
            return Collections.unmodifiableList(out);
        } catch (java.nio.BufferUnderflowException e) {
            throw Values.fail(value, List.class, "truncated binary array", e);
        }
    }

    private static String elementName(ValueSource value) {
        String name = value.typeName();
        return name != null && name.startsWith("_") ? name.substring(1) : "element of " + name;
    }
}
