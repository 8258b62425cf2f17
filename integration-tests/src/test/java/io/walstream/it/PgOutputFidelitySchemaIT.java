package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.it.PgOutputWorkload.Change;
import io.walstream.it.PgOutputWorkload.OptionSet;
import io.walstream.it.PgOutputWorkload.Stream;
import io.walstream.it.PgOutputWorkload.Txn;
import io.walstream.pgoutput.Insert;
import io.walstream.pgoutput.PgOutputMessage;
import io.walstream.pgoutput.Relation;
import io.walstream.pgoutput.Truncate;
import io.walstream.pgoutput.Type;
import io.walstream.testkit.postgres.PostgresConfig;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Relation and Type messages against the schema: ALTER TABLE between rows, identifiers, schemas, generated
 * columns, partitions with and without publish_via_partition_root, TRUNCATE options, and unpublished tables.
 */
@PostgresTest
class PgOutputFidelitySchemaIT {

    static PostgresConfig postgresConfig() {
        return PgOutputWorkload.config();
    }

    private static Stream v1(PostgresServer server) {
        return PgOutputWorkload.on(server).stream(OptionSet.V1);
    }

    @Test
    void alterTableAddColumnResendsRelationInsideTheTransaction(PostgresServer server) {
        Stream s = v1(server);
        Txn t = s.txnWith(x -> x.touches("public.fid_evolve"), "touching fid_evolve");
        List<String> shape = t.messages.stream().map(m -> m instanceof Relation r ? "R" + r.columns().size() : String.valueOf(m.tag()))
                .collect(Collectors.toList());
        assertEquals(List.of("B", "R2", "I", "R3", "I", "U", "C"), shape);
        List<Change> c = t.changes;
        assertEquals(2, c.get(0).newRow().size());
        assertEquals("a", c.get(0).newRow().get("a").asString());
        assertEquals(3, c.get(1).newRow().size());
        assertEquals(8, c.get(1).newRow().get("b").asInt());
        // the row written before ADD COLUMN ... DEFAULT 7 reads the default after it
        assertEquals(7, c.get(2).newRow().get("b").asInt());
        assertEquals("a2", c.get(2).newRow().get("a").asString());
    }

    @Test
    void quotedUnicodeIdentifiersInANonPublicSchema(PostgresServer server) {
        String name = PgOutputWorkload.UNICODE_SCHEMA + "." + PgOutputWorkload.UNICODE_TABLE;
        for (OptionSet set : List.of(OptionSet.V1, OptionSet.V1_BINARY)) {
            List<Change> c = PgOutputWorkload.on(server).stream(set).changesOf(name);
            assertEquals(2, c.size(), set + " " + name);
            Relation r = c.get(0).relation().relation();
            assertEquals("FidSchema", r.namespace());
            assertEquals("Tëst Tåble ✓", r.name());
            assertEquals(List.of("ID", "Größe", "名前", "UPPER"), c.get(0).relation().columnNames());
            assertEquals("grün", c.get(0).newRow().get("Größe").asString());
            assertEquals("値", c.get(0).newRow().get("名前").asString());
            assertEquals(8, c.get(1).newRow().get("UPPER").asInt());
        }
    }

    @Test
    void userTypesGetTypeMessagesBeforeTheirRelation(PostgresServer server) {
        Stream s = v1(server);
        Txn t = s.txnWith(x -> x.touches("public.fid_types"), "touching fid_types");
        List<Type> types = t.messages.stream().filter(m -> m instanceof Type).map(m -> (Type) m)
                .collect(Collectors.toList());
        List<String> names = types.stream().map(Type::qualifiedName).sorted().collect(Collectors.toList());
        // the domain's Type message names its base type (int4 in pg_catalog, namespace "")
        assertEquals(List.of("int4", "public._fid_mood", "public.fid_mood", "public.fid_pair"), names);
        int firstRelation = indexOf(t.messages, m -> m instanceof Relation);
        assertTrue(t.messages.stream().filter(m -> m instanceof Type).allMatch(m -> t.messages.indexOf(m)
                < firstRelation), "Type messages precede the Relation");
        assertEquals("public.fid_mood", t.changes.get(0).relation().typeName(
                t.changes.get(0).relation().indexOf("c_enum")));
    }

    @Test
    void generatedColumnsAreSentOnlyWhenThePublicationAsksOnPostgres18(PostgresServer server) {
        PgOutputWorkload w = PgOutputWorkload.on(server);
        List<Change> plain = w.stream(OptionSet.V1).changesOf("public.fid_gen");
        assertEquals(List.of("id", "a"), plain.get(0).relation().columnNames(), "never by default");
        List<Change> asked = w.stream(OptionSet.V1_VIA_ROOT).changesOf("public.fid_gen");
        if (w.major >= 18) {
            // fid_pub_root has publish_generated_columns = stored on 18
            assertEquals(List.of("id", "a", "doubled"), asked.get(0).relation().columnNames());
            assertEquals(42, asked.get(0).newRow().get("doubled").asInt());
            assertEquals(10, asked.get(1).newRow().get("doubled").asInt());
        } else {
            assertEquals(List.of("id", "a"), asked.get(0).relation().columnNames());
        }
    }

    @Test
    void partitionsPublishAsThemselvesOrAsTheirRoot(PostgresServer server) {
        PgOutputWorkload w = PgOutputWorkload.on(server);
        Stream leaf = w.stream(OptionSet.V1);
        assertEquals(List.of("I:public.fid_parted_eu", "I:public.fid_parted_us", "U:public.fid_parted_eu",
                "D:public.fid_parted_eu", "I:public.fid_parted_us"), partitionOps(leaf));
        Stream root = w.stream(OptionSet.V1_VIA_ROOT);
        assertEquals(List.of("I:public.fid_parted", "I:public.fid_parted", "U:public.fid_parted",
                "D:public.fid_parted", "I:public.fid_parted"), partitionOps(root));
        long rootOid = w.oid("fid_parted");
        assertTrue(root.committedChanges().stream().filter(c -> c.table().startsWith("public.fid_parted"))
                .allMatch(c -> c.relation().oid() == (int) rootOid));
        // the server also sends the leaf partitions' Relation messages in root mode
        List<String> relations = root.messages().stream().filter(m -> m instanceof Relation)
                .map(m -> ((Relation) m).name()).distinct().sorted().collect(Collectors.toList());
        assertTrue(relations.containsAll(List.of("fid_parted", "fid_parted_eu", "fid_parted_us")), relations.toString());
        // the cross-partition move is a delete of the key and an insert
        Change moved = root.committedChanges().stream().filter(c -> c.op() == 'D').findFirst().orElseThrow();
        assertEquals("eu", moved.oldRow().get("region").asString());
        assertEquals(1, moved.oldRow().get("id").asInt());
    }

    private static List<String> partitionOps(Stream s) {
        return s.committedChanges().stream().filter(c -> c.table().startsWith("public.fid_parted"))
                .map(c -> c.op() + ":" + c.table()).collect(Collectors.toList());
    }

    @Test
    void truncateCarriesCascadeRestartIdentityAndEveryTruncatedTable(PostgresServer server) {
        PgOutputWorkload w = PgOutputWorkload.on(server);
        Stream s = v1(server);
        List<Truncate> truncates = s.committed().stream().flatMap(t -> t.truncates.stream())
                .collect(Collectors.toList());
        assertEquals(2, truncates.size(), truncates.toString());
        Truncate cascade = truncates.get(0);
        assertTrue(cascade.isCascade());
        assertTrue(cascade.isRestartIdentity());
        assertEquals(3, cascade.options());
        assertEquals(List.of((int) w.oid("fid_trunc_parent"), (int) w.oid("fid_trunc_child")).stream().sorted()
                .collect(Collectors.toList()), cascade.relationOids().stream().sorted().collect(Collectors.toList()));
        Truncate plain = truncates.get(1);
        assertEquals(0, plain.options());
        assertEquals(List.of((int) w.oid("fid_trunc_plain")), plain.relationOids());
        List<Change> parent = s.changesOf("public.fid_trunc_parent");
        assertEquals(1, parent.get(parent.size() - 1).newRow().get("id").asInt(), "RESTART IDENTITY restarted serial");
    }

    @Test
    void changesOfUnpublishedTablesNeverAppear(PostgresServer server) {
        PgOutputWorkload w = PgOutputWorkload.on(server);
        int outside = (int) w.oid("fid_outside");
        for (OptionSet set : w.supportedSets()) {
            for (PgOutputMessage m : w.stream(set).messages()) {
                assertFalse(m instanceof Relation r && (r.oid() == outside || r.name().equals("fid_outside")),
                        set + ": " + m.describe());
                assertFalse(m instanceof Insert i && i.relationOid() == outside, set + ": " + m.describe());
            }
        }
    }

    private static int indexOf(List<PgOutputMessage> messages, java.util.function.Predicate<PgOutputMessage> p) {
        for (int i = 0; i < messages.size(); i++) {
            if (p.test(messages.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
