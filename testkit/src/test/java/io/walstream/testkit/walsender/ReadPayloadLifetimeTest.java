package io.walstream.testkit.walsender;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.Lsn;
import io.walstream.conn.Connector;
import io.walstream.conn.PgConnection;
import io.walstream.pgoutput.Insert;
import io.walstream.pgoutput.PgOutputMessage;
import io.walstream.pgoutput.TupleData;
import io.walstream.replication.FeedbackPositions;
import io.walstream.replication.LogicalStartOptions;
import io.walstream.replication.WalStream;
import io.walstream.replication.XLogData;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link WalStream#read}'s promise: an XLogData's payload stays valid and unchanged after later reads — small
 * payloads (copied out of the read buffer, which is then reused for the next reads) and large ones (kept in
 * their read buffer) alike, across many read-buffer refills.
 */
class ReadPayloadLifetimeTest {

    private static final Duration T = Duration.ofSeconds(10);
    private static final int MESSAGES = 3000;

    @Test
    void everyPayloadReadStaysValidAfterLaterReads() throws Exception {
        try (FakeWalSender server = FakeWalSender.start()) {
            WalSenderScript script = WalSenderScript.create();
            for (int i = 0; i < MESSAGES; i++) {
                // Every 500th message is larger than the copy limit (8 KiB) and than a 64 KiB read chunk's share.
                String text = i % 500 == 7 ? "x".repeat(20_000 + i) : "row " + i;
                PgOutputMessage m = new Insert(java.util.OptionalInt.empty(), Scripts.OID,
                        TupleData.builder().text(text).build());
                script.xlog(Lsn.of(0x3000000L + i), m);
            }
            server.enqueue(script);
            try (PgConnection conn = Connector.connect(server.connectionString())) {
                WalStream stream = WalStream.startLogical(conn, LogicalStartOptions.of("s", "p"),
                        new FeedbackPositions(), Duration.ofSeconds(10));
                List<XLogData> kept = new ArrayList<>();
                List<byte[]> copies = new ArrayList<>();
                List<ByteBuffer> views = new ArrayList<>();
                int large = 0;
                try {
                    for (int i = 0; i < MESSAGES; i++) {
                        XLogData x = stream.read(T);
                        assertNotNull(x, "message " + i);
                        assertEquals(0x3000000L + i, x.walStartLong());
                        kept.add(x);
                        copies.add(x.copyPayload());
                        if (i % 2 == 0) {
                            views.add(x.payload()); // a view taken early, checked after every later read
                        }
                        large += x.payloadLength() > 8192 ? 1 : 0;
                    }
                } finally {
                    stream.close();
                }
                assertEquals(6, large, "the large payloads were read");
                for (int i = 0; i < MESSAGES; i++) {
                    XLogData x = kept.get(i);
                    assertArrayEquals(copies.get(i), x.copyPayload(), "payload " + i + " after later reads");
                    ByteBuffer p = x.payload();
                    assertTrue(p.isReadOnly());
                    assertEquals(copies.get(i).length, p.remaining());
                    assertEquals('I', p.get(0));
                    byte[] fromView = new byte[p.remaining()];
                    p.duplicate().get(fromView);
                    assertArrayEquals(copies.get(i), fromView, "payload view " + i);
                }
                for (int i = 0; i < views.size(); i++) {
                    byte[] fromView = new byte[views.get(i).remaining()];
                    views.get(i).duplicate().get(fromView);
                    assertArrayEquals(copies.get(2 * i), fromView, "early view " + (2 * i));
                }
            }
        }
    }
}
