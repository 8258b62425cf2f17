package io.walstream.pgoutput.types;

import java.util.HashMap;
import java.util.Map;

/**
 * OIDs and names of the built-in PostgreSQL types that {@link ValueDecoder} understands, and of their
 * one-dimensional array types. The values are those of PostgreSQL's {@code pg_type.dat}; built-in OIDs are
 * fixed across versions.
 *
 * <p><b>Thread safety:</b> stateless; all methods are safe to call from any thread.
 */
public final class BuiltinTypes {

    public static final int BOOL = 16;
    public static final int BYTEA = 17;
    public static final int CHAR = 18;
    public static final int NAME = 19;
    public static final int INT8 = 20;
    public static final int INT2 = 21;
    public static final int INT4 = 23;
    public static final int TEXT = 25;
    public static final int OID = 26;
    public static final int JSON = 114;
    public static final int XML = 142;
    public static final int CIDR = 650;
    public static final int FLOAT4 = 700;
    public static final int FLOAT8 = 701;
    public static final int UNKNOWN = 705;
    public static final int MACADDR8 = 774;
    public static final int MONEY = 790;
    public static final int MACADDR = 829;
    public static final int INET = 869;
    public static final int BPCHAR = 1042;
    public static final int VARCHAR = 1043;
    public static final int DATE = 1082;
    public static final int TIME = 1083;
    public static final int TIMESTAMP = 1114;
    public static final int TIMESTAMPTZ = 1184;
    public static final int INTERVAL = 1186;
    public static final int TIMETZ = 1266;
    public static final int BIT = 1560;
    public static final int VARBIT = 1562;
    public static final int NUMERIC = 1700;
    public static final int UUID = 2950;
    public static final int JSONB = 3802;

    public static final int BOOL_ARRAY = 1000;
    public static final int BYTEA_ARRAY = 1001;
    public static final int CHAR_ARRAY = 1002;
    public static final int NAME_ARRAY = 1003;
    public static final int INT2_ARRAY = 1005;
    public static final int INT4_ARRAY = 1007;
    public static final int TEXT_ARRAY = 1009;
    public static final int BPCHAR_ARRAY = 1014;
    public static final int VARCHAR_ARRAY = 1015;
    public static final int INT8_ARRAY = 1016;
    public static final int FLOAT4_ARRAY = 1021;
    public static final int FLOAT8_ARRAY = 1022;
    public static final int OID_ARRAY = 1028;
    public static final int MACADDR_ARRAY = 1040;
    public static final int INET_ARRAY = 1041;
    public static final int CIDR_ARRAY = 651;
    public static final int JSON_ARRAY = 199;
    public static final int XML_ARRAY = 143;
    public static final int MACADDR8_ARRAY = 775;
    public static final int MONEY_ARRAY = 791;
    public static final int TIMESTAMP_ARRAY = 1115;
    public static final int DATE_ARRAY = 1182;
    public static final int TIME_ARRAY = 1183;
    public static final int TIMESTAMPTZ_ARRAY = 1185;
    public static final int INTERVAL_ARRAY = 1187;
    public static final int NUMERIC_ARRAY = 1231;
    public static final int TIMETZ_ARRAY = 1270;
    public static final int BIT_ARRAY = 1561;
    public static final int VARBIT_ARRAY = 1563;
    public static final int UUID_ARRAY = 2951;
    public static final int JSONB_ARRAY = 3807;

    private static final Map<Integer, String> NAMES = new HashMap<>();
    private static final Map<Integer, Integer> ELEMENT_OF = new HashMap<>();
    private static final Map<Integer, Integer> ARRAY_OF = new HashMap<>();
    private static final Map<String, Integer> OID_BY_NAME = new HashMap<>();

    static {
        type(BOOL, "bool", BOOL_ARRAY);
        type(BYTEA, "bytea", BYTEA_ARRAY);
        type(CHAR, "char", CHAR_ARRAY);
        type(NAME, "name", NAME_ARRAY);
        type(INT8, "int8", INT8_ARRAY);
        type(INT2, "int2", INT2_ARRAY);
        type(INT4, "int4", INT4_ARRAY);
        type(TEXT, "text", TEXT_ARRAY);
        type(OID, "oid", OID_ARRAY);
        type(JSON, "json", JSON_ARRAY);
        type(XML, "xml", XML_ARRAY);
        type(CIDR, "cidr", CIDR_ARRAY);
        type(FLOAT4, "float4", FLOAT4_ARRAY);
        type(FLOAT8, "float8", FLOAT8_ARRAY);
        type(UNKNOWN, "unknown", 0);
        type(MACADDR8, "macaddr8", MACADDR8_ARRAY);
        type(MONEY, "money", MONEY_ARRAY);
        type(MACADDR, "macaddr", MACADDR_ARRAY);
        type(INET, "inet", INET_ARRAY);
        type(BPCHAR, "bpchar", BPCHAR_ARRAY);
        type(VARCHAR, "varchar", VARCHAR_ARRAY);
        type(DATE, "date", DATE_ARRAY);
        type(TIME, "time", TIME_ARRAY);
        type(TIMESTAMP, "timestamp", TIMESTAMP_ARRAY);
        type(TIMESTAMPTZ, "timestamptz", TIMESTAMPTZ_ARRAY);
        type(INTERVAL, "interval", INTERVAL_ARRAY);
        type(TIMETZ, "timetz", TIMETZ_ARRAY);
        type(BIT, "bit", BIT_ARRAY);
        type(VARBIT, "varbit", VARBIT_ARRAY);
        type(NUMERIC, "numeric", NUMERIC_ARRAY);
        type(UUID, "uuid", UUID_ARRAY);
        type(JSONB, "jsonb", JSONB_ARRAY);
    }

    private BuiltinTypes() {
    }

    private static void type(int oid, String name, int arrayOid) {
        NAMES.put(oid, name);
        OID_BY_NAME.put(name, oid);
        if (arrayOid != 0) {
            NAMES.put(arrayOid, "_" + name);
            OID_BY_NAME.put("_" + name, arrayOid);
            ELEMENT_OF.put(arrayOid, oid);
            ARRAY_OF.put(oid, arrayOid);
        }
    }

    /**
     * @param oid a type OID
     * @return the type's {@code pg_type.typname} (arrays start with {@code _}, as in {@code _int4}), or
     *         {@code null} if the OID is not one of the types listed here
     */
    public static String nameOf(int oid) {
        return NAMES.get(oid);
    }

    /**
     * @param name a {@code pg_type.typname} such as {@code int4} or {@code _int4}
     * @return the OID of the type listed here under that name, or {@code 0} if none is
     */
    public static int oidOf(String name) {
        return OID_BY_NAME.getOrDefault(name, 0);
    }

    /**
     * @param oid a type OID
     * @return whether the OID is one of the types listed here
     */
    public static boolean isKnown(int oid) {
        return NAMES.containsKey(oid);
    }

    /**
     * @param oid a type OID
     * @return whether it is the array type of one of the element types listed here
     */
    public static boolean isArray(int oid) {
        return ELEMENT_OF.containsKey(oid);
    }

    /**
     * @param arrayOid an array type OID, such as {@link #INT4_ARRAY}
     * @return its element type OID, or {@code 0} if it is not a known array type
     */
    public static int elementOf(int arrayOid) {
        return ELEMENT_OF.getOrDefault(arrayOid, 0);
    }

    /**
     * @param elementOid an element type OID, such as {@link #INT4}
     * @return its one-dimensional array type OID, or {@code 0} if none is known
     */
    public static int arrayOf(int elementOid) {
        return ARRAY_OF.getOrDefault(elementOid, 0);
    }
}
