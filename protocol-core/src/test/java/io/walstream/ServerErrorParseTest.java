package io.walstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.walstream.codec.Wire;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ServerError#parse}: the field list of ErrorResponse and NoticeResponse. */
class ServerErrorParseTest {

    @Test
    void keepsEveryFieldInArrivalOrderIncludingUnknownCodes() {
        ByteBuffer body = ByteBuffer.wrap(Wire.fields("Mfirst message", "SERROR", "C42704", "Zfuture field",
                "Ppos 7", "sschema", "ttable", "ccolumn", "ddtype", "nconstraint"));

        ServerError e = ServerError.parse(body);

        assertEquals(List.of('M', 'S', 'C', 'Z', 'P', 's', 't', 'c', 'd', 'n'), List.copyOf(e.fields().keySet()));
        assertEquals("future field", e.field('Z'));
        assertEquals("first message", e.message());
        assertEquals("42704", e.sqlState());
        assertEquals("ERROR", e.severity());
        assertEquals("ERROR 42704: first message", e.summary());
        assertNull(e.detail());
        assertNull(e.hint());
        assertEquals(0, body.position(), "the caller's buffer is not moved");
    }

    @Test
    void nonLocalizedSeverityIsPreferred() {
        ServerError e = ServerError.parse(ByteBuffer.wrap(Wire.fields("SFEHLER", "VERROR", "C28P01")));

        assertEquals("ERROR", e.severity());
        assertEquals("FEHLER", e.field('S'));
    }

    @Test
    void localizedSeverityIsUsedWithoutV() {
        assertEquals("FATAL", ServerError.parse(ByteBuffer.wrap(Wire.fields("SFATAL"))).severity());
    }

    @Test
    void emptyListGivesEmptyValues() {
        ServerError e = ServerError.parse(ByteBuffer.wrap(new byte[] {0}));

        assertEquals("", e.severity());
        assertEquals("", e.sqlState());
        assertEquals("", e.message());
        assertEquals(Map.of(), e.fields());
    }

    @Test
    void valuesAreUtf8() {
        ServerError e = ServerError.parse(ByteBuffer.wrap(Wire.fields("Mrelation \u00abt\u00bb n'existe pas")));
        assertEquals("relation \u00abt\u00bb n'existe pas", e.message());
    }

    @Test
    void readsOnlyBetweenPositionAndLimit() {
        byte[] fields = Wire.fields("SERROR", "C0A000");
        byte[] padded = Wire.concat(new byte[] {'x', 'x'}, fields, new byte[] {'y'});
        ByteBuffer window = ByteBuffer.wrap(padded, 2, fields.length);

        assertEquals("0A000", ServerError.parse(window).sqlState());
    }

    @Test
    void rejectsEmptyBody() {
        assertThrows(IllegalArgumentException.class, () -> ServerError.parse(ByteBuffer.allocate(0)));
    }

    @Test
    void rejectsUnterminatedValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerError.parse(ByteBuffer.wrap(Wire.ascii("SERROR\0C4270"))));
        assertEquals("error field 'C' is not NUL-terminated", e.getMessage());
    }

    @Test
    void rejectsMissingListTerminator() {
        assertThrows(IllegalArgumentException.class,
                () -> ServerError.parse(ByteBuffer.wrap(Wire.ascii("SERROR\0"))));
    }

    @Test
    void fieldsAreUnmodifiableAndCopied() {
        java.util.LinkedHashMap<Character, String> source = new java.util.LinkedHashMap<>();
        source.put('C', "00000");
        ServerError e = new ServerError("NOTICE", "00000", "", source);
        source.put('M', "later");

        assertEquals(1, e.fields().size());
        assertThrows(UnsupportedOperationException.class, () -> e.fields().put('X', "y"));
    }
}
