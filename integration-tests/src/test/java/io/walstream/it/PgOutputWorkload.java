package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.walstream.Lsn;
import io.walstream.conn.PgConnection;
import io.walstream.conn.ResultSet;
import io.walstream.pgoutput.Begin;
import io.walstream.pgoutput.BeginPrepare;
import io.walstream.pgoutput.CachedRelation;
import io.walstream.pgoutput.Commit;
import io.walstream.pgoutput.CommitPrepared;
import io.walstream.pgoutput.Delete;
import io.walstream.pgoutput.Insert;
import io.walstream.pgoutput.LogicalMessage;
import io.walstream.pgoutput.Origin;
import io.walstream.pgoutput.PgOutputDecoder;
import io.walstream.pgoutput.PgOutputMessage;
import io.walstream.pgoutput.Prepare;
import io.walstream.pgoutput.Relation;
import io.walstream.pgoutput.RelationCache;
import io.walstream.pgoutput.RollbackPrepared;
import io.walstream.pgoutput.Row;
import io.walstream.pgoutput.StreamAbort;
import io.walstream.pgoutput.StreamCommit;
import io.walstream.pgoutput.StreamPrepare;
import io.walstream.pgoutput.StreamStart;
import io.walstream.pgoutput.StreamStop;
import io.walstream.pgoutput.Truncate;
import io.walstream.pgoutput.Type;
import io.walstream.pgoutput.Update;
import io.walstream.testkit.pgoutput.PgOutputWriter;
import io.walstream.testkit.postgres.PostgresConfig;
import io.walstream.testkit.postgres.PostgresServer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The shared workload of the {@code PgOutputFidelity*IT} tests: a schema, one run of SQL that exercises every
 * pgoutput message and the value types, and the pgoutput streams the server produced for it under each option
 * set the server supports, read with {@code pg_logical_slot_peek_binary_changes} over a plain SQL connection.
 *
 * <p>Every payload is decoded with one {@link PgOutputDecoder} per option set and bound through a
 * {@link RelationCache}; every message must re-encode byte-for-byte with {@link PgOutputWriter}, and the stream
 * must be well formed (Begin…Commit, stream blocks, prepare pairs), or the capture fails. The result is
 * assembled into {@link Txn}s so the tests can look at what a consumer would apply.
 *
 * <p>The workload runs once per server (cached by data directory); peeks run lazily per option set.
 */
final class PgOutputWorkload {

    static final String SLOT = "fid_slot";
    static final String SLOT_2PC = "fid_slot_2pc";
    static final String PUB = "fid_pub";
    static final String PUB_ROOT = "fid_pub_root";
    static final String UNICODE_SCHEMA = "FidSchema";
    static final String UNICODE_TABLE = "Tëst Tåble ✓";
    /** The session time zone of the peeking connection: text timestamptz values carry its offset. */
    static final String TIME_ZONE = "Asia/Kolkata";
    static final int BIG_ROWS_KEPT = 1000;
    static final int BIG_ROWS_ROLLED_BACK = 1000;
    static final String TOAST_VALUE = toastValue();

    private static final Map<String, PgOutputWorkload> RUNS = new ConcurrentHashMap<>();

    /** The pgoutput option sets; each knows the versions it exists on. */
    enum OptionSet {
        V1("1", 14, false, PUB, SLOT),
        V1_BINARY("1", 14, false, PUB, SLOT, "binary", "true"),
        V1_VIA_ROOT("1", 14, false, PUB_ROOT, SLOT),
        V2_STREAMING("2", 14, false, PUB, SLOT, "streaming", "on", "messages", "true"),
        V3_TWO_PHASE("3", 15, false, PUB, SLOT_2PC, "two_phase", "on", "messages", "true"),
        V3_TWO_PHASE_STREAMING("3", 15, false, PUB, SLOT_2PC, "two_phase", "on", "streaming", "on"),
        V4_PARALLEL("4", 16, true, PUB, SLOT, "streaming", "parallel", "messages", "true"),
        V4_ORIGIN_NONE("4", 16, false, PUB, SLOT, "origin", "none");

        final String proto;
        final int minMajor;
        final boolean parallel;
        final String publication;
        final String slot;
        final String[] extra;

        OptionSet(String proto, int minMajor, boolean parallel, String publication, String slot, String... extra) {
            this.proto = proto;
            this.minMajor = minMajor;
            this.parallel = parallel;
            this.publication = publication;
            this.slot = slot;
            this.extra = extra;
        }

        boolean supportedOn(int major) {
            return major >= minMajor;
        }

        boolean streaming() {
            return option("streaming") != null;
        }

        boolean twoPhase() {
            return option("two_phase") != null;
        }

        boolean messages() {
            return option("messages") != null;
        }

        boolean binary() {
            return option("binary") != null;
        }

        String option(String name) {
            for (int i = 0; i < extra.length; i += 2) {
                if (extra[i].equals(name)) {
                    return extra[i + 1];
                }
            }
            return null;
        }

        int protoVersion() {
            return Integer.parseInt(proto);
        }

        PgOutputDecoder decoder() {
            return PgOutputDecoder.builder(protoVersion()).parallelStreaming(parallel).build();
        }

        String peekSql() {
            StringBuilder sb = new StringBuilder("SELECT lsn, xid, data FROM pg_logical_slot_peek_binary_changes('")
                    .append(slot).append("', NULL, NULL, 'proto_version', '").append(proto)
                    .append("', 'publication_names', '").append(publication).append('\'');
            for (String e : extra) {
                sb.append(", '").append(e).append('\'');
            }
            return sb.append(')').toString();
        }
    }

    /** One row of the peek: the message as the server produced it and as decoded. */
    record Captured(Lsn lsn, String xid, byte[] payload, PgOutputMessage message) {
    }

    /** A data change bound to the relation entry current when it arrived. */
    record Change(PgOutputMessage message, CachedRelation relation, Row newRow, Row oldRow) {
        String table() {
            return relation == null ? null : relation.qualifiedName();
        }

        char op() {
            return message.tag();
        }

        boolean inStream() {
            return message.streamXid().isPresent();
        }
    }

    enum TxnKind { PLAIN, STREAMED, PREPARED }

    enum Outcome { OPEN, COMMITTED, ABORTED, PREPARED, COMMIT_PREPARED, ROLLBACK_PREPARED }

    /** One transaction as a consumer would see it. */
    static final class Txn {
        final TxnKind kind;
        final int xid;
        /** Its messages from the opening one (Begin, Begin Prepare) to Commit/Prepare, or inside its blocks. */
        final List<PgOutputMessage> messages = new ArrayList<>();
        final List<Change> changes = new ArrayList<>();
        final List<LogicalMessage> logicalMessages = new ArrayList<>();
        final List<Truncate> truncates = new ArrayList<>();
        final List<Integer> abortedSubxids = new ArrayList<>();
        Origin origin;
        Begin begin;
        String gid;
        int streamBlocks;
        Outcome outcome = Outcome.OPEN;
        PgOutputMessage end;

        Txn(TxnKind kind, int xid) {
            this.kind = kind;
            this.xid = xid;
        }

        /** @return the changes a consumer applies: without those of aborted subtransactions */
        List<Change> effectiveChanges() {
            return changes.stream().filter(c -> c.message.streamXid().isEmpty()
                    || !abortedSubxids.contains(c.message.streamXid().getAsInt())).collect(Collectors.toList());
        }

        boolean isEmpty() {
            return changes.isEmpty() && logicalMessages.isEmpty() && truncates.isEmpty();
        }

        boolean committed() {
            return outcome == Outcome.COMMITTED || outcome == Outcome.COMMIT_PREPARED;
        }

        boolean touches(String table) {
            return changes.stream().anyMatch(c -> table.equals(c.table()));
        }

        @Override
        public String toString() {
            return kind + " xid=" + Integer.toUnsignedString(xid) + " " + outcome + " changes=" + changes.size()
                    + (gid != null ? " gid=" + gid : "");
        }
    }

    /** One option set's stream, decoded and assembled. */
    static final class Stream {
        final OptionSet options;
        final List<Captured> captured = new ArrayList<>();
        final List<Txn> txns = new ArrayList<>();
        final List<LogicalMessage> nonTransactional = new ArrayList<>();
        final RelationCache cache = new RelationCache();

        Stream(OptionSet options) {
            this.options = options;
        }

        List<PgOutputMessage> messages() {
            return captured.stream().map(Captured::message).collect(Collectors.toList());
        }

        /** @return the committed (incl. commit-prepared) transactions in commit order */
        List<Txn> committed() {
            return txns.stream().filter(Txn::committed).collect(Collectors.toList());
        }

        /** @return the effective changes of committed transactions, in order */
        List<Change> committedChanges() {
            List<Change> out = new ArrayList<>();
            for (Txn t : committed()) {
                out.addAll(t.effectiveChanges());
            }
            return out;
        }

        List<Change> changesOf(String table) {
            return committedChanges().stream().filter(c -> table.equals(c.table())).collect(Collectors.toList());
        }

        /** @return the committed insert of {@code table} whose column {@code key} reads {@code id} */
        Row inserted(String table, String key, int id) {
            List<Row> rows = changesOf(table).stream().filter(c -> c.op() == 'I')
                    .map(Change::newRow).filter(r -> r.get(key).asInt() == id).collect(Collectors.toList());
            assertEquals(1, rows.size(), options + ": inserts of " + table + " with " + key + "=" + id);
            return rows.get(0);
        }

        Txn txnWith(Predicate<Txn> p, String what) {
            List<Txn> found = txns.stream().filter(p).collect(Collectors.toList());
            assertEquals(1, found.size(), options + ": transactions " + what + ": " + found);
            return found.get(0);
        }

        long count(char tag) {
            return captured.stream().filter(c -> c.message.tag() == tag).count();
        }
    }

    final PostgresServer server;
    final int major;
    final Map<String, Long> oids = new HashMap<>();
    private final Map<OptionSet, Stream> streams = new EnumMap<>(OptionSet.class);

    private PgOutputWorkload(PostgresServer server) {
        this.server = server;
        this.major = server.version().major();
    }

    /** The server configuration every fidelity test class uses. */
    static PostgresConfig config() {
        return PostgresConfig.builder()
                .setting("logical_decoding_work_mem", "64kB")
                .setting("max_prepared_transactions", "10")
                .build();
    }

    /** @return the workload run on this server (run on first use) */
    static PgOutputWorkload on(PostgresServer server) {
        return RUNS.computeIfAbsent(server.dataDirectory().toString() + ":" + server.port(), k -> {
            PgOutputWorkload w = new PgOutputWorkload(server);
            w.run();
            return w;
        });
    }

    /** @return the decoded stream of one option set (peeked on first use) */
    synchronized Stream stream(OptionSet set) {
        if (!set.supportedOn(major)) {
            throw new IllegalArgumentException(set + " does not exist on PostgreSQL " + major);
        }
        return streams.computeIfAbsent(set, this::peek);
    }

    List<OptionSet> supportedSets() {
        List<OptionSet> out = new ArrayList<>();
        for (OptionSet s : OptionSet.values()) {
            if (s.supportedOn(major)) {
                out.add(s);
            }
        }
        return out;
    }

    long oid(String table) {
        Long oid = oids.get(table);
        assertNotNull(oid, "no OID recorded for " + table);
        return oid;
    }

    // ------------------------------------------------------------------------------------------------ workload

    static final String TYPES_COLUMNS = "id int PRIMARY KEY, c_bool bool, c_int2 int2, c_int4 int4, c_int8 int8,"
            + " c_float4 float4, c_float8 float8, c_numeric numeric, c_text text, c_varchar varchar(20),"
            + " c_bpchar char(5), c_name name, c_bytea bytea, c_uuid uuid, c_date date, c_time time,"
            + " c_timetz timetz, c_ts timestamp, c_tstz timestamptz, c_interval interval, c_json json,"
            + " c_jsonb jsonb, c_inet inet, c_cidr cidr, c_oid oid, c_int4arr int4[], c_textarr text[],"
            + " c_numarr numeric[], c_tstzarr timestamptz[], c_uuidarr uuid[], c_boolarr bool[],"
            + " c_float8arr float8[], c_datearr date[], c_enum fid_mood, c_enumarr fid_mood[], c_comp fid_pair,"
            + " c_domain fid_posint, c_range int4range, c_money money, c_bit bit(4), c_varbit varbit, c_xml xml,"
            + " c_acl aclitem";

    /** Row 1: ordinary values of every type. */
    static final String TYPES_ROW_1 = "(1, true, -32768, 2147483647, -9223372036854775808, 3.14, -1.5e-300,"
            + " 12345678901234567890.000123450, E'h\\u00e9llo\\n\\t''w\\u00f6rld'' \\\\ \"q\" \\U0001F600',"
            + " 'vc', 'ab', 'a_name', '\\x00ff10', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '2024-02-29',"
            + " '23:59:59.999999', '04:05:06.789-08', '2024-02-29 12:34:56.123456', '2024-02-29 12:34:56.123456+00',"
            + " '1 year 2 mons 3 days 04:05:06.789', '{\"a\": [1, 2, {\"b\": null}]}', '{\"b\": 2, \"a\": [1, \"x\"]}',"
            + " '192.168.1.10/24', '2001:db8::/32', 4294967295, '{1,NULL,-3}',"
            + " '{\"a,b\",\"with \\\"q\\\"\",\"NULL\",NULL,\"\",x y}', '{1.50,NaN}',"
            + " '{\"2024-01-01 00:00:00+00\",infinity}', '{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}', '{t,f}',"
            + " '{1.5,-Infinity,NaN}', '{2024-01-01,-infinity}', 'happy', '{happy,sad}', ROW(42, 'x y \"z\"'),"
            + " 5, '(1,10]', 1234.56, B'1010', B'10101', '<a b=\"1\">t</a>', 'postgres=r/postgres')";

    /** Row 3: empty strings and special values. Row 2 is all NULL. */
    static final String TYPES_ROW_3 = "(3, false, 0, 0, 0, 'NaN', 'Infinity', 'NaN', '', '', '', '', '\\x',"
            + " '00000000-0000-0000-0000-000000000000', 'infinity', '24:00:00', '00:00:00+00', '-infinity',"
            + " 'infinity', '-1 days +02:03:04', '\"\"', '[]', '::1', '10.0.0.0/8', 0, '{}', '{}', '{}', '{}', '{}',"
            + " '{}', '{}', '{}', 'sad', '{}', ROW(NULL, ''), 1, 'empty', 0, B'0000', B'', '', NULL)";
    static final String TYPES_ROWS_4_5 = "INSERT INTO fid_types (id, c_float4, c_float8, c_numeric, c_date, c_tstz,"
            + " c_money) VALUES (4, '-Infinity', '-0', 'Infinity', '0044-03-15 BC', '-infinity', -0.01),"
            + " (5, NULL, NULL, '-Infinity', NULL, '1900-01-01 00:00:00+00', NULL)";

    private void run() {
        try (PgConnection sql = Live.sql(server, "nio")) {
            String unicode = "\"" + UNICODE_SCHEMA + "\".\"" + UNICODE_TABLE + "\"";
            String genOption = major >= 18 ? ", publish_generated_columns = stored" : "";
            sql.queryAll(String.join(";\n",
                    "CREATE TYPE fid_mood AS ENUM ('sad', 'ok', 'happy')",
                    "CREATE TYPE fid_pair AS (n int, label text)",
                    "CREATE DOMAIN fid_posint AS int4 CHECK (VALUE > 0)",
                    "CREATE TABLE fid_types (" + TYPES_COLUMNS + ")",
                    "CREATE TABLE fid_toast (id int PRIMARY KEY, big text, note text)",
                    "CREATE TABLE fid_ri_default (id int PRIMARY KEY, v text)",
                    "CREATE TABLE fid_ri_full (id int PRIMARY KEY, v text)",
                    "ALTER TABLE fid_ri_full REPLICA IDENTITY FULL",
                    "CREATE TABLE fid_ri_nothing (id int PRIMARY KEY, v text)",
                    "ALTER TABLE fid_ri_nothing REPLICA IDENTITY NOTHING",
                    "CREATE TABLE fid_ri_index (id int NOT NULL, code text NOT NULL, v text)",
                    "CREATE UNIQUE INDEX fid_ri_index_code ON fid_ri_index (code)",
                    "ALTER TABLE fid_ri_index REPLICA IDENTITY USING INDEX fid_ri_index_code",
                    "CREATE TABLE fid_nopk (a int, b text)",
                    "CREATE TABLE fid_parted (id int, region text, v text, PRIMARY KEY (id, region))"
                            + " PARTITION BY LIST (region)",
                    "CREATE TABLE fid_parted_eu PARTITION OF fid_parted FOR VALUES IN ('eu')",
                    "CREATE TABLE fid_parted_us PARTITION OF fid_parted FOR VALUES IN ('us')",
                    "CREATE TABLE fid_gen (id int PRIMARY KEY, a int, doubled int GENERATED ALWAYS AS (a * 2) STORED)",
                    "CREATE SCHEMA \"" + UNICODE_SCHEMA + "\"",
                    "CREATE TABLE " + unicode + " (\"ID\" int PRIMARY KEY, \"Größe\" text, \"名前\" text, \"UPPER\" int)",
                    "CREATE TABLE fid_trunc_parent (id serial PRIMARY KEY, v text)",
                    "CREATE TABLE fid_trunc_child (id int PRIMARY KEY, parent_id int REFERENCES fid_trunc_parent (id))",
                    "CREATE TABLE fid_trunc_plain (id int PRIMARY KEY)",
                    "CREATE TABLE fid_evolve (id int PRIMARY KEY, a text)",
                    "CREATE TABLE fid_big (id int PRIMARY KEY, payload text)",
                    "CREATE TABLE fid_tx (id int PRIMARY KEY, v text)",
                    "CREATE TABLE fid_outside (id int PRIMARY KEY, v text)",
                    "CREATE PUBLICATION " + PUB + " FOR TABLE fid_types, fid_toast, fid_ri_default, fid_ri_full,"
                            + " fid_ri_nothing, fid_ri_index, fid_nopk, fid_parted, fid_gen, " + unicode + ","
                            + " fid_trunc_parent, fid_trunc_child, fid_trunc_plain, fid_evolve, fid_big, fid_tx",
                    "CREATE PUBLICATION " + PUB_ROOT + " FOR TABLE fid_parted, fid_gen"
                            + " WITH (publish_via_partition_root = true" + genOption + ")",
                    "SELECT pg_replication_origin_create('fid_origin')"));
            ResultSet rs = sql.query("SELECT c.relname, c.oid::int8, n.nspname FROM pg_class c JOIN pg_namespace n"
                    + " ON n.oid = c.relnamespace WHERE c.relname LIKE 'fid%' OR c.relname = '" + UNICODE_TABLE + "'");
            for (int i = 0; i < rs.rowCount(); i++) {
                oids.put(rs.getString(i, 0), Long.parseLong(rs.getString(i, 1)));
            }
            sql.query("SELECT pg_create_logical_replication_slot('" + SLOT + "', 'pgoutput')");
            if (major >= 15) {
                sql.query("SELECT pg_create_logical_replication_slot('" + SLOT_2PC + "', 'pgoutput', false, true)");
            }

            // values of every type
            sql.queryAll("BEGIN; INSERT INTO fid_types VALUES " + TYPES_ROW_1 + "; INSERT INTO fid_types (id) VALUES (2);"
                    + " INSERT INTO fid_types VALUES " + TYPES_ROW_3 + "; "
                    + TYPES_ROWS_4_5 + "; COMMIT");
            // TOAST: a 100 kB value left unchanged by an update of another column
            sql.query("INSERT INTO fid_toast VALUES (1, '" + TOAST_VALUE + "', 'n1')");
            sql.query("UPDATE fid_toast SET note = 'n2' WHERE id = 1");
            // replica identities
            sql.query("INSERT INTO fid_ri_default VALUES (1, 'a'), (2, 'b')");
            sql.query("UPDATE fid_ri_default SET v = 'a2' WHERE id = 1");
            sql.query("UPDATE fid_ri_default SET id = 3 WHERE id = 2");
            sql.query("DELETE FROM fid_ri_default WHERE id = 1");
            sql.query("INSERT INTO fid_ri_full VALUES (1, 'a')");
            sql.query("UPDATE fid_ri_full SET v = 'a2' WHERE id = 1");
            sql.query("DELETE FROM fid_ri_full WHERE id = 1");
            sql.query("INSERT INTO fid_ri_nothing VALUES (1, 'a')");
            sql.query("INSERT INTO fid_ri_index VALUES (1, 'k1', 'a')");
            sql.query("UPDATE fid_ri_index SET v = 'a2' WHERE id = 1");
            sql.query("UPDATE fid_ri_index SET code = 'k2' WHERE id = 1");
            sql.query("DELETE FROM fid_ri_index WHERE id = 1");
            sql.query("INSERT INTO fid_nopk VALUES (1, 'x'), (NULL, NULL)");
            // partitions, generated columns, identifiers
            sql.query("INSERT INTO fid_parted VALUES (1, 'eu', 'a'), (2, 'us', 'b')");
            sql.query("UPDATE fid_parted SET v = 'a2' WHERE id = 1");
            sql.query("UPDATE fid_parted SET region = 'us' WHERE id = 1");
            sql.query("INSERT INTO fid_gen (id, a) VALUES (1, 21)");
            sql.query("UPDATE fid_gen SET a = 5 WHERE id = 1");
            sql.query("INSERT INTO " + unicode + " VALUES (1, 'grün', '値', 7)");
            sql.query("UPDATE " + unicode + " SET \"UPPER\" = 8 WHERE \"ID\" = 1");
            // TRUNCATE
            sql.query("INSERT INTO fid_trunc_parent (v) VALUES ('p1'), ('p2')");
            sql.query("INSERT INTO fid_trunc_child VALUES (1, 1)");
            sql.query("INSERT INTO fid_trunc_plain VALUES (1)");
            sql.query("TRUNCATE fid_trunc_parent RESTART IDENTITY CASCADE");
            sql.query("TRUNCATE fid_trunc_plain");
            sql.query("INSERT INTO fid_trunc_parent (v) VALUES ('after restart')");
            // ALTER TABLE ADD COLUMN between rows of one transaction
            sql.queryAll("BEGIN; INSERT INTO fid_evolve VALUES (1, 'a');"
                    + " ALTER TABLE fid_evolve ADD COLUMN b int DEFAULT 7;"
                    + " INSERT INTO fid_evolve VALUES (2, 'b', 8); UPDATE fid_evolve SET a = 'a2' WHERE id = 1; COMMIT");
            // a table outside every publication
            sql.query("INSERT INTO fid_outside VALUES (1, 'never published')");
            // savepoint with a rolled-back subtransaction
            sql.queryAll("BEGIN; INSERT INTO fid_tx VALUES (1, 'keep'); SAVEPOINT s1;"
                    + " INSERT INTO fid_tx VALUES (2, 'rolled back'); ROLLBACK TO SAVEPOINT s1;"
                    + " INSERT INTO fid_tx VALUES (3, 'after'); COMMIT");
            // an aborted transaction; its non-transactional message is still decoded
            sql.queryAll("BEGIN; INSERT INTO fid_tx VALUES (4, 'aborted');"
                    + " SELECT pg_logical_emit_message(false, 'fid', 'non-tx in aborted'); ROLLBACK");
            // logical messages
            sql.queryAll("BEGIN; INSERT INTO fid_tx VALUES (5, 'with message');"
                    + " SELECT pg_logical_emit_message(true, 'fid', 'transactional'); COMMIT");
            sql.query("SELECT pg_logical_emit_message(false, 'fid', '\\x00ff'::bytea)");
            // a transaction from a replication origin
            sql.query("SELECT pg_replication_origin_session_setup('fid_origin')");
            sql.queryAll("BEGIN; SELECT pg_replication_origin_xact_setup('0/ABCDEF', '2024-01-02 03:04:05+00');"
                    + " INSERT INTO fid_tx VALUES (6, 'from origin'); COMMIT");
            sql.query("SELECT pg_replication_origin_session_reset()");
            // prepared transactions
            sql.queryAll("BEGIN; INSERT INTO fid_tx VALUES (7, 'prepared commit'); PREPARE TRANSACTION 'fid-commit'");
            sql.query("COMMIT PREPARED 'fid-commit'");
            sql.queryAll("BEGIN; INSERT INTO fid_tx VALUES (8, 'prepared rollback');"
                    + " PREPARE TRANSACTION 'fid-rollback'");
            sql.query("ROLLBACK PREPARED 'fid-rollback'");
            // large transactions (> logical_decoding_work_mem): committed with a rolled-back large subtransaction,
            // aborted, and prepared
            sql.queryAll("BEGIN; INSERT INTO fid_big SELECT g, 'kept ' || g || repeat('x', 100)"
                    + " FROM generate_series(1, " + BIG_ROWS_KEPT + ") g; SAVEPOINT s;"
                    + " INSERT INTO fid_big SELECT g, 'rolled back ' || g || repeat('y', 100)"
                    + " FROM generate_series(100001, " + (100000 + BIG_ROWS_ROLLED_BACK) + ") g;"
                    + " ROLLBACK TO SAVEPOINT s; INSERT INTO fid_big VALUES (1000001, 'last');"
                    + " SELECT pg_logical_emit_message(true, 'fid', 'in big'); COMMIT");
            sql.queryAll("BEGIN; INSERT INTO fid_big SELECT g, 'aborted ' || g || repeat('z', 100)"
                    + " FROM generate_series(200001, 201500) g; ROLLBACK");
            sql.queryAll("BEGIN; INSERT INTO fid_big SELECT g, 'prepared ' || g || repeat('p', 100)"
                    + " FROM generate_series(300001, 301500) g; PREPARE TRANSACTION 'fid-big'");
            sql.query("COMMIT PREPARED 'fid-big'");
            sql.query("INSERT INTO fid_tx VALUES (9, 'last')");
        }
    }

    private static String toastValue() {
        Random r = new Random(20240229L);
        StringBuilder sb = new StringBuilder(100_000);
        for (int i = 0; i < 100_000; i++) {
            sb.append((char) ('a' + r.nextInt(26)));
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------------------------------------ peek

    private Stream peek(OptionSet set) {
        Stream s = new Stream(set);
        ResultSet rs;
        try (PgConnection sql = Live.sql(server, "nio")) {
            sql.queryAll("SET TimeZone = '" + TIME_ZONE + "'; SET lc_monetary = 'C'");
            rs = sql.query(set.peekSql());
        }
        PgOutputDecoder decoder = set.decoder();
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < rs.rowCount(); i++) {
            String data = rs.getString(i, 2);
            assertTrue(data.startsWith("\\x"), data);
            byte[] payload = hex.parseHex(data, 2, data.length());
            PgOutputMessage m;
            try {
                m = decoder.decode(payload);
            } catch (RuntimeException e) {
                throw new AssertionError(set + " message " + i + " failed to decode: " + data, e);
            }
            byte[] again = PgOutputWriter.encode(m);
            if (!java.util.Arrays.equals(payload, again)) {
                assertArrayEquals(payload, again, set + " message " + i + " does not re-encode byte-for-byte: "
                        + m.describe());
            }
            s.captured.add(new Captured(Lsn.parse(rs.getString(i, 0)), rs.getString(i, 1), payload, m));
        }
        assertFalse(decoder.inStreamBlock(), set + ": the stream ends inside a stream block");
        String dump = System.getProperty("walstream.fidelity.dump");
        if (dump != null && !dump.isBlank()) {
            try {
                java.nio.file.Files.createDirectories(java.nio.file.Path.of(dump));
                java.nio.file.Files.write(java.nio.file.Path.of(dump, "pg" + major + "-" + set + ".txt"),
                        s.captured.stream().map(c -> c.lsn() + " " + c.xid() + " " + abbreviate(c.message().describe()))
                                .collect(Collectors.toList()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        assemble(s);
        return s;
    }

    private static String abbreviate(String s) {
        return s.length() > 400 ? s.substring(0, 400) + "...(" + s.length() + ")" : s;
    }

    /** Checks the message structure and builds the transactions. */
    private static void assemble(Stream s) {
        Txn plain = null;
        Txn block = null;
        Map<Integer, Txn> streamed = new LinkedHashMap<>();
        Map<String, Txn> prepared = new HashMap<>();
        PgOutputMessage previous = null;
        for (Captured c : s.captured) {
            PgOutputMessage m = c.message;
            String where = s.options + " at " + c.lsn + " (" + m.describe() + ")";
            Txn current = block != null ? block : plain;
            if (m instanceof Begin b) {
                assertNull(plain, "Begin inside a transaction " + where);
                assertNull(block, "Begin inside a stream block " + where);
                plain = new Txn(TxnKind.PLAIN, b.xid());
                plain.begin = b;
                s.txns.add(plain);
            } else if (m instanceof BeginPrepare b) {
                assertTrue(s.options.twoPhase(), where);
                assertNull(plain, "Begin Prepare inside a transaction " + where);
                plain = new Txn(TxnKind.PREPARED, b.xid());
                plain.gid = b.gid();
                s.txns.add(plain);
            } else if (m instanceof Commit cm) {
                assertNotNull(plain, "Commit outside a transaction " + where);
                assertEquals(TxnKind.PLAIN, plain.kind, where);
                assertEquals(plain.begin.finalLsn(), cm.commitLsn(), "Begin.final_lsn == Commit.commit_lsn " + where);
                assertEquals(plain.begin.commitTimeMicros(), cm.commitTimeMicros(), where);
                assertTrue(cm.endLsn().compareTo(cm.commitLsn()) > 0, where);
                plain.outcome = Outcome.COMMITTED;
                plain.end = cm;
                plain = null;
            } else if (m instanceof Prepare p) {
                assertNotNull(plain, "Prepare outside a transaction " + where);
                assertEquals(TxnKind.PREPARED, plain.kind, where);
                assertEquals(plain.gid, p.gid(), where);
                assertEquals(plain.xid, p.xid(), where);
                plain.outcome = Outcome.PREPARED;
                plain.end = p;
                prepared.put(p.gid(), plain);
                plain = null;
            } else if (m instanceof CommitPrepared cp) {
                assertNull(plain, where);
                Txn t = prepared.remove(cp.gid());
                assertNotNull(t, "Commit Prepared without Prepare " + where);
                assertEquals(t.xid, cp.xid(), where);
                t.outcome = Outcome.COMMIT_PREPARED;
                t.end = cp;
                s.txns.remove(t);
                s.txns.add(t); // commit order
            } else if (m instanceof RollbackPrepared rp) {
                assertNull(plain, where);
                Txn t = prepared.remove(rp.gid());
                assertNotNull(t, "Rollback Prepared without Prepare " + where);
                assertEquals(t.xid, rp.xid(), where);
                Lsn prepareEnd = t.end instanceof Prepare p ? p.endLsn() : ((StreamPrepare) t.end).endLsn();
                assertEquals(prepareEnd, rp.prepareEndLsn(), "Rollback Prepared names the prepare's end " + where);
                t.outcome = Outcome.ROLLBACK_PREPARED;
                t.end = rp;
            } else if (m instanceof StreamStart ss) {
                assertTrue(s.options.streaming(), where);
                assertNull(plain, "Stream Start inside a transaction " + where);
                Txn t = streamed.get(ss.xid());
                if (ss.firstSegment()) {
                    assertNull(t, "first segment twice " + where);
                    t = new Txn(TxnKind.STREAMED, ss.xid());
                    streamed.put(ss.xid(), t);
                    s.txns.add(t);
                } else {
                    assertNotNull(t, "a later segment without a first one " + where);
                }
                t.streamBlocks++;
                block = t;
            } else if (m instanceof StreamStop) {
                assertNotNull(block, where);
                block = null;
            } else if (m instanceof StreamCommit sc) {
                assertNull(block, where);
                Txn t = streamed.remove(sc.xid());
                assertNotNull(t, "Stream Commit of an unknown xid " + where);
                t.outcome = Outcome.COMMITTED;
                t.end = sc;
                s.txns.remove(t);
                s.txns.add(t);
            } else if (m instanceof StreamAbort sa) {
                assertNull(block, where);
                assertEquals(s.options.parallel, sa.hasAbortInfo(), where);
                Txn t = streamed.get(sa.xid());
                assertNotNull(t, "Stream Abort of an unknown xid " + where);
                if (sa.isTopLevel()) {
                    streamed.remove(sa.xid());
                    t.outcome = Outcome.ABORTED;
                    t.end = sa;
                } else {
                    t.abortedSubxids.add(sa.subxid());
                }
            } else if (m instanceof StreamPrepare sp) {
                assertNull(block, where);
                Txn t = streamed.remove(sp.xid());
                assertNotNull(t, "Stream Prepare of an unknown xid " + where);
                t.outcome = Outcome.PREPARED;
                t.gid = sp.gid();
                t.end = sp;
                prepared.put(sp.gid(), t);
            } else if (m instanceof Origin o) {
                assertNotNull(current, "Origin outside a transaction " + where);
                assertTrue(previous instanceof Begin || previous instanceof BeginPrepare
                        || previous instanceof StreamStart, "Origin right after the opening message " + where);
                current.origin = o;
            } else if (m instanceof LogicalMessage lm) {
                if (lm.transactional()) {
                    assertNotNull(current, "transactional message outside a transaction " + where);
                    current.logicalMessages.add(lm);
                } else if (current == null) {
                    s.nonTransactional.add(lm);
                } else {
                    current.logicalMessages.add(lm);
                }
            } else {
                // R Y I U D T: inside a transaction or block, with an xid exactly inside a block
                assertNotNull(current, "change outside a transaction " + where);
                assertEquals(block != null, m.streamXid().isPresent(), "stream xid iff inside a block " + where);
                if (m instanceof Relation || m instanceof Type) {
                    s.cache.accept(m);
                } else if (m instanceof Insert i) {
                    current.changes.add(new Change(m, s.cache.relation(i.relationOid()), s.cache.newRow(i), null));
                } else if (m instanceof Update u) {
                    current.changes.add(new Change(m, s.cache.relation(u.relationOid()), s.cache.newRow(u),
                            s.cache.oldRow(u).orElse(null)));
                } else if (m instanceof Delete d) {
                    current.changes.add(new Change(m, s.cache.relation(d.relationOid()), null, s.cache.oldRow(d)));
                } else if (m instanceof Truncate t) {
                    current.truncates.add(t);
                } else {
                    fail("unexpected message " + where);
                }
            }
            if (current != null || m instanceof Begin || m instanceof BeginPrepare) {
                Txn t = current != null ? current : plain;
                if (t != null) {
                    t.messages.add(m);
                }
            }
            previous = m;
        }
        assertNull(plain, s.options + ": a transaction is still open at the end");
        assertTrue(streamed.isEmpty(), s.options + ": streamed transactions never ended: " + streamed.values());
        assertTrue(prepared.isEmpty(), s.options + ": prepared transactions never finished: " + prepared.keySet());
    }

    /**
     * @return the committed changes as a consumer would apply them, without transport details (xids, stream
     *         blocks): {@code table op old new}, in commit order, for comparing option sets
     */
    static List<String> applied(Stream s) {
        List<String> out = new ArrayList<>();
        for (Txn t : s.committed()) {
            for (Change c : t.effectiveChanges()) {
                out.add(c.table() + " " + c.op() + " " + (c.oldRow() == null ? "-" : c.oldRow().tuple().describe())
                        + " " + (c.newRow() == null ? "-" : c.newRow().tuple().describe()));
            }
            for (Truncate tr : t.truncates) {
                out.add("truncate " + tr.options() + " " + tr.relationOids());
            }
            for (LogicalMessage m : t.logicalMessages) {
                out.add("message " + m.transactional() + " " + m.prefix() + " " + HexFormat.of().formatHex(m.content()));
            }
        }
        return out;
    }

    /** @return the committed insert of fid_tx with this id, if any */
    static Optional<Change> txRow(Stream s, int id) {
        return s.changesOf("public.fid_tx").stream().filter(c -> c.op() == 'I' && c.newRow().get("id").asInt() == id)
                .findFirst();
    }
}
