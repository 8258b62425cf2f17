package io.walstream.pgoutput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.pgoutput.types.ValueConversionException;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The typed getters go through ValueDecoder; rows map onto records. */
class RowTypedAccessTest {

    record Order(long id, boolean paid, BigDecimal total, UUID ref) {
    }

    record Key(long id) {
    }

    private static final Relation ORDERS = new Relation(16384, "public", "orders", ReplicaIdentity.DEFAULT,
            List.of(RelationColumn.of(true, "id", 20, -1), RelationColumn.of(false, "paid", 16, -1),
                    RelationColumn.of(false, "total", 1700, -1), RelationColumn.of(false, "ref", 2950, -1)));
    private static final String UUID_TEXT = "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11";

    private static Row insert(RelationCache cache) {
        return cache.newRow(new Insert(16384, TupleData.builder().text("7").text("t").text("12.50").text(UUID_TEXT)
                .build()));
    }

    @Test
    void typedGetters() {
        RelationCache cache = new RelationCache();
        cache.accept(ORDERS);
        Row row = insert(cache);
        assertEquals(7L, row.get("id").asLong());
        assertEquals(7, row.get(0).asInt());
        assertTrue(row.get("paid").asBoolean());
        assertEquals(new BigDecimal("12.50"), row.get("total").asBigDecimal());
        assertEquals(UUID.fromString(UUID_TEXT), row.get("ref").asUuid());
        assertEquals(UUID.fromString(UUID_TEXT), row.get("ref").as(UUID.class));
        assertEquals("bool", row.get("paid").typeName());
    }

    @Test
    void mapsOntoRecords() {
        RelationCache cache = new RelationCache();
        cache.accept(ORDERS);
        assertEquals(new Order(7, true, new BigDecimal("12.50"), UUID.fromString(UUID_TEXT)),
                insert(cache).mapTo(Order.class));
        Row key = cache.oldRow(new Delete(16384, OldTupleKind.KEY,
                TupleData.builder().text("7").nul().nul().nul().build()));
        assertEquals(new Key(7), key.mapTo(Key.class));
    }

    @Test
    void unchangedToastIsNotConvertedToNull() {
        RelationCache cache = new RelationCache();
        cache.accept(ORDERS);
        Row row = cache.newRow(new Update(16384, OldTupleKind.NONE, null,
                TupleData.builder().text("7").text("f").unchangedToast().unchangedToast().build()));
        assertFalse(row.get("paid").asBoolean());
        assertThrows(ValueConversionException.class, () -> row.get("total").asBigDecimal());
    }
}
