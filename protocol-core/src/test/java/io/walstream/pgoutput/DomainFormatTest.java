package io.walstream.pgoutput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.walstream.pgoutput.types.BuiltinTypes;
import io.walstream.pgoutput.types.ValueConversionException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * A domain arrives with its own type OID; the server's Type message for it carries the name of its base type
 * ({@code ""."int4"} for a domain over int4), so binary values decode in the base type's format.
 */
class DomainFormatTest {

    private static final int DOMAIN = 16_395;
    private static final int ENUM = 16_385;

    private static Row row(RelationCache cache) {
        cache.put(new Relation(OptionalInt.empty(), 1, "public", "t", ReplicaIdentity.DEFAULT, List.of(
                RelationColumn.of(false, "d", DOMAIN, -1), RelationColumn.of(false, "e", ENUM, -1))));
        return cache.newRow(new Insert(1, TupleData.builder().binary(ByteBuffer.allocate(4).putInt(5).array())
                .binary("happy".getBytes(java.nio.charset.StandardCharsets.UTF_8)).build()));
    }

    @Test
    void binaryDomainOverBuiltinDecodesAsItsBaseType() {
        RelationCache cache = new RelationCache();
        cache.put(new Type(DOMAIN, "", "int4"));
        cache.put(new Type(ENUM, "public", "mood"));
        Row r = row(cache);
        assertEquals(DOMAIN, r.get("d").typeOid());
        assertEquals(BuiltinTypes.INT4, r.get("d").formatOid());
        assertEquals("int4", r.get("d").typeName());
        assertEquals(5, r.get("d").asInt());
        assertEquals(5, r.get("d").asObject());
        // a user type in another schema keeps its own OID (enums send their label)
        assertEquals(ENUM, r.get("e").formatOid());
        assertEquals("happy", r.get("e").asString());
    }

    @Test
    void withoutTypeMessageTheDomainIsUnknown() {
        Row r = row(new RelationCache());
        assertEquals(DOMAIN, r.get("d").formatOid());
        assertThrows(ValueConversionException.class, () -> r.get("d").asInt());
    }
}
