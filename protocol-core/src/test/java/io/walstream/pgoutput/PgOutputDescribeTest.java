package io.walstream.pgoutput;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.walstream.Lsn;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The canonical one-line forms used in golden files. */
class PgOutputDescribeTest {

    @Test
    void everySampleHasItsCanonicalLine() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("Begin", "Begin finalLsn=0/16B3F60 commitTime=2024-03-16T08:05:12.379904Z xid=744");
        expected.put("Commit", "Commit flags=0 commitLsn=0/16B3F60 endLsn=1/16B3F98 "
                + "commitTime=2024-03-16T08:05:12.379904Z");
        expected.put("Origin", "Origin originLsn=1/16B3F98 name=\"node-ä\"");
        expected.put("Relation", "Relation rel=16384 \"public\".\"orders\" identity=DEFAULT columns=[key \"id\" "
                + "type=23 typmod=-1, \"note\" type=25 typmod=-1, \"big\" type=1043 typmod=68, \"blob\" type=17 "
                + "typmod=-1]");
        expected.put("Relation in block", "Relation xid=2147484392 rel=16384 \"public\".\"orders\" identity=DEFAULT"
                + " columns=[key \"id\" type=23 typmod=-1, \"note\" type=25 typmod=-1, \"big\" type=1043 typmod=68,"
                + " \"blob\" type=17 typmod=-1]");
        expected.put("Type", "Type oid=16500 \"public\".\"mood\"");
        expected.put("Type in block", "Type xid=2147484392 oid=16500 \"\".\"int4\"");
        expected.put("Insert", "Insert rel=16384 new=(t'42',n,u,b'0102')");
        expected.put("Insert in block", "Insert xid=2147484392 rel=16384 new=(t'42',n,u,b'0102')");
        expected.put("Update no old", "Update rel=16384 new=(t'42',n,u,b'0102')");
        expected.put("Update key", "Update rel=16384 key=(t'1',n,n,n) new=(t'42',n,u,b'0102')");
        expected.put("Update old in block", "Update xid=2147484392 rel=16384 old=(t'42',n,u,b'0102') "
                + "new=(t'42',n,u,b'0102')");
        expected.put("Delete key", "Delete rel=16384 key=(t'1',n,n,n)");
        expected.put("Delete old in block", "Delete xid=2147484392 rel=16384 old=(t'42',n,u,b'0102')");
        expected.put("Truncate", "Truncate rels=[16384, 4294967280] options=CASCADE|RESTART_IDENTITY");
        expected.put("Truncate in block", "Truncate xid=2147484392 rels=[16384] options=none");
        expected.put("Message", "LogicalMessage transactional=true lsn=0/16B3F60 prefix=\"app\" "
                + "content=68656c6c6f00776f726c64");
        expected.put("Message in block", "LogicalMessage xid=2147484392 transactional=false lsn=0/16B3F60 "
                + "prefix=\"\" content=");
        expected.put("StreamStart", "StreamStart xid=2147484392 firstSegment=true");
        expected.put("StreamStop", "StreamStop");
        expected.put("StreamCommit", "StreamCommit xid=2147484392 flags=0 commitLsn=0/16B3F60 endLsn=1/16B3F98 "
                + "commitTime=2024-03-16T08:05:12.381952Z");
        expected.put("StreamAbort", "StreamAbort xid=2147484392 subxid=2147484393");
        expected.put("StreamAbort parallel", "StreamAbort xid=2147484392 subxid=2147484392 abortLsn=1/16B3F98 "
                + "abortTime=2024-03-16T08:05:12.381952Z");
        expected.put("BeginPrepare", "BeginPrepare prepareLsn=0/16B3F60 endLsn=1/16B3F98 "
                + "prepareTime=2024-03-16T08:05:12.379904Z xid=2147484392 gid=\"gid-1\"");
        expected.put("Prepare", "Prepare flags=0 prepareLsn=0/16B3F60 endLsn=1/16B3F98 "
                + "prepareTime=2024-03-16T08:05:12.379904Z xid=2147484392 gid=\"gid-1\"");
        expected.put("CommitPrepared", "CommitPrepared flags=0 commitLsn=0/16B3F60 endLsn=1/16B3F98 "
                + "commitTime=2024-03-16T08:05:12.381952Z xid=2147484392 gid=\"gid-1\"");
        expected.put("RollbackPrepared", "RollbackPrepared flags=0 prepareEndLsn=0/16B3F60 rollbackEndLsn=1/16B3F98 "
                + "prepareTime=2024-03-16T08:05:12.379904Z rollbackTime=2024-03-16T08:05:12.381952Z "
                + "xid=2147484392 gid=\"g\"");
        expected.put("StreamPrepare", "StreamPrepare flags=0 prepareLsn=0/16B3F60 endLsn=1/16B3F98 "
                + "prepareTime=2024-03-16T08:05:12.379904Z xid=2147484392 gid=\"gid-2\"");

        Map<String, String> actual = new LinkedHashMap<>();
        for (Samples.Sample s : Samples.all()) {
            actual.put(s.name(), s.decoder().decode(s.payload()).describe());
        }
        assertEquals(expected, actual);
    }

    @Test
    void escapesQuotesAndControlCharacters() {
        TupleData t = TupleData.builder().text("it's\n\\").build();
        assertEquals("(t'it\\'s\\x0a\\\\')", t.describe());
        assertEquals("Origin originLsn=0/0 name=\"a\\\"b\\x00\"", new Origin(Lsn.INVALID, "a\"b\0").describe());
    }

    @Test
    void unusualBitsAreShown() {
        assertEquals("Truncate rels=[] options=CASCADE|0x4", new Truncate(5, List.of()).describe());
        assertEquals("LogicalMessage transactional=true flags=3 lsn=0/1 prefix=\"p\" content=ff",
                new LogicalMessage(OptionalInt.empty(), 3, Lsn.of(1), "p", new byte[] {(byte) 0xff}).describe());
        assertEquals("Relation rel=1 \"\".\"t\" identity=FULL columns=[key flags=3 \"c\" type=25 typmod=-1]",
                new Relation(1, "", "t", ReplicaIdentity.FULL, List.of(new RelationColumn(3, "c", 25, -1)))
                        .describe());
        assertEquals("Unknown type='X' (0x58) body=0102", new UnknownMessage('X', new byte[] {1, 2}).describe());
    }
}
