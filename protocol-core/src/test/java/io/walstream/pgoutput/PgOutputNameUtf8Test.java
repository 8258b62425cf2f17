package io.walstream.pgoutput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.MalformedFrameException;
import org.junit.jupiter.api.Test;

/** Names in Relation and Type messages under the lenient and strict UTF-8 policies. */
class PgOutputNameUtf8Test {

    /** Relation 16384 "public"."t\xFFx" with one column "c\xC3" (a truncated two-byte sequence). */
    private static final byte[] RELATION = Bytes.tag('R').i32(16384).str("public").raw((byte) 't', (byte) 0xFF,
            (byte) 'x', (byte) 0).u8('d').i16(1).u8(1).raw((byte) 'c', (byte) 0xC3, (byte) 0).i32(23).i32(-1).array();

    @Test
    void lenientReplacesAndCountsNames() {
        Utf8Policy policy = Utf8Policy.lenient();
        PgOutputDecoder d = PgOutputDecoder.builder(1).utf8Policy(policy).build();
        Relation r = (Relation) d.decode(RELATION);
        assertEquals("t\uFFFDx", r.name());
        assertEquals("c\uFFFD", r.columns().get(0).name());
        assertEquals(2, policy.nameReplacements());
        assertEquals(0, policy.replacements(), "value replacements are counted apart");
    }

    @Test
    void strictRefusesWithFieldAndOffset() {
        PgOutputDecoder d = PgOutputDecoder.builder(1).utf8Policy(Utf8Policy.strict()).build();
        MalformedFrameException e = assertThrows(MalformedFrameException.class, () -> d.decode(RELATION));
        // tag R, oid 4 bytes, "public\0" 7 bytes: the name starts at payload offset 12, its 0xFF at 13
        assertEquals(13, e.offset(), e.getMessage());
        assertTrue(e.getMessage().contains("relation name") || e.getMessage().contains("name"), e.getMessage());
        assertTrue(e.getMessage().contains("not valid UTF-8 at byte 1"), e.getMessage());
    }

    @Test
    void validNamesWithARealReplacementCharacterPass() {
        Utf8Policy policy = Utf8Policy.strict();
        PgOutputDecoder d = PgOutputDecoder.builder(1).utf8Policy(policy).build();
        byte[] type = Bytes.tag('Y').i32(16500).str("public").str("odd\uFFFDname").array();
        assertEquals("odd\uFFFDname", ((Type) d.decode(type)).name());
    }

    @Test
    void withoutAPolicyNamesAreReplacedAsBefore() {
        assertEquals("t\uFFFDx", ((Relation) new PgOutputDecoder(1).decode(RELATION)).name());
    }
}
