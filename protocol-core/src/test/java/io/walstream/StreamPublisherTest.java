package io.walstream;

import static io.walstream.PgWire.begin;
import static io.walstream.PgWire.commit;
import static io.walstream.PgWire.message;
import static io.walstream.PgWire.streamCommit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class StreamPublisherTest {

    private static final long QUIET_MS = 400; // > StreamPublisher.POLL: long enough for a wrong signal to show

    private final Feed feed = new Feed();
    private final FakeEventSource source = new FakeEventSource();

    private FakeEventSource messages(int n) {
        for (int i = 0; i < n; i++) {
            source.add(feed.polled(message(null, false, 0x1000 + i, "m", Integer.toString(i))));
        }
        return source;
    }

    /** Records every signal and the thread it came on. */
    static final class Recorder implements Flow.Subscriber<ReplicationEvent> {
        final List<String> signals = Collections.synchronizedList(new ArrayList<>());
        final Set<Thread> threads = ConcurrentHashMap.newKeySet();
        final Semaphore nexts = new Semaphore(0);
        final CountDownLatch terminal = new CountDownLatch(1);
        volatile Flow.Subscription subscription;
        volatile Throwable error;
        volatile BiConsumer<Recorder, ReplicationEvent> onNextHook = (r, e) -> { };
        volatile long initialRequest;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            signals.add("subscribe");
            subscription = s;
            if (initialRequest != 0) {
                s.request(initialRequest);
            }
        }

        @Override
        public void onNext(ReplicationEvent e) {
            threads.add(Thread.currentThread());
            signals.add("next " + e.describe().split(" ")[0]);
            try {
                onNextHook.accept(this, e);
            } finally {
                nexts.release();
            }
        }

        @Override
        public void onError(Throwable t) {
            threads.add(Thread.currentThread());
            signals.add("error " + t.getClass().getSimpleName());
            error = t;
            terminal.countDown();
        }

        @Override
        public void onComplete() {
            threads.add(Thread.currentThread());
            signals.add("complete");
            terminal.countDown();
        }

        long count(String prefix) {
            synchronized (signals) {
                return signals.stream().filter(s -> s.startsWith(prefix)).count();
            }
        }

        boolean awaitNexts(int n) throws InterruptedException {
            return nexts.tryAcquire(n, 5, TimeUnit.SECONDS);
        }

        boolean awaitTerminal() throws InterruptedException {
            return terminal.await(5, TimeUnit.SECONDS);
        }
    }

    private Recorder subscribe(boolean closeWhenDone) {
        Recorder r = new Recorder();
        new StreamPublisher(source, closeWhenDone).subscribe(r);
        return r;
    }

    @Test
    void withoutDemandNothingIsRead() throws InterruptedException {
        messages(3);
        Recorder r = subscribe(false);
        Thread.sleep(QUIET_MS);
        assertEquals(0, source.polls.get());
        assertEquals(List.of("subscribe"), r.signals);
    }

    @Test
    void requestNDeliversExactlyNThenMoreOnFurtherDemand() throws InterruptedException {
        messages(5);
        Recorder r = subscribe(false);
        r.subscription.request(3);
        assertTrue(r.awaitNexts(3));
        Thread.sleep(QUIET_MS);
        assertEquals(3, r.count("next"));
        assertEquals(3, source.polls.get(), "reads only while there is demand");

        r.subscription.request(2);
        assertTrue(r.awaitNexts(2));
        Thread.sleep(QUIET_MS);
        assertEquals(5, r.count("next"));
        assertEquals(0, r.count("complete") + r.count("error"));
    }

    @Test
    void zeroRequestSignalsIllegalArgument() throws InterruptedException {
        messages(2);
        Recorder r = subscribe(false);
        r.subscription.request(0);
        assertTrue(r.awaitTerminal());
        assertInstanceOf(IllegalArgumentException.class, r.error);
        r.subscription.request(5);
        Thread.sleep(QUIET_MS);
        assertEquals(List.of("subscribe", "error IllegalArgumentException"), r.signals);
        assertEquals(0, source.polls.get());
    }

    @Test
    void negativeRequestSignalsIllegalArgumentEvenWithDemandOutstanding() throws InterruptedException {
        messages(1);
        Recorder r = subscribe(false);
        r.subscription.request(1);
        assertTrue(r.awaitNexts(1));
        r.subscription.request(-7);
        assertTrue(r.awaitTerminal());
        assertInstanceOf(IllegalArgumentException.class, r.error);
        assertEquals(1, r.count("error"));
    }

    @Test
    void cancelStopsReadingAndSignalling() throws InterruptedException {
        messages(1);
        Recorder r = subscribe(false);
        r.subscription.request(Long.MAX_VALUE);
        assertTrue(r.awaitNexts(1));
        r.subscription.cancel();
        r.subscription.cancel(); // idempotent (rule 3.5)
        messages(3).end();
        Thread.sleep(QUIET_MS);
        r.subscription.request(10); // no-op after cancel (rule 3.6)
        Thread.sleep(QUIET_MS);
        assertEquals(List.of("subscribe", "next LogicalMessage"), r.signals);
        assertFalse(source.closed, "cancel closes nothing unless configured");
        Thread reader = r.threads.iterator().next();
        reader.join(2000);
        assertFalse(reader.isAlive());
    }

    @Test
    void cancelClosesTheStreamWhenConfigured() throws InterruptedException {
        Recorder r = subscribe(true);
        r.subscription.cancel();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!source.closed && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(source.closed);
        assertEquals(List.of("subscribe"), r.signals);
    }

    @Test
    void aFailureSignalsOnErrorOnce() throws InterruptedException {
        messages(1).fail(new TransportException("connection lost"));
        Recorder r = subscribe(true);
        r.subscription.request(10);
        assertTrue(r.awaitTerminal());
        Thread.sleep(QUIET_MS);
        assertEquals(List.of("subscribe", "next LogicalMessage", "error TransportException"), r.signals);
        assertEquals("connection lost", r.error.getMessage());
        assertTrue(source.closed);
    }

    @Test
    void theEndSignalsOnComplete() throws InterruptedException {
        messages(2).end();
        Recorder r = subscribe(false);
        r.subscription.request(10);
        assertTrue(r.awaitTerminal());
        Thread.sleep(QUIET_MS);
        assertEquals(List.of("subscribe", "next LogicalMessage", "next LogicalMessage", "complete"), r.signals);
    }

    @Test
    void anEndedStreamCompletesWithoutDemand() throws InterruptedException {
        source.finished = true;
        Recorder r = subscribe(false);
        assertTrue(r.awaitTerminal());
        assertEquals(List.of("subscribe", "complete"), r.signals);
        assertEquals(0, source.polls.get());
    }

    @Test
    void aSecondSubscriberIsRejected() throws InterruptedException {
        StreamPublisher publisher = new StreamPublisher(source, false);
        Recorder first = new Recorder();
        publisher.subscribe(first);
        Recorder second = new Recorder();
        publisher.subscribe(second);
        assertEquals(List.of("subscribe", "error IllegalStateException"), second.signals);
        second.subscription.request(1); // the rejected subscription ignores requests
        messages(1);
        first.subscription.request(1);
        assertTrue(first.awaitNexts(1));
    }

    @Test
    void aNullSubscriberIsRejected() {
        assertThrows(NullPointerException.class, () -> new StreamPublisher(source, false).subscribe(null));
    }

    @Test
    void acknowledgesAfterOnNextReturns() throws InterruptedException {
        source.add(feed.polled(begin(0x5000, 1, 7))).add(feed.polled(commit(0x5000, 0x5010, 2)));
        Recorder r = subscribe(false);
        r.onNextHook = (rec, e) -> source.log.add("handled " + e.message().tag());
        r.subscription.request(2);
        assertTrue(r.awaitNexts(2));
        Thread.sleep(50);
        assertEquals(List.of("poll", "handled B", "ack", "poll", "handled C", "ack"), source.log);
    }

    @Test
    void anOnNextThatThrowsCancelsWithoutAcknowledging() throws InterruptedException {
        messages(3);
        Recorder r = subscribe(false);
        r.onNextHook = (rec, e) -> {
            throw new IllegalStateException("subscriber bug");
        };
        r.subscription.request(3);
        assertTrue(r.awaitNexts(1));
        Thread.sleep(QUIET_MS);
        assertEquals(List.of("subscribe", "next LogicalMessage"), r.signals);
        assertEquals(0, source.acks.get());
    }

    @Test
    void requestFromWithinOnNextIsHonoured() throws InterruptedException {
        messages(5).end();
        Recorder r = new Recorder();
        r.initialRequest = 1;
        r.onNextHook = (rec, e) -> rec.subscription.request(1);
        new StreamPublisher(source, false).subscribe(r);
        assertTrue(r.awaitTerminal());
        assertEquals(5, r.count("next"));
        assertEquals("complete", r.signals.get(r.signals.size() - 1));
    }

    @Test
    void signalsComeSeriallyFromOneNamedDaemonThread() throws InterruptedException {
        messages(20).end();
        Recorder r = subscribe(false);
        r.subscription.request(Long.MAX_VALUE);
        r.subscription.request(Long.MAX_VALUE); // demand saturates instead of overflowing (rule 3.17)
        assertTrue(r.awaitTerminal());
        assertEquals(20, r.count("next"));
        assertEquals(1, r.threads.size());
        Thread t = r.threads.iterator().next();
        assertTrue(t.isDaemon());
        assertTrue(t.getName().startsWith("walstream-publisher-"), t.getName());
    }

    @Test
    void duplicatesAreNotDelivered() throws InterruptedException {
        source.add(feed.duplicate(streamCommit(9, 0x7000, 0x7010, 1)));
        messages(1).end();
        Recorder r = subscribe(false);
        r.subscription.request(5);
        assertTrue(r.awaitTerminal());
        assertEquals(List.of("subscribe", "next LogicalMessage", "complete"),
                r.signals.stream().collect(Collectors.toList()));
    }
}
