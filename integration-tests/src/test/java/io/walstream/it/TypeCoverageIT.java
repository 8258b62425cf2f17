package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.conn.PgConnection;
import io.walstream.conn.ResultSet;
import io.walstream.pgoutput.ColumnKind;
import io.walstream.pgoutput.ColumnValue;
import io.walstream.pgoutput.Insert;
import io.walstream.pgoutput.PgOutputDecoder;
import io.walstream.pgoutput.PgOutputMessage;
import io.walstream.pgoutput.RelationCache;
import io.walstream.pgoutput.Row;
import io.walstream.pgoutput.types.BuiltinTypes;
import io.walstream.pgoutput.types.PgArray;
import io.walstream.pgoutput.types.PgRecord;
import io.walstream.pgoutput.types.ValueDecoder;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every built-in type a table column can have (and enums, nested composites, domains and arrays of them),
 * written with edge values on the live server and streamed twice through pgoutput, once in text and once in
 * binary format. For every column of every row: the Java value ({@code asObject()}) is equal in both formats,
 * and the binary value's canonical text ({@code asString()}) equals the text PostgreSQL's output function sent.
 * The peeking session uses {@code TimeZone=UTC} and {@code lc_monetary=C}, the settings the canonical text of
 * a binary value assumes.
 */
@PostgresTest
class TypeCoverageIT {

    /** Column name, type, and one SQL literal per row (NULL allowed); row 1 holds ordinary values. */
    private static final String[][] COLUMNS = {
        {"c_bool", "bool", "true", "false", "NULL", "NULL"},
        {"c_int2", "int2", "-32768", "32767", "0", "NULL"},
        {"c_int4", "int4", "2147483647", "-2147483648", "0", "NULL"},
        {"c_int8", "int8", "-9223372036854775808", "9223372036854775807", "0", "NULL"},
        {"c_float4", "float4", "3.14", "'NaN'", "'-Infinity'", "'-0'"},
        {"c_float4b", "float4", "1e-45", "3.4028235e38", "123456.7", "1e6"},
        {"c_float8", "float8", "-1.5e-300", "'Infinity'", "'-0'", "0.1"},
        {"c_float8b", "float8", "1e15", "123456789012345678", "4.9e-324", "1e-5"},
        {"c_numeric", "numeric", "12345678901234567890.000123450", "'NaN'", "'-Infinity'", "0.00"},
        {"c_numeric2", "numeric(10,3)", "-0.001", "-12.5", "1234567.000", "NULL"},
        {"c_money", "money", "1234.56", "-0.01", "92233720368547758.07", "0"},
        {"c_bpchar", "char(5)", "'ab'", "''", "'ü x'", "NULL"},
        {"c_varchar", "varchar(20)", "'vc'", "''", "'ünï'", "NULL"},
        {"c_text", "text", "E'h\\u00e9llo\\n\\t''w\\u00f6rld'' \\\\ \"q\" \\U0001F600'", "''", "'NULL'", "' '"},
        {"c_name", "name", "'a_name'", "''", "'Ünicode'", "NULL"},
        {"c_char", "\"char\"", "'x'", "''", "' '", "NULL"},
        {"c_bytea", "bytea", "'\\x00ff10'", "'\\x'", "'abc'", "NULL"},
        {"c_uuid", "uuid", "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'", "'00000000-0000-0000-0000-000000000000'",
            "'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF'", "NULL"},
        {"c_date", "date", "'2024-02-29'", "'infinity'", "'0044-03-15 BC'", "'-infinity'"},
        {"c_date2", "date", "'4713-01-01 BC'", "'5874897-12-31'", "'0001-01-01'", "NULL"},
        {"c_time", "time", "'23:59:59.999999'", "'24:00:00'", "'00:00:00'", "'12:00:00.5'"},
        {"c_timetz", "timetz", "'04:05:06.789-08'", "'00:00:00+00'", "'24:00:00-15:59'", "'12:34:56+05:30'"},
        {"c_ts", "timestamp", "'2024-02-29 12:34:56.123456'", "'-infinity'", "'0044-03-15 10:00:00 BC'",
            "'294276-12-31 23:59:59.999999'"},
        {"c_tstz", "timestamptz", "'2024-02-29 12:34:56.123456+00'", "'infinity'", "'1900-01-01 00:00:00+05:21:10'",
            "'4713-01-01 00:00:00+00 BC'"},
        {"c_interval", "interval", "'1 year 2 mons 3 days 04:05:06.789'", "'-1 days +02:03:04'", "'178000000 years'",
            "'-123456789:01:02.000003'"},
        {"c_interval2", "interval", "'0'", "'-1 year -2 mons'", "'1 day -00:00:00.000001'", "NULL"},
        {"c_json", "json", "'{\"a\": [1, 2, {\"b\": null}]}'", "'\"\"'", "'[]'", "NULL"},
        {"c_jsonb", "jsonb", "'{\"b\": 2, \"a\": [1, \"x\"]}'", "'\"ü\"'", "'null'", "NULL"},
        {"c_jsonpath", "jsonpath", "'$.a[*] ? (@ > 1)'", "'$'", "'strict $.x'", "NULL"},
        {"c_xml", "xml", "'<a b=\"1\">t</a>'", "''", "'text ü'", "NULL"},
        {"c_inet", "inet", "'192.168.1.10/24'", "'::1'", "'::ffff:1.2.3.4'", "'2001:db8::1/64'"},
        {"c_cidr", "cidr", "'2001:db8::/32'", "'10.0.0.0/8'", "'192.168.0.0/16'", "NULL"},
        {"c_macaddr", "macaddr", "'08:00:2b:01:02:03'", "'ff:ff:ff:ff:ff:ff'", "NULL", "NULL"},
        {"c_macaddr8", "macaddr8", "'08:00:2b:01:02:03:04:05'", "NULL", "NULL", "NULL"},
        {"c_bit", "bit(4)", "B'1010'", "B'0000'", "NULL", "NULL"},
        {"c_varbit", "varbit", "B'10101'", "B''", "B'1'", "B'111111111'"},
        {"c_oid", "oid", "4294967295", "0", "NULL", "NULL"},
        {"c_xid", "xid", "'4294967295'", "'0'", "NULL", "NULL"},
        {"c_cid", "cid", "'7'", "NULL", "NULL", "NULL"},
        {"c_xid8", "xid8", "'18446744073709551615'", "'0'", "NULL", "NULL"},
        {"c_tid", "tid", "'(0,1)'", "'(4294967295,65535)'", "NULL", "NULL"},
        {"c_lsn", "pg_lsn", "'16/B374D848'", "'0/0'", "'FFFFFFFF/FFFFFFFF'", "NULL"},
        {"c_snapshot", "pg_snapshot", "'10:20:10,14,15'", "'1:1:'", "NULL", "NULL"},
        {"c_txid_snapshot", "txid_snapshot", "'10:20:10,14'", "NULL", "NULL", "NULL"},
        {"c_int2vector", "int2vector", "'1 2 3'", "''", "NULL", "NULL"},
        {"c_oidvector", "oidvector", "'1 2 4294967295'", "''", "NULL", "NULL"},
        {"c_refcursor", "refcursor", "'cur'", "NULL", "NULL", "NULL"},
        {"c_acl", "aclitem", "'postgres=r/postgres'", "NULL", "NULL", "NULL"},
        {"c_regclass", "regclass", "'pg_class'", "NULL", "NULL", "NULL"},
        {"c_regtype", "regtype", "'integer'", "NULL", "NULL", "NULL"},
        {"c_point", "point", "'(1.5,-0)'", "'(NaN,Infinity)'", "'(1e300,-1e-300)'", "NULL"},
        {"c_line", "line", "'{1,2,3}'", "NULL", "NULL", "NULL"},
        {"c_lseg", "lseg", "'[(1,2),(3,4)]'", "NULL", "NULL", "NULL"},
        {"c_box", "box", "'(1,2),(3,4)'", "NULL", "NULL", "NULL"},
        {"c_path", "path", "'[(1,2),(3,4)]'", "'((0,0),(1,1),(2,0))'", "NULL", "NULL"},
        {"c_polygon", "polygon", "'((1,2),(3,4),(5,0))'", "NULL", "NULL", "NULL"},
        {"c_circle", "circle", "'<(1,2),3>'", "NULL", "NULL", "NULL"},
        {"c_tsvector", "tsvector", "'a:1A fat cat:2,3B it''s back\\\\slash'", "''", "'ü:16383'", "NULL"},
        {"c_tsquery", "tsquery", "'fat & (rat | !cat) <-> b:*A'", "''", "'!(a <2> b) | c:BC'",
            "'(a | b) & !(c & d)'"},
        {"c_int4range", "int4range", "'(1,10]'", "'empty'", "'(,5)'", "'[,)'"},
        {"c_int8range", "int8range", "'[1,9223372036854775806]'", "NULL", "NULL", "NULL"},
        {"c_numrange", "numrange", "'[1.5,2.50)'", "'(,)'", "NULL", "NULL"},
        {"c_tsrange", "tsrange", "'[\"2024-01-01 00:00:00\",\"2024-02-01 00:00:00\")'", "'[-infinity,infinity]'",
            "NULL", "NULL"},
        {"c_tstzrange", "tstzrange", "'[2024-01-01 00:00:00+00,)'", "NULL", "NULL", "NULL"},
        {"c_daterange", "daterange", "'[2024-01-01,2024-02-01)'", "'(,2024-01-01]'", "NULL", "NULL"},
        {"c_int4multirange", "int4multirange", "'{[1,3),[5,7)}'", "'{}'", "NULL", "NULL"},
        {"c_int8multirange", "int8multirange", "'{[1,2)}'", "NULL", "NULL", "NULL"},
        {"c_nummultirange", "nummultirange", "'{[1.5,2),(3,)}'", "NULL", "NULL", "NULL"},
        {"c_datemultirange", "datemultirange", "'{[2024-01-01,2024-01-05),[2024-02-01,)}'", "NULL", "NULL", "NULL"},
        {"c_tsmultirange", "tsmultirange", "'{[2024-01-01 10:00,2024-01-01 11:00)}'", "NULL", "NULL", "NULL"},
        {"c_tstzmultirange", "tstzmultirange", "'{[2024-01-01 10:00+00,)}'", "NULL", "NULL", "NULL"},
        {"c_int4arr", "int4[]", "'{1,NULL,-3}'", "'[0:2]={7,8,9}'", "'{{1,2},{3,4}}'", "'{}'"},
        {"c_int4arr3", "int4[]", "'[1:1][0:1][-1:0]={{{1,2},{3,4}}}'", "'{{{NULL}}}'", "NULL", "NULL"},
        {"c_textarr", "text[]", "'{\"a,b\",\"with \\\"q\\\"\",\"NULL\",NULL,\"\",x y}'",
            "'{{\"ü\",\"{}\"},{NULL,\"\\\\\"}}'", "'{}'", "NULL"},
        {"c_float8arr", "float8[]", "'{1.5,-Infinity,NaN,-0}'", "NULL", "NULL", "NULL"},
        {"c_numarr", "numeric[]", "'{1.50,NaN}'", "NULL", "NULL", "NULL"},
        {"c_boxarr", "box[]", "'{(1,2),(3,4);(0,0),(1,1)}'", "NULL", "NULL", "NULL"},
        {"c_tstzarr", "timestamptz[]", "'{\"2024-01-01 00:00:00+00\",infinity}'", "NULL", "NULL", "NULL"},
        {"c_byteaarr", "bytea[]", "'{\"\\\\x00ff\",NULL}'", "NULL", "NULL", "NULL"},
        {"c_uuidarr", "uuid[]", "'{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}'", "NULL", "NULL", "NULL"},
        {"c_datearr", "date[]", "'{2024-01-01,-infinity}'", "NULL", "NULL", "NULL"},
        {"c_rangearr", "int4range[]", "'{\"[1,2)\",empty}'", "NULL", "NULL", "NULL"},
        {"c_jsonbarr", "jsonb[]", "ARRAY['{\"a\": 1}'::jsonb, 'null']", "NULL", "NULL", "NULL"},
        {"c_intervalarr", "interval[]", "'{\"1 day\",\"-00:00:01\"}'", "NULL", "NULL", "NULL"},
        {"c_boolarr", "bool[]", "'{t,f,NULL}'", "NULL", "NULL", "NULL"},
        {"c_chararr", "\"char\"[]", "'{a,\" \"}'", "NULL", "NULL", "NULL"},
        {"c_pointarr", "point[]", "'{\"(1,2)\"}'", "NULL", "NULL", "NULL"},
        {"c_inetarr", "inet[]", "'{10.0.0.1,::1/128}'", "NULL", "NULL", "NULL"},
        {"c_moneyarr", "money[]", "'{1.00,-2.50}'", "NULL", "NULL", "NULL"},
        {"c_bitarr", "varbit[]", "'{101,\"\"}'", "NULL", "NULL", "NULL"},
        {"c_lsnarr", "pg_lsn[]", "'{0/1,16/B374D848}'", "NULL", "NULL", "NULL"},
        {"c_enum", "tc_mood", "'happy'", "'sad'", "NULL", "NULL"},
        {"c_enumarr", "tc_mood[]", "'{happy,sad,NULL}'", "'{}'", "NULL", "NULL"},
        {"c_comp", "tc_pair", "ROW(42, 'x y \"z\"')", "ROW(NULL, '')", "ROW(NULL, NULL)", "NULL"},
        {"c_nested", "tc_outer", "ROW(ROW(1, 'a,b'), '{x,\"y z\"}', '2024-01-01 00:00:00+00')",
            "ROW(NULL, '{}', NULL)", "NULL", "NULL"},
        {"c_comparr", "tc_pair[]", "ARRAY[ROW(1, 'a')::tc_pair, NULL, ROW(NULL, '\"')::tc_pair]", "NULL", "NULL",
            "NULL"},
        {"c_domain", "tc_posint", "5", "1", "NULL", "NULL"},
        {"c_textdomain", "tc_label", "'dom ü'", "NULL", "NULL", "NULL"},
    };

    /** Types whose text output is a name and whose send format is the OID: equal only through the catalog. */
    private static final List<String> CATALOG_NAMES = List.of("c_regclass", "c_regtype");

    @Test
    void everyColumnIsTheSameValueAndTextInBothFormats(PostgresServer server) {
        int rows = COLUMNS[0].length - 2;
        StringBuilder ddl = new StringBuilder("id int PRIMARY KEY");
        for (String[] c : COLUMNS) {
            ddl.append(", ").append(c[0]).append(' ').append(c[1]);
        }
        try (PgConnection sql = Live.sql(server, "nio")) {
            sql.queryAll(String.join(";\n",
                    "CREATE TYPE tc_mood AS ENUM ('sad', 'ok', 'happy')",
                    "CREATE TYPE tc_pair AS (n int, label text)",
                    "CREATE TYPE tc_outer AS (p tc_pair, tags text[], at timestamptz)",
                    "CREATE DOMAIN tc_posint AS int4 CHECK (VALUE > 0)",
                    "CREATE DOMAIN tc_label AS text",
                    "CREATE TABLE tc_types (" + ddl + ")",
                    "CREATE PUBLICATION tc_pub FOR TABLE tc_types"));
            sql.query("SELECT pg_create_logical_replication_slot('tc_slot', 'pgoutput')");
            StringBuilder insert = new StringBuilder("INSERT INTO tc_types VALUES ");
            for (int r = 0; r < rows; r++) {
                insert.append(r > 0 ? ", (" : "(").append(r + 1);
                for (String[] c : COLUMNS) {
                    insert.append(", ").append(c[r + 2]);
                }
                insert.append(')');
            }
            sql.query(insert.toString());
            sql.query("INSERT INTO tc_types (id) VALUES (" + (rows + 1) + ")");
            int expectedRows = rows + 1;
            if (server.version().major() >= 17) { // infinite intervals exist from PostgreSQL 17
                sql.query("INSERT INTO tc_types (id, c_interval, c_interval2, c_intervalarr) VALUES (" + (rows + 2)
                        + ", 'infinity', '-infinity', '{infinity,-infinity,\"1 day\"}')");
                expectedRows++;
            }
            sql.queryAll("SET TimeZone = 'UTC'; SET lc_monetary = 'C'; SET DateStyle = 'ISO';"
                    + " SET IntervalStyle = 'postgres'; SET extra_float_digits = 1; SET bytea_output = 'hex'");
            List<Row> text = peek(sql, false);
            List<Row> binary = peek(sql, true);
            assertEquals(expectedRows, text.size());
            assertEquals(expectedRows, binary.size());
            List<String> failures = new ArrayList<>();
            int compared = 0;
            for (int r = 0; r < text.size(); r++) {
                for (int i = 0; i < text.get(r).size(); i++) {
                    compared += compare(text.get(r).get(i), binary.get(r).get(i), r + 1, failures) ? 1 : 0;
                }
            }
            assertTrue(failures.isEmpty(), "PostgreSQL " + server.version().major() + ": " + failures.size()
                    + " mismatches:\n" + String.join("\n", failures));
            assertTrue(compared > COLUMNS.length * 2, "compared " + compared + " non-NULL values");
            assertSpotValues(text.get(0), binary.get(0));
        }
    }

    /** @return whether a value was compared (false for NULL) */
    private static boolean compare(ColumnValue t, ColumnValue b, int row, List<String> failures) {
        String where = "row " + row + " " + t.columnName() + " (" + t.typeName() + ")";
        if (t.isNull() || b.isNull()) {
            if (t.isNull() != b.isNull()) {
                failures.add(where + ": NULL in one format only");
            }
            return false;
        }
        if (t.kind() != ColumnKind.TEXT) {
            failures.add(where + ": text stream sent " + t.kind());
        }
        boolean sendsText = t.columnName().equals("c_acl");
        if (b.kind() != (sendsText ? ColumnKind.TEXT : ColumnKind.BINARY)) {
            failures.add(where + ": binary stream sent " + b.kind());
        }
        String pgText = t.asString();
        if (CATALOG_NAMES.contains(t.columnName())) {
            return true; // the name in text, the OID in binary: checked in assertSpotValues
        }
        try {
            String rendered = b.asString();
            if (!pgText.equals(rendered)) {
                failures.add(where + ": canonical text of the binary value " + quote(rendered)
                        + " differs from PostgreSQL's " + quote(pgText));
            }
        } catch (RuntimeException e) {
            failures.add(where + ": binary asString() threw " + e);
        }
        try {
            Object tv = t.asObject();
            Object bv = b.asObject();
            if (!deepEquals(tv, bv)) {
                failures.add(where + ": asObject() text " + describe(tv) + " != binary " + describe(bv));
            }
            if (!(tv instanceof byte[]) && !(tv instanceof PgArray) && !Objects.equals(tv.getClass(), bv.getClass())) {
                failures.add(where + ": Java types differ " + tv.getClass() + " / " + bv.getClass());
            }
        } catch (RuntimeException e) {
            failures.add(where + ": asObject() threw " + e);
        }
        typedAccessorsAgree(t, b, where, failures);
        return true;
    }

    /**
     * The typed accessors with fast paths read from the bytes give, in both formats, what the other format and
     * the general decoder give (or fail alike).
     */
    private static void typedAccessorsAgree(ColumnValue t, ColumnValue b, String where, List<String> failures) {
        switch (t.formatOid()) {
            case BuiltinTypes.TIMESTAMPTZ:
                agree(where + " asInstant", t::asInstant, b::asInstant, failures);
                agree(where + " asInstant vs decoder", () -> ValueDecoder.toInstant(t), t::asInstant, failures);
                agree(where + " asEpochMicros", t::asEpochMicros, b::asEpochMicros, failures);
                agree(where + " asOffsetDateTime", () -> t.asOffsetDateTime().toInstant(),
                        () -> b.asOffsetDateTime().toInstant(), failures);
                break;
            case BuiltinTypes.TIMESTAMP:
                agree(where + " asLocalDateTime", t::asLocalDateTime, b::asLocalDateTime, failures);
                agree(where + " asLocalDateTime vs decoder", () -> ValueDecoder.toLocalDateTime(t),
                        t::asLocalDateTime, failures);
                agree(where + " asEpochMicros", t::asEpochMicros, b::asEpochMicros, failures);
                break;
            case BuiltinTypes.NUMERIC:
                agree(where + " asBigDecimal", t::asBigDecimal, b::asBigDecimal, failures);
                agree(where + " asBigDecimal vs decoder", () -> ValueDecoder.toBigDecimal(t), t::asBigDecimal,
                        failures);
                break;
            case BuiltinTypes.INT2: case BuiltinTypes.INT4: case BuiltinTypes.INT8:
                agree(where + " asLong", t::asLong, b::asLong, failures);
                break;
            default:
                break;
        }
    }

    private static void agree(String what, java.util.function.Supplier<Object> x,
            java.util.function.Supplier<Object> y, List<String> failures) {
        Object a;
        Object c;
        try {
            a = x.get();
        } catch (RuntimeException e) {
            a = e.getClass();
        }
        try {
            c = y.get();
        } catch (RuntimeException e) {
            c = e.getClass();
        }
        if (!Objects.equals(a, c)) {
            failures.add(what + ": " + a + " != " + c);
        }
    }

    private static void assertSpotValues(Row text, Row binary) {
        for (Row r : List.of(text, binary)) {
            PgArray bounds = r.get("c_int4arr3").asArray();
            assertEquals(3, bounds.dimensions());
            assertEquals(1, bounds.lowerBound());
            assertEquals(0, ((PgArray) bounds.get(0)).lowerBound());
            assertEquals(-1, ((PgArray) ((PgArray) bounds.get(0)).get(0)).lowerBound());
            PgRecord outer = r.get("c_nested").asRecord();
            assertEquals("a,b", outer.record(0).field(1));
            assertEquals("{x,\"y z\"}", outer.field(1));
            assertInstanceOf(String.class, r.get("c_enum").asObject());
            assertEquals(new java.math.BigDecimal("1234.56"), r.get("c_money").asObject());
        }
        assertEquals("pg_class", text.get("c_regclass").asObject());
        assertEquals(1259L, binary.get("c_regclass").asObject());
        assertEquals("1259", binary.get("c_regclass").asString());
        assertEquals("integer", text.get("c_regtype").asString());
        assertEquals(23L, binary.get("c_regtype").asObject());
    }

    private static List<Row> peek(PgConnection sql, boolean binary) {
        ResultSet rs = sql.query("SELECT data FROM pg_logical_slot_peek_binary_changes('tc_slot', NULL, NULL,"
                + " 'proto_version', '1', 'publication_names', 'tc_pub', 'binary', '" + binary + "')");
        PgOutputDecoder decoder = PgOutputDecoder.builder(1).build();
        RelationCache cache = new RelationCache();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < rs.rowCount(); i++) {
            String data = rs.getString(i, 0);
            PgOutputMessage m = decoder.decode(HexFormat.of().parseHex(data, 2, data.length()));
            cache.accept(m);
            if (m instanceof Insert) {
                rows.add(cache.newRow((Insert) m));
            }
        }
        return rows;
    }

    static boolean deepEquals(Object a, Object b) {
        if (a instanceof byte[] && b instanceof byte[]) {
            return Arrays.equals((byte[]) a, (byte[]) b);
        }
        if (a instanceof List && b instanceof List) {
            List<?> x = (List<?>) a;
            List<?> y = (List<?>) b;
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!deepEquals(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return !(a instanceof PgArray) || ((PgArray) a).lowerBound() == ((PgArray) b).lowerBound();
        }
        return Objects.equals(a, b);
    }

    private static String describe(Object o) {
        if (o == null) {
            return "null";
        }
        if (o instanceof byte[]) {
            return "byte[" + HexFormat.of().formatHex((byte[]) o) + "]";
        }
        return o.getClass().getSimpleName() + " " + quote(o.toString());
    }

    private static String quote(String s) {
        return s == null ? "null" : "'" + s + "'";
    }

    static Map<String, String> columnTypes() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String[] c : COLUMNS) {
            m.put(c[0], c[1]);
        }
        return m;
    }

    static String columnList() {
        return Arrays.stream(COLUMNS).map(c -> c[0]).collect(Collectors.joining(", "));
    }
}
