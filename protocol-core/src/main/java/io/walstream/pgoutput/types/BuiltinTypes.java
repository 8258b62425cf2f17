package io.walstream.pgoutput.types;

import java.util.HashMap;
import java.util.Map;

/**
 * OIDs and names of every built-in PostgreSQL type a table column can have (base, range and multirange types
 * of {@code pg_catalog}, PostgreSQL 14–18) and of their array types. The values are those of PostgreSQL's
 * {@code pg_type.dat}; built-in OIDs are fixed across versions. Internal types that no column can hold
 * ({@code pg_node_tree}, statistics types, {@code gtsvector}) are left out.
 *
 * <p><b>Thread safety:</b> stateless; all methods are safe to call from any thread.
 */
public final class BuiltinTypes {

    // element types, one per pg_catalog base, range and multirange type that a table column can have
    public static final int BOOL = 16;
    public static final int BYTEA = 17;
    public static final int CHAR = 18;
    public static final int NAME = 19;
    public static final int INT8 = 20;
    public static final int INT2 = 21;
    public static final int INT2VECTOR = 22;
    public static final int INT4 = 23;
    public static final int REGPROC = 24;
    public static final int TEXT = 25;
    public static final int OID = 26;
    public static final int TID = 27;
    public static final int XID = 28;
    public static final int CID = 29;
    public static final int OIDVECTOR = 30;
    public static final int JSON = 114;
    public static final int XML = 142;
    public static final int POINT = 600;
    public static final int LSEG = 601;
    public static final int PATH = 602;
    public static final int BOX = 603;
    public static final int POLYGON = 604;
    public static final int LINE = 628;
    public static final int CIDR = 650;
    public static final int FLOAT4 = 700;
    public static final int FLOAT8 = 701;
    public static final int UNKNOWN = 705;
    public static final int CIRCLE = 718;
    public static final int MACADDR8 = 774;
    public static final int MONEY = 790;
    public static final int MACADDR = 829;
    public static final int INET = 869;
    public static final int ACLITEM = 1033;
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
    public static final int REFCURSOR = 1790;
    public static final int REGPROCEDURE = 2202;
    public static final int REGOPER = 2203;
    public static final int REGOPERATOR = 2204;
    public static final int REGCLASS = 2205;
    public static final int REGTYPE = 2206;
    public static final int RECORD = 2249;
    public static final int UUID = 2950;
    public static final int TXID_SNAPSHOT = 2970;
    public static final int PG_LSN = 3220;
    public static final int TSVECTOR = 3614;
    public static final int TSQUERY = 3615;
    public static final int REGCONFIG = 3734;
    public static final int REGDICTIONARY = 3769;
    public static final int JSONB = 3802;
    public static final int INT4RANGE = 3904;
    public static final int NUMRANGE = 3906;
    public static final int TSRANGE = 3908;
    public static final int TSTZRANGE = 3910;
    public static final int DATERANGE = 3912;
    public static final int INT8RANGE = 3926;
    public static final int JSONPATH = 4072;
    public static final int REGNAMESPACE = 4089;
    public static final int REGROLE = 4096;
    public static final int REGCOLLATION = 4191;
    public static final int INT4MULTIRANGE = 4451;
    public static final int NUMMULTIRANGE = 4532;
    public static final int TSMULTIRANGE = 4533;
    public static final int TSTZMULTIRANGE = 4534;
    public static final int DATEMULTIRANGE = 4535;
    public static final int INT8MULTIRANGE = 4536;
    public static final int PG_SNAPSHOT = 5038;
    public static final int XID8 = 5069;

    public static final int BOOL_ARRAY = 1000;
    public static final int BYTEA_ARRAY = 1001;
    public static final int CHAR_ARRAY = 1002;
    public static final int NAME_ARRAY = 1003;
    public static final int INT8_ARRAY = 1016;
    public static final int INT2_ARRAY = 1005;
    public static final int INT2VECTOR_ARRAY = 1006;
    public static final int INT4_ARRAY = 1007;
    public static final int REGPROC_ARRAY = 1008;
    public static final int TEXT_ARRAY = 1009;
    public static final int OID_ARRAY = 1028;
    public static final int TID_ARRAY = 1010;
    public static final int XID_ARRAY = 1011;
    public static final int CID_ARRAY = 1012;
    public static final int OIDVECTOR_ARRAY = 1013;
    public static final int JSON_ARRAY = 199;
    public static final int XML_ARRAY = 143;
    public static final int POINT_ARRAY = 1017;
    public static final int LSEG_ARRAY = 1018;
    public static final int PATH_ARRAY = 1019;
    public static final int BOX_ARRAY = 1020;
    public static final int POLYGON_ARRAY = 1027;
    public static final int LINE_ARRAY = 629;
    public static final int CIDR_ARRAY = 651;
    public static final int FLOAT4_ARRAY = 1021;
    public static final int FLOAT8_ARRAY = 1022;
    public static final int CIRCLE_ARRAY = 719;
    public static final int MACADDR8_ARRAY = 775;
    public static final int MONEY_ARRAY = 791;
    public static final int MACADDR_ARRAY = 1040;
    public static final int INET_ARRAY = 1041;
    public static final int ACLITEM_ARRAY = 1034;
    public static final int BPCHAR_ARRAY = 1014;
    public static final int VARCHAR_ARRAY = 1015;
    public static final int DATE_ARRAY = 1182;
    public static final int TIME_ARRAY = 1183;
    public static final int TIMESTAMP_ARRAY = 1115;
    public static final int TIMESTAMPTZ_ARRAY = 1185;
    public static final int INTERVAL_ARRAY = 1187;
    public static final int TIMETZ_ARRAY = 1270;
    public static final int BIT_ARRAY = 1561;
    public static final int VARBIT_ARRAY = 1563;
    public static final int NUMERIC_ARRAY = 1231;
    public static final int REFCURSOR_ARRAY = 2201;
    public static final int REGPROCEDURE_ARRAY = 2207;
    public static final int REGOPER_ARRAY = 2208;
    public static final int REGOPERATOR_ARRAY = 2209;
    public static final int REGCLASS_ARRAY = 2210;
    public static final int REGTYPE_ARRAY = 2211;
    public static final int RECORD_ARRAY = 2287;
    public static final int UUID_ARRAY = 2951;
    public static final int TXID_SNAPSHOT_ARRAY = 2949;
    public static final int PG_LSN_ARRAY = 3221;
    public static final int TSVECTOR_ARRAY = 3643;
    public static final int TSQUERY_ARRAY = 3645;
    public static final int REGCONFIG_ARRAY = 3735;
    public static final int REGDICTIONARY_ARRAY = 3770;
    public static final int JSONB_ARRAY = 3807;
    public static final int INT4RANGE_ARRAY = 3905;
    public static final int NUMRANGE_ARRAY = 3907;
    public static final int TSRANGE_ARRAY = 3909;
    public static final int TSTZRANGE_ARRAY = 3911;
    public static final int DATERANGE_ARRAY = 3913;
    public static final int INT8RANGE_ARRAY = 3927;
    public static final int JSONPATH_ARRAY = 4073;
    public static final int REGNAMESPACE_ARRAY = 4090;
    public static final int REGROLE_ARRAY = 4097;
    public static final int REGCOLLATION_ARRAY = 4192;
    public static final int INT4MULTIRANGE_ARRAY = 6150;
    public static final int NUMMULTIRANGE_ARRAY = 6151;
    public static final int TSMULTIRANGE_ARRAY = 6152;
    public static final int TSTZMULTIRANGE_ARRAY = 6153;
    public static final int DATEMULTIRANGE_ARRAY = 6155;
    public static final int INT8MULTIRANGE_ARRAY = 6157;
    public static final int PG_SNAPSHOT_ARRAY = 5039;
    public static final int XID8_ARRAY = 271;

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
        type(INT2VECTOR, "int2vector", INT2VECTOR_ARRAY);
        type(INT4, "int4", INT4_ARRAY);
        type(REGPROC, "regproc", REGPROC_ARRAY);
        type(TEXT, "text", TEXT_ARRAY);
        type(OID, "oid", OID_ARRAY);
        type(TID, "tid", TID_ARRAY);
        type(XID, "xid", XID_ARRAY);
        type(CID, "cid", CID_ARRAY);
        type(OIDVECTOR, "oidvector", OIDVECTOR_ARRAY);
        type(JSON, "json", JSON_ARRAY);
        type(XML, "xml", XML_ARRAY);
        type(POINT, "point", POINT_ARRAY);
        type(LSEG, "lseg", LSEG_ARRAY);
        type(PATH, "path", PATH_ARRAY);
        type(BOX, "box", BOX_ARRAY);
        type(POLYGON, "polygon", POLYGON_ARRAY);
        type(LINE, "line", LINE_ARRAY);
        type(CIDR, "cidr", CIDR_ARRAY);
        type(FLOAT4, "float4", FLOAT4_ARRAY);
        type(FLOAT8, "float8", FLOAT8_ARRAY);
        type(UNKNOWN, "unknown", 0);
        type(CIRCLE, "circle", CIRCLE_ARRAY);
        type(MACADDR8, "macaddr8", MACADDR8_ARRAY);
        type(MONEY, "money", MONEY_ARRAY);
        type(MACADDR, "macaddr", MACADDR_ARRAY);
        type(INET, "inet", INET_ARRAY);
        type(ACLITEM, "aclitem", ACLITEM_ARRAY);
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
        type(REFCURSOR, "refcursor", REFCURSOR_ARRAY);
        type(REGPROCEDURE, "regprocedure", REGPROCEDURE_ARRAY);
        type(REGOPER, "regoper", REGOPER_ARRAY);
        type(REGOPERATOR, "regoperator", REGOPERATOR_ARRAY);
        type(REGCLASS, "regclass", REGCLASS_ARRAY);
        type(REGTYPE, "regtype", REGTYPE_ARRAY);
        type(RECORD, "record", RECORD_ARRAY);
        type(UUID, "uuid", UUID_ARRAY);
        type(TXID_SNAPSHOT, "txid_snapshot", TXID_SNAPSHOT_ARRAY);
        type(PG_LSN, "pg_lsn", PG_LSN_ARRAY);
        type(TSVECTOR, "tsvector", TSVECTOR_ARRAY);
        type(TSQUERY, "tsquery", TSQUERY_ARRAY);
        type(REGCONFIG, "regconfig", REGCONFIG_ARRAY);
        type(REGDICTIONARY, "regdictionary", REGDICTIONARY_ARRAY);
        type(JSONB, "jsonb", JSONB_ARRAY);
        type(INT4RANGE, "int4range", INT4RANGE_ARRAY);
        type(NUMRANGE, "numrange", NUMRANGE_ARRAY);
        type(TSRANGE, "tsrange", TSRANGE_ARRAY);
        type(TSTZRANGE, "tstzrange", TSTZRANGE_ARRAY);
        type(DATERANGE, "daterange", DATERANGE_ARRAY);
        type(INT8RANGE, "int8range", INT8RANGE_ARRAY);
        type(JSONPATH, "jsonpath", JSONPATH_ARRAY);
        type(REGNAMESPACE, "regnamespace", REGNAMESPACE_ARRAY);
        type(REGROLE, "regrole", REGROLE_ARRAY);
        type(REGCOLLATION, "regcollation", REGCOLLATION_ARRAY);
        type(INT4MULTIRANGE, "int4multirange", INT4MULTIRANGE_ARRAY);
        type(NUMMULTIRANGE, "nummultirange", NUMMULTIRANGE_ARRAY);
        type(TSMULTIRANGE, "tsmultirange", TSMULTIRANGE_ARRAY);
        type(TSTZMULTIRANGE, "tstzmultirange", TSTZMULTIRANGE_ARRAY);
        type(DATEMULTIRANGE, "datemultirange", DATEMULTIRANGE_ARRAY);
        type(INT8MULTIRANGE, "int8multirange", INT8MULTIRANGE_ARRAY);
        type(PG_SNAPSHOT, "pg_snapshot", PG_SNAPSHOT_ARRAY);
        type(XID8, "xid8", XID8_ARRAY);
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

    /** @return array type OID to element type OID, for every array type listed here */
    static Map<Integer, Integer> arrayTypes() {
        return java.util.Collections.unmodifiableMap(ELEMENT_OF);
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
