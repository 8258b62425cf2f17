package io.walstream.pgoutput.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BuiltinTypesTest {

    @Test
    void scalarOidsMatchPgType() {
        int[][] expected = {{16, BuiltinTypes.BOOL}, {17, BuiltinTypes.BYTEA}, {18, BuiltinTypes.CHAR},
            {19, BuiltinTypes.NAME}, {20, BuiltinTypes.INT8}, {21, BuiltinTypes.INT2}, {23, BuiltinTypes.INT4},
            {25, BuiltinTypes.TEXT}, {26, BuiltinTypes.OID}, {114, BuiltinTypes.JSON}, {142, BuiltinTypes.XML},
            {700, BuiltinTypes.FLOAT4}, {701, BuiltinTypes.FLOAT8}, {790, BuiltinTypes.MONEY},
            {869, BuiltinTypes.INET}, {650, BuiltinTypes.CIDR}, {829, BuiltinTypes.MACADDR},
            {1042, BuiltinTypes.BPCHAR}, {1043, BuiltinTypes.VARCHAR}, {1082, BuiltinTypes.DATE},
            {1083, BuiltinTypes.TIME}, {1114, BuiltinTypes.TIMESTAMP}, {1184, BuiltinTypes.TIMESTAMPTZ},
            {1186, BuiltinTypes.INTERVAL}, {1266, BuiltinTypes.TIMETZ}, {1560, BuiltinTypes.BIT},
            {1562, BuiltinTypes.VARBIT}, {1700, BuiltinTypes.NUMERIC}, {2950, BuiltinTypes.UUID},
            {3802, BuiltinTypes.JSONB}};
        for (int[] e : expected) {
            assertEquals(e[0], e[1]);
        }
    }

    @Test
    void arrayOidsMapToElements() {
        int[][] pairs = {{1007, 23}, {1009, 25}, {1000, 16}, {1005, 21}, {1016, 20}, {1021, 700}, {1022, 701},
            {1231, 1700}, {2951, 2950}, {1182, 1082}, {1115, 1114}, {1185, 1184}, {1015, 1043}, {1014, 1042},
            {1001, 17}, {199, 114}, {3807, 3802}, {1041, 869}, {651, 650}, {1187, 1186}, {1183, 1083},
            {1270, 1266}, {1028, 26}, {1003, 19}, {1002, 18}};
        for (int[] p : pairs) {
            assertEquals(p[1], BuiltinTypes.elementOf(p[0]), "element of " + p[0]);
            assertEquals(p[0], BuiltinTypes.arrayOf(p[1]), "array of " + p[1]);
            assertTrue(BuiltinTypes.isArray(p[0]));
            assertFalse(BuiltinTypes.isArray(p[1]));
        }
        assertEquals(0, BuiltinTypes.elementOf(23));
        assertEquals(0, BuiltinTypes.elementOf(99999));
    }

    @Test
    void names() {
        assertEquals("int4", BuiltinTypes.nameOf(23));
        assertEquals("_int4", BuiltinTypes.nameOf(1007));
        assertEquals("timestamptz", BuiltinTypes.nameOf(1184));
        assertEquals("_jsonb", BuiltinTypes.nameOf(3807));
        assertEquals("bpchar", BuiltinTypes.nameOf(1042));
        assertNull(BuiltinTypes.nameOf(123456));
        assertTrue(BuiltinTypes.isKnown(2950));
        assertFalse(BuiltinTypes.isKnown(16385));
    }
}
