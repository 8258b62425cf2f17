package io.walstream;

import io.walstream.EventSource.Polled;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** An {@link EventSource} fed by the test: polled items, failures and the end, in order. */
final class FakeEventSource implements EventSource {
    private static final Object END = new Object();
    private static final Object RECONNECT = new Object();

    private final LinkedBlockingQueue<Object> items = new LinkedBlockingQueue<>();
    private final AtomicBoolean claimed = new AtomicBoolean();
    final AtomicInteger polls = new AtomicInteger();
    final AtomicInteger acks = new AtomicInteger();
    /** What happened, in order: "poll", "ack", plus whatever the test adds. */
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    volatile boolean finished;
    volatile boolean closed;
    volatile long session = 1;

    FakeEventSource add(Polled p) {
        items.add(p);
        return this;
    }

    FakeEventSource fail(RuntimeException e) {
        items.add(e);
        return this;
    }

    /** The next poll sees a new session, as after a reconnect. */
    FakeEventSource reconnect() {
        items.add(RECONNECT);
        return this;
    }

    FakeEventSource end() {
        items.add(END);
        return this;
    }

    @Override
    public void claim() {
        if (!claimed.compareAndSet(false, true)) {
            throw new IllegalStateException("already claimed");
        }
    }

    @Override
    public Polled poll(long timeoutNanos) {
        if (finished || closed) {
            return null;
        }
        polls.incrementAndGet();
        log.add("poll");
        Object o;
        try {
            o = items.poll(timeoutNanos, TimeUnit.NANOSECONDS);
            while (o == RECONNECT) {
                session++;
                o = items.poll(timeoutNanos, TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        if (o == END) {
            finished = true;
            return null;
        }
        if (o instanceof RuntimeException e) {
            throw e;
        }
        return (Polled) o;
    }

    @Override
    public void acknowledgeDelivered() {
        acks.incrementAndGet();
        log.add("ack");
    }

    @Override
    public boolean isFinished() {
        return finished || closed;
    }

    @Override
    public long session() {
        return session;
    }

    @Override
    public void close() {
        closed = true;
    }
}
