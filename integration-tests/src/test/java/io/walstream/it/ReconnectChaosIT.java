package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.FlushMode;
import io.walstream.LogicalReplicationStream;
import io.walstream.Lsn;
import io.walstream.ReconnectPolicy;
import io.walstream.conn.PgConnection;
import io.walstream.conn.ResultSet;
import io.walstream.pgoutput.Begin;
import io.walstream.pgoutput.Commit;
import io.walstream.pgoutput.Insert;
import io.walstream.testkit.postgres.PostgresConfig;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import io.walstream.testkit.postgres.PostgresVersion;
import io.walstream.testkit.postgres.StopMode;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once delivery of committed transactions through disruptions: while a writer commits thousands of
 * one-row transactions, every walsender is terminated five times and the server is restarted in immediate mode
 * once. Every committed transaction (the table's content at the end) must reach the handler exactly once —
 * counted at its Commit, so a partial transaction cut off by a disconnect and resent from its Begin is not a
 * duplicate — and nothing else; every disruption costs a reconnect.
 *
 * <p>Two streams run through the same disruptions: one with {@link FlushMode#ON_COMMIT} (its acknowledgements
 * are always current, so the server itself skips what was delivered), and one with {@link FlushMode#MANUAL}
 * acknowledging 200 commits behind, so that every reconnect makes the server resend transactions the stream
 * already delivered — which the stream must not deliver again. One transport per version, alternating (the
 * scenario restarts the whole server). On 16 (nio) and 17 (netty) the server accepts only TLS and the streams run
 * with {@code sslmode=verify-full} ({@link TlsLive#streamsOverTls}): every reconnect is a new TLS handshake, and
 * each disrupted walsender is checked to be encrypted.
 */
@PostgresTest
class ReconnectChaosIT {

    private static final int TRANSACTIONS = 3000;
    private static final int TERMINATIONS = 5;
    private static final int ACK_LAG = 200;

    static PostgresConfig postgresConfig(PostgresVersion version) {
        return TlsLive.tlsOnlyIfStreamingOverTls(PostgresConfig.defaults(), version);
    }

    /** One stream and what its handler saw. */
    private static final class Consumer {
        final String slot;
        final LogicalReplicationStream stream;
        final Set<Integer> delivered = ConcurrentHashMap.newKeySet();
        final List<Integer> duplicates = new ArrayList<>();
        final AtomicInteger partialTransactions = new AtomicInteger();
        final AtomicInteger commits = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final boolean lagging;
        private final ArrayDeque<Lsn> unacknowledged = new ArrayDeque<>();
        private final List<Integer> open = new ArrayList<>();
        private boolean inTx;

        Consumer(String slot, LogicalReplicationStream stream, boolean lagging) {
            this.slot = slot;
            this.stream = stream;
            this.lagging = lagging;
        }

        void run() {
            try {
                stream.forEach(e -> {
                    if (e.message() instanceof Begin) {
                        if (inTx) {
                            partialTransactions.incrementAndGet(); // cut off by a disconnect: discard
                        }
                        open.clear();
                        inTx = true;
                    } else if (e.message() instanceof Insert) {
                        open.add(e.newRow().get("seq").asInt());
                    } else if (e.message() instanceof Commit c) {
                        inTx = false;
                        if (!open.isEmpty()) {
                            commits.incrementAndGet();
                        }
                        for (int seq : open) {
                            if (!delivered.add(seq)) {
                                synchronized (duplicates) {
                                    duplicates.add(seq);
                                }
                            }
                        }
                        open.clear();
                        if (lagging) {
                            unacknowledged.add(c.endLsn());
                            if (unacknowledged.size() > ACK_LAG) {
                                stream.acknowledge(unacknowledged.poll());
                            }
                        }
                    }
                });
            } catch (Throwable t) {
                failure.set(t);
            }
        }

        String describe() {
            return slot + " (" + (lagging ? "MANUAL, acknowledging " + ACK_LAG + " behind" : "ON_COMMIT") + ")";
        }
    }

    @Test
    void everyCommittedTransactionArrivesExactlyOnceThroughKillsAndAnImmediateRestart(PostgresServer server)
            throws Exception {
        String transport = LiveStreams.alternatingTransport(server.version());
        Random random = new Random(Long.getLong("walstream.testkit.seed", System.nanoTime()));
        List<String> slots = List.of("chaos_on_commit", "chaos_lagging");
        try (PgConnection setup = Live.sql(server, transport)) {
            setup.query("CREATE TABLE chaos (seq int PRIMARY KEY)");
            setup.query("CREATE PUBLICATION chaos_pub FOR TABLE chaos");
            slots.forEach(s -> LiveStreams.createSlot(setup, s));
        }
        ReconnectPolicy policy = new ReconnectPolicy(Duration.ofMillis(50), Duration.ofMillis(500), 10_000,
                Duration.ofMinutes(2));
        String ssl = TlsLive.streamingSsl(server.version());
        List<Consumer> consumers = new ArrayList<>();
        consumers.add(new Consumer(slots.get(0), LogicalReplicationStream.open(LiveStreams.configWith(server, ssl,
                transport, slots.get(0), "chaos_pub").flushMode(FlushMode.ON_COMMIT).reconnect(policy).build()),
                false));
        consumers.add(new Consumer(slots.get(1), LogicalReplicationStream.open(LiveStreams.configWith(server, ssl,
                transport, slots.get(1), "chaos_pub").flushMode(FlushMode.MANUAL).reconnect(policy).build()), true));

        AtomicInteger writerProgress = new AtomicInteger();
        AtomicInteger writerFailures = new AtomicInteger();
        AtomicBoolean killerDone = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        int disruptions = 0;
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Consumer c : consumers) {
                running.add(pool.submit(c::run));
            }
            Future<?> writer = pool.submit(() -> {
                PgConnection w = null;
                // At least TRANSACTIONS, and on until the killer is done, so every disruption hits a busy stream.
                for (int seq = 1; seq <= TRANSACTIONS || !killerDone.get(); seq++) {
                    try {
                        if (w == null) {
                            w = connectRetrying(server, transport);
                        }
                        w.query("INSERT INTO chaos VALUES (" + seq + ")");
                    } catch (RuntimeException e) {
                        // The commit may or may not have happened: the table decides at the end.
                        writerFailures.incrementAndGet();
                        if (w != null) {
                            w.close();
                        }
                        w = null;
                    }
                    writerProgress.set(seq);
                }
                if (w != null) {
                    w.close();
                }
                return null;
            });

            // The killer: five rounds of terminating every walsender, and one immediate restart in between.
            Set<String> killed = new HashSet<>();
            int restartAfter = 1 + random.nextInt(TERMINATIONS - 1);
            for (int round = 0; round < TERMINATIONS; round++) {
                assertTrue(LiveStreams.await(() -> writerProgress.get() >= TRANSACTIONS / 10, Duration.ofSeconds(60)));
                Set<String> fresh = awaitFreshWalsenders(server, transport, killed, consumers);
                Thread.sleep(100 + random.nextInt(400));
                try (PgConnection k = Live.sql(server, transport)) {
                    TlsLive.assertWalsendersEncryptedAsExpected(server, k, fresh);
                    ResultSet r = k.query("SELECT pid, pg_terminate_backend(pid) FROM pg_stat_replication WHERE pid IN ("
                            + String.join(",", fresh) + ")");
                    assertEquals(consumers.size(), r.rowCount(), "one walsender per stream");
                    for (int i = 0; i < r.rowCount(); i++) {
                        assertEquals("t", r.getString(i, 1));
                        killed.add(r.getString(i, 0));
                    }
                    disruptions++;
                }
                if (round == restartAfter) {
                    killed.addAll(awaitFreshWalsenders(server, transport, killed, consumers));
                    Thread.sleep(random.nextInt(300));
                    server.stop(StopMode.IMMEDIATE);
                    Thread.sleep(200);
                    server.start();
                    disruptions++;
                }
            }
            killerDone.set(true);
            writer.get(120, TimeUnit.SECONDS);

            Set<Integer> committed = new TreeSet<>();
            try (PgConnection check = connectRetrying(server, transport)) {
                ResultSet r = check.query("SELECT seq FROM chaos");
                for (int i = 0; i < r.rowCount(); i++) {
                    committed.add(Integer.parseInt(r.getString(i, 0)));
                }
            }
            assertTrue(committed.size() > TRANSACTIONS / 2, "most transactions committed: " + committed.size());
            for (Consumer c : consumers) {
                LiveStreams.await(() -> c.delivered.size() >= committed.size() || c.failure.get() != null,
                        Duration.ofSeconds(60));
            }
            Thread.sleep(300); // anything redelivered late would show up as a duplicate
            awaitFreshWalsenders(server, transport, killed, consumers);
            for (int i = 0; i < consumers.size(); i++) {
                consumers.get(i).stream.close();
                running.get(i).get(10, TimeUnit.SECONDS);
            }

            for (Consumer c : consumers) {
                String who = c.describe() + ": ";
                assertNull(c.failure.get(), () -> who + "the stream gave up: " + c.failure.get());
                assertEquals(List.of(), c.duplicates, who + "transactions delivered twice");
                Set<Integer> missing = new TreeSet<>(committed);
                missing.removeAll(c.delivered);
                Set<Integer> phantom = new TreeSet<>(c.delivered);
                phantom.removeAll(committed);
                assertEquals(Set.of(), missing, who + "committed but never delivered");
                assertEquals(Set.of(), phantom, who + "delivered but not committed");
                assertEquals(committed.size(), c.commits.get(), who + "one Commit per committed transaction");
                long reconnects = c.stream.metrics().reconnects();
                assertTrue(reconnects >= disruptions, who + "reconnects " + reconnects + " >= disruptions "
                        + disruptions);
                System.out.printf("ReconnectChaosIT[PG %d, %s] %s: %d committed, %d writer failures, "
                        + "%d disruptions, %d reconnects, %d partial transactions resent%n",
                        server.version().major(), transport + (ssl.isEmpty() ? "" : " over TLS"), c.describe(),
                        committed.size(), writerFailures.get(), disruptions, reconnects, c.partialTransactions.get());
            }
        } finally {
            killerDone.set(true);
            consumers.forEach(c -> c.stream.close());
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
            for (String slot : slots) {
                LiveStreams.await(() -> {
                    LiveStreams.dropSlotQuietly(server, slot);
                    try (PgConnection sql = Live.sql(server, transport)) {
                        return !Slots.exists(sql, slot);
                    } catch (RuntimeException e) {
                        return false;
                    }
                }, Duration.ofSeconds(10));
            }
        }
    }

    /** Waits until every stream is served by a walsender that has not been disrupted yet; returns their pids. */
    private static Set<String> awaitFreshWalsenders(PostgresServer server, String transport, Set<String> killed,
                                                    List<Consumer> consumers) {
        Set<String> found = new HashSet<>();
        boolean ok = LiveStreams.await(() -> {
            for (Consumer c : consumers) {
                if (c.failure.get() != null) {
                    throw new AssertionError(c.describe() + " failed", c.failure.get());
                }
            }
            found.clear();
            try (PgConnection k = Live.sql(server, transport)) {
                ResultSet r = k.query("SELECT pid FROM pg_stat_replication");
                for (int i = 0; i < r.rowCount(); i++) {
                    if (!killed.contains(r.getString(i, 0))) {
                        found.add(r.getString(i, 0));
                    }
                }
                return found.size() >= consumers.size();
            } catch (RuntimeException e) {
                return false; // server restarting
            }
        }, Duration.ofSeconds(60));
        assertTrue(ok, "every stream reconnected");
        return found;
    }

    private static PgConnection connectRetrying(PostgresServer server, String transport) {
        RuntimeException last = null;
        for (int i = 0; i < 200; i++) {
            try {
                return Live.sql(server, transport);
            } catch (RuntimeException e) {
                last = e;
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
        throw last;
    }
}
