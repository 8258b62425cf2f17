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
    /** OID of {@code bool}. */
    public static final int BOOL = 16;
    /** OID of {@code bytea}. */
    public static final int BYTEA = 17;
    /** OID of {@code char}. */
    public static final int CHAR = 18;
    /** OID of {@code name}. */
    public static final int NAME = 19;
    /** OID of {@code int8}. */
    public static final int INT8 = 20;
    /** OID of {@code int2}. */
    public static final int INT2 = 21;
    /** OID of {@code int2vector}. */
    public static final int INT2VECTOR = 22;
    /** OID of {@code int4}. */
    public static final int INT4 = 23;
    /** OID of {@code regproc}. */
    public static final int REGPROC = 24;
    /** OID of {@code text}. */
    public static final int TEXT = 25;
    /** OID of {@code oid}. */
    public static final int OID = 26;
    /** OID of {@code tid}. */
    public static final int TID = 27;
    /** OID of {@code xid}. */
    public static final int XID = 28;
    /** OID of {@code cid}. */
    public static final int CID = 29;
    /** OID of {@code oidvector}. */
    public static final int OIDVECTOR = 30;
    /** OID of {@code json}. */
    public static final int JSON = 114;
    /** OID of {@code xml}. */
    public static final int XML = 142;
    /** OID of {@code point}. */
    public static final int POINT = 600;
    /** OID of {@code lseg}. */
    public static final int LSEG = 601;
    /** OID of {@code path}. */
    public static final int PATH = 602;
    /** OID of {@code box}. */
    public static final int BOX = 603;
    /** OID of {@code polygon}. */
    public static final int POLYGON = 604;
    /** OID of {@code line}. */
    public static final int LINE = 628;
    /** OID of {@code cidr}. */
    public static final int CIDR = 650;
    /** OID of {@code float4}. */
    public static final int FLOAT4 = 700;
    /** OID of {@code float8}. */
    public static final int FLOAT8 = 701;
    /** OID of {@code unknown}. */
    public static final int UNKNOWN = 705;
    /** OID of {@code circle}. */
    public static final int CIRCLE = 718;
    /** OID of {@code macaddr8}. */
    public static final int MACADDR8 = 774;
    /** OID of {@code money}. */
    public static final int MONEY = 790;
    /** OID of {@code macaddr}. */
    public static final int MACADDR = 829;
    /** OID of {@code inet}. */
    public static final int INET = 869;
    /** OID of {@code aclitem}. */
    public static final int ACLITEM = 1033;
    /** OID of {@code bpchar}. */
    public static final int BPCHAR = 1042;
    /** OID of {@code varchar}. */
    public static final int VARCHAR = 1043;
    /** OID of {@code date}. */
    public static final int DATE = 1082;
    /** OID of {@code time}. */
    public static final int TIME = 1083;
    /** OID of {@code timestamp}. */
    public static final int TIMESTAMP = 1114;
    /** OID of {@code timestamptz}. */
    public static final int TIMESTAMPTZ = 1184;
    /** OID of {@code interval}. */
    public static final int INTERVAL = 1186;
    /** OID of {@code timetz}. */
    public static final int TIMETZ = 1266;
    /** OID of {@code bit}. */
    public static final int BIT = 1560;
    /** OID of {@code varbit}. */
    public static final int VARBIT = 1562;
    /** OID of {@code numeric}. */
    public static final int NUMERIC = 1700;
    /** OID of {@code refcursor}. */
    public static final int REFCURSOR = 1790;
    /** OID of {@code regprocedure}. */
    public static final int REGPROCEDURE = 2202;
    /** OID of {@code regoper}. */
    public static final int REGOPER = 2203;
    /** OID of {@code regoperator}. */
    public static final int REGOPERATOR = 2204;
    /** OID of {@code regclass}. */
    public static final int REGCLASS = 2205;
    /** OID of {@code regtype}. */
    public static final int REGTYPE = 2206;
    /** OID of {@code record}. */
    public static final int RECORD = 2249;
    /** OID of {@code uuid}. */
    public static final int UUID = 2950;
    /** OID of {@code txid_snapshot}. */
    public static final int TXID_SNAPSHOT = 2970;
    /** OID of {@code pg_lsn}. */
    public static final int PG_LSN = 3220;
    /** OID of {@code tsvector}. */
    public static final int TSVECTOR = 3614;
    /** OID of {@code tsquery}. */
    public static final int TSQUERY = 3615;
    /** OID of {@code regconfig}. */
    public static final int REGCONFIG = 3734;
    /** OID of {@code regdictionary}. */
    public static final int REGDICTIONARY = 3769;
    /** OID of {@code jsonb}. */
    public static final int JSONB = 3802;
    /** OID of {@code int4range}. */
    public static final int INT4RANGE = 3904;
    /** OID of {@code numrange}. */
    public static final int NUMRANGE = 3906;
    /** OID of {@code tsrange}. */
    public static final int TSRANGE = 3908;
    /** OID of {@code tstzrange}. */
    public static final int TSTZRANGE = 3910;
    /** OID of {@code daterange}. */
    public static final int DATERANGE = 3912;
    /** OID of {@code int8range}. */
    public static final int INT8RANGE = 3926;
    /** OID of {@code jsonpath}. */
    public static final int JSONPATH = 4072;
    /** OID of {@code regnamespace}. */
    public static final int REGNAMESPACE = 4089;
    /** OID of {@code regrole}. */
    public static final int REGROLE = 4096;
    /** OID of {@code regcollation}. */
    public static final int REGCOLLATION = 4191;
    /** OID of {@code int4multirange}. */
    public static final int INT4MULTIRANGE = 4451;
    /** OID of {@code nummultirange}. */
    public static final int NUMMULTIRANGE = 4532;
    /** OID of {@code tsmultirange}. */
    public static final int TSMULTIRANGE = 4533;
    /** OID of {@code tstzmultirange}. */
    public static final int TSTZMULTIRANGE = 4534;
    /** OID of {@code datemultirange}. */
    public static final int DATEMULTIRANGE = 4535;
    /** OID of {@code int8multirange}. */
    public static final int INT8MULTIRANGE = 4536;
    /** OID of {@code pg_snapshot}. */
    public static final int PG_SNAPSHOT = 5038;
    /** OID of {@code xid8}. */
    public static final int XID8 = 5069;

    /** OID of {@code bool[]} (array of {@code bool}). */
    public static final int BOOL_ARRAY = 1000;
    /** OID of {@code bytea[]} (array of {@code bytea}). */
    public static final int BYTEA_ARRAY = 1001;
    /** OID of {@code char[]} (array of {@code char}). */
    public static final int CHAR_ARRAY = 1002;
    /** OID of {@code name[]} (array of {@code name}). */
    public static final int NAME_ARRAY = 1003;
    /** OID of {@code int8[]} (array of {@code int8}). */
    public static final int INT8_ARRAY = 1016;
    /** OID of {@code int2[]} (array of {@code int2}). */
    public static final int INT2_ARRAY = 1005;
    /** OID of {@code int2vector[]} (array of {@code int2vector}). */
    public static final int INT2VECTOR_ARRAY = 1006;
    /** OID of {@code int4[]} (array of {@code int4}). */
    public static final int INT4_ARRAY = 1007;
    /** OID of {@code regproc[]} (array of {@code regproc}). */
    public static final int REGPROC_ARRAY = 1008;
    /** OID of {@code text[]} (array of {@code text}). */
    public static final int TEXT_ARRAY = 1009;
    /** OID of {@code oid[]} (array of {@code oid}). */
    public static final int OID_ARRAY = 1028;
    /** OID of {@code tid[]} (array of {@code tid}). */
    public static final int TID_ARRAY = 1010;
    /** OID of {@code xid[]} (array of {@code xid}). */
    public static final int XID_ARRAY = 1011;
    /** OID of {@code cid[]} (array of {@code cid}). */
    public static final int CID_ARRAY = 1012;
    /** OID of {@code oidvector[]} (array of {@code oidvector}). */
    public static final int OIDVECTOR_ARRAY = 1013;
    /** OID of {@code json[]} (array of {@code json}). */
    public static final int JSON_ARRAY = 199;
    /** OID of {@code xml[]} (array of {@code xml}). */
    public static final int XML_ARRAY = 143;
    /** OID of {@code point[]} (array of {@code point}). */
    public static final int POINT_ARRAY = 1017;
    /** OID of {@code lseg[]} (array of {@code lseg}). */
    public static final int LSEG_ARRAY = 1018;
    /** OID of {@code path[]} (array of {@code path}). */
    public static final int PATH_ARRAY = 1019;
    /** OID of {@code box[]} (array of {@code box}). */
    public static final int BOX_ARRAY = 1020;
    /** OID of {@code polygon[]} (array of {@code polygon}). */
    public static final int POLYGON_ARRAY = 1027;
    /** OID of {@code line[]} (array of {@code line}). */
    public static final int LINE_ARRAY = 629;
    /** OID of {@code cidr[]} (array of {@code cidr}). */
    public static final int CIDR_ARRAY = 651;
    /** OID of {@code float4[]} (array of {@code float4}). */
    public static final int FLOAT4_ARRAY = 1021;
    /** OID of {@code float8[]} (array of {@code float8}). */
    public static final int FLOAT8_ARRAY = 1022;
    /** OID of {@code circle[]} (array of {@code circle}). */
    public static final int CIRCLE_ARRAY = 719;
    /** OID of {@code macaddr8[]} (array of {@code macaddr8}). */
    public static final int MACADDR8_ARRAY = 775;
    /** OID of {@code money[]} (array of {@code money}). */
    public static final int MONEY_ARRAY = 791;
    /** OID of {@code macaddr[]} (array of {@code macaddr}). */
    public static final int MACADDR_ARRAY = 1040;
    /** OID of {@code inet[]} (array of {@code inet}). */
    public static final int INET_ARRAY = 1041;
    /** OID of {@code aclitem[]} (array of {@code aclitem}). */
    public static final int ACLITEM_ARRAY = 1034;
    /** OID of {@code bpchar[]} (array of {@code bpchar}). */
    public static final int BPCHAR_ARRAY = 1014;
    /** OID of {@code varchar[]} (array of {@code varchar}). */
    public static final int VARCHAR_ARRAY = 1015;
    /** OID of {@code date[]} (array of {@code date}). */
    public static final int DATE_ARRAY = 1182;
    /** OID of {@code time[]} (array of {@code time}). */
    public static final int TIME_ARRAY = 1183;
    /** OID of {@code timestamp[]} (array of {@code timestamp}). */
    public static final int TIMESTAMP_ARRAY = 1115;
    /** OID of {@code timestamptz[]} (array of {@code timestamptz}). */
    public static final int TIMESTAMPTZ_ARRAY = 1185;
    /** OID of {@code interval[]} (array of {@code interval}). */
    public static final int INTERVAL_ARRAY = 1187;
    /** OID of {@code timetz[]} (array of {@code timetz}). */
    public static final int TIMETZ_ARRAY = 1270;
    /** OID of {@code bit[]} (array of {@code bit}). */
    public static final int BIT_ARRAY = 1561;
    /** OID of {@code varbit[]} (array of {@code varbit}). */
    public static final int VARBIT_ARRAY = 1563;
    /** OID of {@code numeric[]} (array of {@code numeric}). */
    public static final int NUMERIC_ARRAY = 1231;
    /** OID of {@code refcursor[]} (array of {@code refcursor}). */
    public static final int REFCURSOR_ARRAY = 2201;
    /** OID of {@code regprocedure[]} (array of {@code regprocedure}). */
    public static final int REGPROCEDURE_ARRAY = 2207;
    /** OID of {@code regoper[]} (array of {@code regoper}). */
    public static final int REGOPER_ARRAY = 2208;
    /** OID of {@code regoperator[]} (array of {@code regoperator}). */
    public static final int REGOPERATOR_ARRAY = 2209;
    /** OID of {@code regclass[]} (array of {@code regclass}). */
    public static final int REGCLASS_ARRAY = 2210;
    /** OID of {@code regtype[]} (array of {@code regtype}). */
    public static final int REGTYPE_ARRAY = 2211;
    /** OID of {@code record[]} (array of {@code record}). */
    public static final int RECORD_ARRAY = 2287;
    /** OID of {@code uuid[]} (array of {@code uuid}). */
    public static final int UUID_ARRAY = 2951;
    /** OID of {@code txid_snapshot[]} (array of {@code txid_snapshot}). */
    public static final int TXID_SNAPSHOT_ARRAY = 2949;
    /** OID of {@code pg_lsn[]} (array of {@code pg_lsn}). */
    public static final int PG_LSN_ARRAY = 3221;
    /** OID of {@code tsvector[]} (array of {@code tsvector}). */
    public static final int TSVECTOR_ARRAY = 3643;
    /** OID of {@code tsquery[]} (array of {@code tsquery}). */
    public static final int TSQUERY_ARRAY = 3645;
    /** OID of {@code regconfig[]} (array of {@code regconfig}). */
    public static final int REGCONFIG_ARRAY = 3735;
    /** OID of {@code regdictionary[]} (array of {@code regdictionary}). */
    public static final int REGDICTIONARY_ARRAY = 3770;
    /** OID of {@code jsonb[]} (array of {@code jsonb}). */
    public static final int JSONB_ARRAY = 3807;
    /** OID of {@code int4range[]} (array of {@code int4range}). */
    public static final int INT4RANGE_ARRAY = 3905;
    /** OID of {@code numrange[]} (array of {@code numrange}). */
    public static final int NUMRANGE_ARRAY = 3907;
    /** OID of {@code tsrange[]} (array of {@code tsrange}). */
    public static final int TSRANGE_ARRAY = 3909;
    /** OID of {@code tstzrange[]} (array of {@code tstzrange}). */
    public static final int TSTZRANGE_ARRAY = 3911;
    /** OID of {@code daterange[]} (array of {@code daterange}). */
    public static final int DATERANGE_ARRAY = 3913;
    /** OID of {@code int8range[]} (array of {@code int8range}). */
    public static final int INT8RANGE_ARRAY = 3927;
    /** OID of {@code jsonpath[]} (array of {@code jsonpath}). */
    public static final int JSONPATH_ARRAY = 4073;
    /** OID of {@code regnamespace[]} (array of {@code regnamespace}). */
    public static final int REGNAMESPACE_ARRAY = 4090;
    /** OID of {@code regrole[]} (array of {@code regrole}). */
    public static final int REGROLE_ARRAY = 4097;
    /** OID of {@code regcollation[]} (array of {@code regcollation}). */
    public static final int REGCOLLATION_ARRAY = 4192;
    /** OID of {@code int4multirange[]} (array of {@code int4multirange}). */
    public static final int INT4MULTIRANGE_ARRAY = 6150;
    /** OID of {@code nummultirange[]} (array of {@code nummultirange}). */
    public static final int NUMMULTIRANGE_ARRAY = 6151;
    /** OID of {@code tsmultirange[]} (array of {@code tsmultirange}). */
    public static final int TSMULTIRANGE_ARRAY = 6152;
    /** OID of {@code tstzmultirange[]} (array of {@code tstzmultirange}). */
    public static final int TSTZMULTIRANGE_ARRAY = 6153;
    /** OID of {@code datemultirange[]} (array of {@code datemultirange}). */
    public static final int DATEMULTIRANGE_ARRAY = 6155;
    /** OID of {@code int8multirange[]} (array of {@code int8multirange}). */
    public static final int INT8MULTIRANGE_ARRAY = 6157;
    /** OID of {@code pg_snapshot[]} (array of {@code pg_snapshot}). */
    public static final int PG_SNAPSHOT_ARRAY = 5039;
    /** OID of {@code xid8[]} (array of {@code xid8}). */
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
