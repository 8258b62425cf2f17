package io.walstream.testkit.walsender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.LogicalReplicationStream;
import io.walstream.ReplicationEvent;
import io.walstream.pgoutput.Commit;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Defect 2: closing from inside a handler works the same in every consuming API: the transaction the handler just
 * finished is acknowledged, then the stream closes, so the final status update reports it and it is not delivered
 * again after a restart.
 */
class CloseFromHandlerTest {

    private static FakeWalSender serverWithTwoTransactions() throws Exception {
        FakeWalSender server = FakeWalSender.start();
        WalSenderScript s = WalSenderScript.create();
        Scripts.tx(s, 1);
        Scripts.tx(s, 2);
        server.enqueue(s.idle(Duration.ofMillis(50)));
        return server;
    }

    private static void assertFinalUpdateReportsSecondCommit(FakeWalSender server) {
        server.await(Streams.T);
        assertEquals(Scripts.end(2), server.lastStatusUpdate().flushed(), "the final status update");
    }

    private static boolean isSecondCommit(ReplicationEvent e) {
        return e.message() instanceof Commit c && c.endLsn().equals(Scripts.end(2));
    }

    @Test
    void forEach() throws Exception {
        try (FakeWalSender server = serverWithTwoTransactions()) {
            try (LogicalReplicationStream stream = LogicalReplicationStream.open(Streams.config(server).build())) {
                stream.forEach(e -> {
                    if (isSecondCommit(e)) {
                        stream.close();
                    }
                });
            }
            assertFinalUpdateReportsSecondCommit(server);
        }
    }

    @Test
    void forEachRaw() throws Exception {
        try (FakeWalSender server = serverWithTwoTransactions()) {
            try (LogicalReplicationStream stream = LogicalReplicationStream.open(Streams.config(server).build())) {
                stream.forEachRaw(e -> {
                    if (e.tag() == 'C' && Scripts.end(2).equals(e.ackLsn())) {
                        stream.close();
                    }
                });
            }
            assertFinalUpdateReportsSecondCommit(server);
        }
    }

    @Test
    void forEachTransaction() throws Exception {
        try (FakeWalSender server = serverWithTwoTransactions()) {
            try (LogicalReplicationStream stream = LogicalReplicationStream.open(Streams.config(server).build())) {
                stream.forEachTransaction(t -> {
                    if (Scripts.end(2).equals(t.endLsn())) {
                        stream.close();
                    }
                });
            }
            assertFinalUpdateReportsSecondCommit(server);
        }
    }

    @Test
    void publisher() throws Exception {
        try (FakeWalSender server = serverWithTwoTransactions()) {
            CountDownLatch done = new CountDownLatch(1);
            try (LogicalReplicationStream stream = LogicalReplicationStream.open(Streams.config(server).build())) {
                stream.publisher().subscribe(subscriber(e -> {
                    if (isSecondCommit(e)) {
                        stream.close();
                    }
                }, done));
                assertTrue(done.await(10, TimeUnit.SECONDS), "onComplete after close");
            }
            assertFinalUpdateReportsSecondCommit(server);
        }
    }

    private static Flow.Subscriber<ReplicationEvent> subscriber(Consumer<ReplicationEvent> onNext,
                                                                CountDownLatch done) {
        return new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ReplicationEvent item) {
                onNext.accept(item);
            }

            @Override
            public void onError(Throwable throwable) {
                done.countDown();
            }

            @Override
            public void onComplete() {
                done.countDown();
            }
        };
    }
}
