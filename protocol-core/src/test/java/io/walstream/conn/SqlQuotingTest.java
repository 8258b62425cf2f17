package io.walstream.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Identifier and literal quoting for SQL and for the replication grammar. */
class SqlQuotingTest {

    @Test
    void identifiersAreAlwaysDoubleQuoted() {
        assertEquals("\"slot\"", Sql.quoteIdentifier("slot"));
        assertEquals("\"select\"", Sql.quoteIdentifier("select"));
        assertEquals("\"MySlot\"", Sql.quoteIdentifier("MySlot"));
        assertEquals("\"a\"\"b\"", Sql.quoteIdentifier("a\"b"));
        assertEquals("\"\"\"\"", Sql.quoteIdentifier("\""));
        assertEquals("\"słot_ü_日本\"", Sql.quoteIdentifier("słot_ü_日本"));
        assertEquals("\"a'b\\c\"", Sql.quoteIdentifier("a'b\\c"));
    }

    @Test
    void identifiersRejectNulEmptyAndNull() {
        assertThrows(IllegalArgumentException.class, () -> Sql.quoteIdentifier("a\0b"));
        assertThrows(IllegalArgumentException.class, () -> Sql.quoteIdentifier(""));
        assertThrows(IllegalArgumentException.class, () -> Sql.quoteIdentifier(null));
    }

    @Test
    void literalsWithStandardConformingStrings() {
        assertEquals("'abc'", Sql.quoteLiteral("abc", true));
        assertEquals("'it''s'", Sql.quoteLiteral("it's", true));
        assertEquals("'a\\b'", Sql.quoteLiteral("a\\b", true));
        assertEquals("'ÄÖ日本'", Sql.quoteLiteral("ÄÖ日本", true));
        assertEquals("''", Sql.quoteLiteral("", true));
    }

    @Test
    void literalsWithoutStandardConformingStringsEscapeBackslashes() {
        assertEquals("'abc'", Sql.quoteLiteral("abc", false));
        assertEquals("'it''s'", Sql.quoteLiteral("it's", false));
        assertEquals("E'a\\\\b'", Sql.quoteLiteral("a\\b", false));
        assertEquals("E'it''s \\\\n'", Sql.quoteLiteral("it's \\n", false));
    }

    @Test
    void literalsRejectNul() {
        assertThrows(IllegalArgumentException.class, () -> Sql.quoteLiteral("a\0", true));
        assertThrows(IllegalArgumentException.class, () -> Sql.quoteLiteral("a\0", false));
        assertThrows(IllegalArgumentException.class, () -> Sql.quoteLiteral(null, true));
    }

    @Test
    void replicationLiteralsNeverEscapeBackslash() {
        assertEquals("'export'", Sql.quoteReplicationLiteral("export"));
        assertEquals("'a\\b'", Sql.quoteReplicationLiteral("a\\b"));
        assertEquals("'it''s'", Sql.quoteReplicationLiteral("it's"));
        assertEquals("'Pub_Ä'", Sql.quoteReplicationLiteral("Pub_Ä"));
        assertThrows(IllegalArgumentException.class, () -> Sql.quoteReplicationLiteral("a\0"));
    }
}
