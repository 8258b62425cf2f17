package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.it.PgOutputWorkload.Change;
import io.walstream.it.PgOutputWorkload.OptionSet;
import io.walstream.it.PgOutputWorkload.Stream;
import io.walstream.pgoutput.CachedRelation;
import io.walstream.pgoutput.ColumnKind;
import io.walstream.pgoutput.OldTupleKind;
import io.walstream.pgoutput.ReplicaIdentity;
import io.walstream.pgoutput.Row;
import io.walstream.pgoutput.Update;
import io.walstream.pgoutput.types.ValueConversionException;
import io.walstream.testkit.postgres.PostgresConfig;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Old-tuple forms per replica identity (DEFAULT, FULL, NOTHING, USING INDEX, and a table without a primary key),
 * and unchanged TOASTed values, as the server sends them.
 */
@PostgresTest
class PgOutputFidelityReplicaIdentityIT {

    static PostgresConfig postgresConfig() {
        return PgOutputWorkload.config();
    }

    private static Stream v1(PostgresServer server) {
        return PgOutputWorkload.on(server).stream(OptionSet.V1);
    }

    private static String ops(List<Change> changes) {
        return changes.stream().map(c -> String.valueOf(c.op())).collect(Collectors.joining());
    }

    @Test
    void defaultIdentitySendsTheOldKeyOnlyWhenTheKeyChanges(PostgresServer server) {
        List<Change> c = v1(server).changesOf("public.fid_ri_default");
        assertEquals("IIUUD", ops(c));
        CachedRelation rel = c.get(0).relation();
        assertEquals(ReplicaIdentity.DEFAULT, rel.replicaIdentity());
        assertTrue(rel.column(0).isKey());
        assertFalse(rel.column(1).isKey());
        // non-key update: no old tuple
        assertEquals(OldTupleKind.NONE, ((Update) c.get(2).message()).oldKind());
        assertNull(c.get(2).oldRow());
        assertEquals("a2", c.get(2).newRow().get("v").asString());
        // key update: 'K' with the old key; the other column is a placeholder, not NULL
        Row key = c.get(3).oldRow();
        assertTrue(key.isKeyOnly());
        assertEquals(2, key.get("id").asInt());
        assertTrue(key.get("v").isPlaceholder());
        assertFalse(key.get("v").isNull());
        assertThrows(IllegalStateException.class, () -> key.get("v").asString());
        assertEquals(List.of("id"), key.columnNames());
        assertEquals(3, c.get(3).newRow().get("id").asInt());
        Row deleted = c.get(4).oldRow();
        assertTrue(deleted.isKeyOnly());
        assertEquals(1, deleted.get("id").asInt());
    }

    @Test
    void fullIdentitySendsTheWholeOldRow(PostgresServer server) {
        List<Change> c = v1(server).changesOf("public.fid_ri_full");
        assertEquals("IUD", ops(c));
        assertEquals(ReplicaIdentity.FULL, c.get(0).relation().replicaIdentity());
        assertTrue(c.get(0).relation().column(1).isKey(), "every column is flagged as key with FULL");
        Row old = c.get(1).oldRow();
        assertFalse(old.isKeyOnly());
        assertEquals(OldTupleKind.OLD, ((Update) c.get(1).message()).oldKind());
        assertEquals("a", old.get("v").asString());
        assertEquals("a2", c.get(1).newRow().get("v").asString());
        assertEquals("a2", c.get(2).oldRow().get("v").asString());
        assertFalse(c.get(2).oldRow().isKeyOnly());
    }

    @Test
    void nothingIdentityAndTablesWithoutPrimaryKeyPublishInserts(PostgresServer server) {
        Stream s = v1(server);
        List<Change> nothing = s.changesOf("public.fid_ri_nothing");
        assertEquals("I", ops(nothing));
        assertEquals(ReplicaIdentity.NOTHING, nothing.get(0).relation().replicaIdentity());
        assertFalse(nothing.get(0).relation().column(0).isKey());
        List<Change> nopk = s.changesOf("public.fid_nopk");
        assertEquals("II", ops(nopk));
        // without a primary key the identity is still DEFAULT, with no key column
        assertEquals(ReplicaIdentity.DEFAULT, nopk.get(0).relation().replicaIdentity());
        assertFalse(nopk.get(0).relation().column(0).isKey());
        assertEquals(1, nopk.get(0).newRow().get("a").asInt());
        assertTrue(nopk.get(1).newRow().get("a").isNull());
        assertTrue(nopk.get(1).newRow().get("b").isNull());
    }

    @Test
    void usingIndexSendsTheIndexColumnsAsKey(PostgresServer server) {
        List<Change> c = v1(server).changesOf("public.fid_ri_index");
        assertEquals("IUUD", ops(c));
        CachedRelation rel = c.get(0).relation();
        assertEquals(ReplicaIdentity.INDEX, rel.replicaIdentity());
        assertFalse(rel.column(rel.indexOf("id")).isKey());
        assertTrue(rel.column(rel.indexOf("code")).isKey());
        assertNull(c.get(1).oldRow(), "the index key did not change");
        Row key = c.get(2).oldRow();
        assertTrue(key.isKeyOnly());
        assertEquals("k1", key.get("code").asString());
        assertTrue(key.get("id").isPlaceholder());
        assertEquals(List.of("code"), key.columnNames());
        assertEquals("k2", c.get(2).newRow().get("code").asString());
        assertEquals("k2", c.get(3).oldRow().get("code").asString());
    }

    @Test
    void unchangedToastIsNotSentAndNotNull(PostgresServer server) {
        for (OptionSet set : List.of(OptionSet.V1, OptionSet.V1_BINARY, OptionSet.V2_STREAMING)) {
            List<Change> c = PgOutputWorkload.on(server).stream(set).changesOf("public.fid_toast");
            assertEquals("IU", ops(c), set.toString());
            assertEquals(PgOutputWorkload.TOAST_VALUE, c.get(0).newRow().get("big").asString(), set.toString());
            Row updated = c.get(1).newRow();
            assertEquals(ColumnKind.UNCHANGED_TOAST, updated.get("big").kind(), set.toString());
            assertTrue(updated.get("big").isUnchangedToast());
            assertFalse(updated.get("big").isNull());
            assertThrows(ValueConversionException.class, () -> updated.get("big").asString());
            assertEquals("n2", updated.get("note").asString());
            assertNull(c.get(1).oldRow(), "DEFAULT identity, key unchanged");
        }
    }
}
