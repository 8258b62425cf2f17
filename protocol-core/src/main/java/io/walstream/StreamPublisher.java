package io.walstream;

import io.walstream.EventSource.Polled;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Flow.Publisher} behind {@link LogicalReplicationStream#publisher(boolean)}: one subscriber, one
 * daemon reader thread that polls the source only while there is outstanding demand, and delivers every signal
 * itself, so signals are serial. See the method's documentation for the contract.
 *
 * <p><b>Thread safety:</b> thread-safe; {@code request} and {@code cancel} may be called from any thread,
 * including from within {@code onNext}.
 */
final class StreamPublisher implements Flow.Publisher<ReplicationEvent> {

    private static final Logger log = LoggerFactory.getLogger(StreamPublisher.class);
    private static final AtomicInteger THREADS = new AtomicInteger();
    /** How long one poll may block, which bounds how late a cancel or an invalid request is noticed. */
    static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final EventSource source;
    private final boolean closeWhenDone;

    StreamPublisher(EventSource source, boolean closeWhenDone) {
        this.source = Objects.requireNonNull(source, "source");
        this.closeWhenDone = closeWhenDone;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ReplicationEvent> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber"); // rule 1.9
        try {
            source.claim();
        } catch (IllegalStateException e) {
            subscriber.onSubscribe(Rejected.INSTANCE);
            subscriber.onError(e);
            return;
        }
        new Subscription(subscriber).start();
    }

    /** The subscription given to a rejected subscriber: it ignores everything. */
    private enum Rejected implements Flow.Subscription {
        INSTANCE;

        @Override
        public void request(long n) {
        }

        @Override
        public void cancel() {
        }
    }

    private final class Subscription implements Flow.Subscription, Runnable {
        private volatile Flow.Subscriber<? super ReplicationEvent> subscriber;
        private final AtomicLong demand = new AtomicLong();
        private final Thread thread;
        private volatile boolean cancelled;
        private volatile IllegalArgumentException invalidRequest;

        Subscription(Flow.Subscriber<? super ReplicationEvent> subscriber) {
            this.subscriber = subscriber;
            this.thread = new Thread(this, "walstream-publisher-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
        }

        void start() {
            try {
                subscriber.onSubscribe(this);
            } catch (RuntimeException e) { // rule 2.13: treat as cancelled
                log.warn("Subscriber.onSubscribe threw; cancelling the subscription", e);
                cancelled = true;
            }
            thread.start();
        }

        @Override
        public void request(long n) {
            if (cancelled) {
                return; // rule 3.6
            }
            if (n <= 0) {
                if (invalidRequest == null) {
                    invalidRequest = new IllegalArgumentException("Subscription.request(" + n
                            + "): the demand must be positive (Reactive Streams rule 3.9)");
                }
            } else {
                demand.accumulateAndGet(n, (current, add) -> {
                    long sum = current + add;
                    return sum < 0 ? Long.MAX_VALUE : sum; // rule 3.17: effectively unbounded
                });
            }
            LockSupport.unpark(thread);
        }

        @Override
        public void cancel() {
            cancelled = true;
            LockSupport.unpark(thread);
        }

        @Override
        public void run() {
            Throwable failure = null;
            boolean complete = false;
            source.enterDelivery();
            try {
                while (!cancelled) {
                    if (invalidRequest != null) {
                        failure = invalidRequest;
                        break;
                    }
                    if (demand.get() == 0) {
                        if (source.isFinished()) {
                            complete = true;
                            break;
                        }
                        LockSupport.parkNanos(this, PARK_NANOS);
                        continue;
                    }
                    Polled p = source.poll(POLL_NANOS);
                    if (cancelled) {
                        break;
                    }
                    if (invalidRequest != null) {
                        failure = invalidRequest;
                        break;
                    }
                    if (p == null) {
                        if (source.isFinished()) {
                            complete = true;
                            break;
                        }
                        continue;
                    }
                    if (p.duplicate() || p.event() == null) {
                        continue;
                    }
                    if (demand.get() != Long.MAX_VALUE) {
                        demand.decrementAndGet();
                    }
                    boolean handled = false;
                    try {
                        subscriber.onNext(p.event());
                        handled = true;
                    } catch (RuntimeException e) { // rule 2.13
                        log.warn("Subscriber.onNext threw; cancelling the subscription, the event is not "
                                + "acknowledged", e);
                        cancelled = true;
                        break;
                    } finally {
                        source.afterHandler(handled); // acknowledge, then a close() requested by onNext
                    }
                }
            } catch (RuntimeException e) {
                failure = e;
            } catch (Error e) {
                failure = e;
                throw e;
            } finally {
                try {
                    source.exitDelivery();
                } finally {
                    finish(failure, complete);
                }
            }
        }

        private void finish(Throwable failure, boolean complete) {
            Flow.Subscriber<? super ReplicationEvent> s = subscriber;
            subscriber = null; // rule 3.13
            boolean signal = !cancelled;
            cancelled = true;
            try {
                if (signal && failure != null) {
                    s.onError(failure);
                } else if (signal && complete) {
                    s.onComplete();
                }
            } catch (RuntimeException e) {
                log.warn("Subscriber threw from its terminal signal", e);
            } finally {
                if (closeWhenDone) {
                    try {
                        source.close();
                    } catch (RuntimeException e) {
                        log.debug("Closing the stream after the subscription ended failed: {}", e.toString());
                    }
                }
            }
        }
    }
}
