package io.walstream.pgoutput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.pgoutput.types.MalformedTextException;
import org.junit.jupiter.api.Test;

/** Lenient (counted) and strict UTF-8 decoding of text values. */
class Utf8PolicyTest {

    private static Row row(RelationCache cache, byte[] note) {
        cache.accept(new PgOutputDecoder(1).decode(Samples.relationBytes(Bytes.tag('R')).array()));
        TupleData t = TupleData.builder().text("1").text(note).nul().nul().build();
        return cache.newRow(new Insert(16384, t));
    }

    @Test
    void lenientReplacesAndCounts() {
        RelationCache cache = new RelationCache();
        Row r = row(cache, new byte[] {'a', (byte) 0xC3, 'b'});
        assertEquals("a\uFFFDb", r.get("note").asString());
        assertEquals(1, cache.utf8Policy().replacements());
        assertEquals("1", r.get("id").asString());
        assertEquals(1, cache.utf8Policy().replacements(), "valid text is not counted");
    }

    @Test
    void aGenuineReplacementCharacterIsValid() {
        RelationCache cache = new RelationCache();
        cache.utf8Policy(Utf8Policy.strict());
        Row r = row(cache, "x\uFFFDy".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("x\uFFFDy", r.get("note").asString());
    }

    @Test
    void strictNamesColumnAndOffset() {
        RelationCache cache = new RelationCache();
        cache.utf8Policy(Utf8Policy.strict());
        Row r = row(cache, new byte[] {'a', 'b', 'c', (byte) 0xFF, 'd'});
        MalformedTextException e = assertThrows(MalformedTextException.class, () -> r.get("note").asString());
        assertEquals(3, e.offset());
        assertEquals("note", e.columnName());
        assertTrue(e.getMessage().contains("byte offset 3"), e.getMessage());
        assertThrows(MalformedTextException.class, () -> r.get("note").asObject());
        assertEquals(0, cache.utf8Policy().replacements());
    }
}
