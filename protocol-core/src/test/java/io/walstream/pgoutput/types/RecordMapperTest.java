package io.walstream.pgoutput.types;

import static io.walstream.pgoutput.types.TestValue.hex;
import static io.walstream.pgoutput.types.TestValue.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecordMapperTest {

    record Row(long id, String name, BigDecimal price, OffsetDateTime createdAt, Optional<String> note,
            Integer qty, List<Integer> tags) {
    }

    record Prim(int id) {
    }

    record Opt(Optional<Integer> id) {
    }

    record Obj(Object id) {
    }

    record Throwing(int id) {
        Throwing {
            if (id < 0) {
                throw new IllegalArgumentException("negative");
            }
        }
    }

    static final class Values implements NamedValues {
        private final Map<String, ValueSource> map = new LinkedHashMap<>();

        Values put(String name, ValueSource v) {
            TestValue t = (TestValue) v;
            map.put(name, new TestValue(name, t.typeOid(), t.typeName(), t.isNull(), t.isUnchangedToast(),
                    t.isBinary(), t.data()));
            return this;
        }

        @Override
        public List<String> columnNames() {
            return new ArrayList<>(map.keySet());
        }

        @Override
        public ValueSource value(String name) {
            return map.get(name);
        }
    }

    @Test
    void mapsByNameWithSnakeCaseAndConversions() {
        Values v = new Values().put("id", hex(20, "0000000000000005")).put("NAME", text(25, "widget"))
                .put("price", text(1700, "9.99")).put("created_at", text(1184, "2024-01-02 03:04:05+00"))
                .put("note", TestValue.nul(25)).put("qty", TestValue.nul(23)).put("tags", text(1007, "{1,2}"))
                .put("extra", text(25, "ignored"));
        Row r = RecordMapper.map(v, Row.class);
        assertEquals(5L, r.id());
        assertEquals("widget", r.name());
        assertEquals(new BigDecimal("9.99"), r.price());
        assertEquals(OffsetDateTime.parse("2024-01-02T03:04:05Z"), r.createdAt());
        assertEquals(Optional.empty(), r.note());
        assertNull(r.qty());
        assertEquals(List.of(1, 2), r.tags());
        // the cached plan is reused
        assertEquals(r, RecordMapper.map(v, Row.class));
    }

    @Test
    void optionalPresent() {
        assertEquals(Optional.of(3), RecordMapper.map(new Values().put("id", text(23, "3")), Opt.class).id());
        assertEquals(Optional.empty(), RecordMapper.map(new Values().put("id", TestValue.nul(23)), Opt.class).id());
    }

    @Test
    void objectComponentGetsNaturalType() {
        assertEquals(3, RecordMapper.map(new Values().put("id", text(23, "3")), Obj.class).id());
        assertNull(RecordMapper.map(new Values().put("id", TestValue.nul(23)), Obj.class).id());
    }

    @Test
    void primitiveRejectsNull() {
        ValueConversionException e = assertThrows(ValueConversionException.class,
                () -> RecordMapper.map(new Values().put("id", TestValue.nul(23)), Prim.class));
        assertTrue(e.getMessage().contains("Prim.id"), e.getMessage());
        assertTrue(e.getMessage().contains("\"id\""), e.getMessage());
    }

    @Test
    void missingColumnNamesComponentAndColumns() {
        RecordMappingException e = assertThrows(RecordMappingException.class,
                () -> RecordMapper.map(new Values().put("ident", text(23, "1")).put("other", text(25, "x")),
                        Prim.class));
        assertTrue(e.getMessage().contains("Prim.id"), e.getMessage());
        assertTrue(e.getMessage().contains("[ident, other]"), e.getMessage());
    }

    @Test
    void ambiguousColumns() {
        assertThrows(RecordMappingException.class,
                () -> RecordMapper.map(new Values().put("ID", text(23, "1")).put("Id", text(23, "2")), Prim.class));
    }

    @Test
    void unconvertibleNamesColumnAndComponent() {
        ValueConversionException e = assertThrows(ValueConversionException.class,
                () -> RecordMapper.map(new Values().put("id", text(25, "abc")), Prim.class));
        assertTrue(e.getMessage().contains("\"id\"") && e.getMessage().contains("Prim.id"), e.getMessage());
        assertTrue(e.getCause() instanceof ValueConversionException);
        assertEquals("id", e.columnName());
    }

    @Test
    void unchangedToastIsAnError() {
        assertThrows(ValueConversionException.class,
                () -> RecordMapper.map(new Values().put("id", TestValue.toast(23)), Opt.class));
    }

    @Test
    void constructorFailure() {
        RecordMappingException e = assertThrows(RecordMappingException.class,
                () -> RecordMapper.map(new Values().put("id", text(23, "-1")), Throwing.class));
        assertTrue(e.getCause() instanceof IllegalArgumentException);
    }

    @Test
    void notARecord() {
        @SuppressWarnings({"unchecked", "rawtypes"})
        Class<Record> fake = (Class) String.class;
        assertThrows(RecordMappingException.class, () -> RecordMapper.map(new Values(), fake));
    }

    @Test
    void valuesAreReadFromDataNotMutated() {
        TestValue t = hex(23, "00000009");
        ByteBuffer before = t.data();
        RecordMapper.map(new Values().put("id", t), Prim.class);
        assertEquals(0, before.position());
    }
}
