package io.walstream.testkit.walsender;

import io.walstream.FlushMode;
import io.walstream.LogicalReplicationStream;
import io.walstream.ReconnectPolicy;
import io.walstream.ReplicationConfig;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/** Stream configurations and background consumers for the fake-walsender tests. */
final class Streams {

    static final Duration T = Duration.ofSeconds(10);

    private Streams() {
    }

    /** Fast reconnects: 10..50 ms, 20 attempts. */
    static ReconnectPolicy fast() {
        return new ReconnectPolicy(Duration.ofMillis(10), Duration.ofMillis(50), 20, Duration.ofSeconds(30));
    }

    static ReplicationConfig.Builder config(FakeWalSender server) {
        return ReplicationConfig.builder(server.connectionString()).slot("s").publications("p")
                .reconnect(fast());
    }

    static ReplicationConfig.Builder config(FakeWalSender server, FlushMode mode) {
        return config(server).flushMode(mode);
    }

    /** Pulls with next() on a daemon thread until the stream is closed or ended; the first failure is kept. */
    static Thread pullInBackground(LogicalReplicationStream stream, AtomicReference<Throwable> failure) {
        Thread t = new Thread(() -> {
            try {
                while (!stream.isEnded() && !stream.isClosed() && !Thread.currentThread().isInterrupted()) {
                    stream.next(Duration.ofMillis(100));
                }
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            }
        }, "test-consumer");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
