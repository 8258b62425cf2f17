package io.walstream.bench.e2e;

import io.walstream.LogicalReplicationStream;
import io.walstream.ReplicationConfig;
import io.walstream.conn.Connector;
import io.walstream.conn.PgConnection;
import io.walstream.pgoutput.Insert;
import io.walstream.pgoutput.PgOutputDecoder;
import io.walstream.pgoutput.PgOutputMessage;
import io.walstream.pgoutput.RelationCache;
import io.walstream.pgoutput.Row;
import io.walstream.replication.FeedbackPositions;
import io.walstream.replication.LogicalStartOptions;
import io.walstream.replication.WalStream;
import io.walstream.replication.XLogData;
import io.walstream.replication.XLogDataHandler;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.PGProperty;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;

/**
 * The clients the end-to-end benchmark compares. Each consumes the replay stream until it has seen
 * {@code limit} messages or the message at {@code lastWalStart}, then ends the stream cleanly, and returns the
 * messages it consumed. Every client touches what it receives (a checksum), so nothing is optimised away.
 *
 * <p><b>Thread safety:</b> stateless constants; each run is confined to the calling thread (and, for netty,
 * the transport's event loop).
 */
enum ClientMode {

    /** pgjdbc {@code PGReplicationStream.read()}: undecoded payload views, the baseline. */
    PGJDBC("pgjdbc 42.7 PGReplicationStream.read(), no decoding", false) {
        @Override
        long run(Target t, long limit) throws Exception {
            Properties p = new Properties();
            PGProperty.USER.set(p, t.user());
            PGProperty.ASSUME_MIN_SERVER_VERSION.set(p, "9.4");
            PGProperty.REPLICATION.set(p, "database");
            PGProperty.PREFER_QUERY_MODE.set(p, "simple");
            PGProperty.SSL_MODE.set(p, "disable");
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + t.host() + ":" + t.port() + "/" + t.database(), p)) {
                PGReplicationStream s = c.unwrap(PGConnection.class).getReplicationAPI().replicationStream().logical()
                        .withSlotName(t.slot()).withStartPosition(LogSequenceNumber.valueOf(0L))
                        .withSlotOption("proto_version", "1").withSlotOption("publication_names", "bench")
                        .withStatusInterval(10, java.util.concurrent.TimeUnit.SECONDS).start();
                long n = 0;
                long sum = 0;
                while (true) {
                    ByteBuffer b = s.read();
                    n++;
                    sum += b.get(b.position());
                    if (n >= limit || s.getLastReceiveLSN().asLong() == t.lastWalStart()) {
                        break;
                    }
                }
                Sink.consume(sum);
                s.close();
                return n;
            }
        }
    },

    /** A hand-written reader that only parses CopyData and XLogData headers: what the socket allows. */
    PLAIN("plain reader: CopyData + XLogData headers only", false) {
        @Override
        long run(Target t, long limit) throws Exception {
            return PlainCopyReader.run(t, limit);
        }
    },

    /** {@code LogicalReplicationStream.forEach}: every message decoded, rows bound. */
    DECODED("LogicalReplicationStream.forEach (decoded events)", true) {
        @Override
        long run(Target t, long limit) {
            return forEach(t, limit, 0);
        }
    },

    /** {@code forEach} plus every column of every row read as text. */
    TEXT("same, every column read as text", true) {
        @Override
        long run(Target t, long limit) {
            return forEach(t, limit, 1);
        }
    },

    /** {@code forEach} plus every column through its typed accessor. */
    TYPED("same, every column through its typed accessor", true) {
        @Override
        long run(Target t, long limit) {
            return forEach(t, limit, 2);
        }
    },

    /** {@code forEachRaw}: transaction tracking, changes not decoded. */
    RAW("forEachRaw (no decoding)", true) {
        @Override
        long run(Target t, long limit) {
            try (LogicalReplicationStream s = LogicalReplicationStream.open(config(t))) {
                long[] n = {0, 0};
                s.forEachRaw(e -> {
                    n[0]++;
                    n[1] += e.tag();
                    if (n[0] >= limit || e.walStart().value() == t.lastWalStart()) {
                        s.close();
                    }
                });
                Sink.consume(n[1]);
                return n[0];
            }
        }
    },

    /** {@code WalStream.drain}: the zero-allocation batch read path, no decoding. */
    DRAIN("WalStream.drain (no decoding, batch push)", true) {
        @Override
        long run(Target t, long limit) {
            return drain(t, limit, false);
        }
    },

    /**
     * {@code WalStream.drain} + {@code PgOutputDecoder} + {@code RelationCache} binding each row: what
     * {@code forEach} does, without its delivery loop (ack bookkeeping, transaction tracking, event record).
     */
    DRAIN_DECODED("WalStream.drain + PgOutputDecoder + rows bound (no delivery loop)", true) {
        @Override
        long run(Target t, long limit) {
            return drain(t, limit, true);
        }
    },

    /** {@code WalStream.read}: XLogData with a payload view, nothing else. */
    WALSTREAM("WalStream.read (no decoding)", true) {
        @Override
        long run(Target t, long limit) {
            PgConnection conn = connect(t);
            WalStream s = WalStream.startLogical(conn, LogicalStartOptions.of(t.slot(), "bench"), new FeedbackPositions(),
                    Duration.ofSeconds(10));
            long n = 0;
            long sum = 0;
            try {
                while (true) {
                    XLogData x = s.read(Duration.ofSeconds(30));
                    if (x == null) {
                        throw new IllegalStateException("stream ended after " + n + " messages");
                    }
                    n++;
                    sum += x.payload().remaining();
                    if (n >= limit || x.walStart().value() == t.lastWalStart()) {
                        break;
                    }
                }
            } finally {
                s.close();
            }
            Sink.consume(sum);
            return n;
        }
    };

    private final String label;
    private final boolean walstream;

    ClientMode(String label, boolean walstream) {
        this.label = label;
        this.walstream = walstream;
    }

    /** @return the row label of the results table */
    String label() {
        return label;
    }

    /** @return whether the client is walstream (and so runs once per transport) */
    boolean isWalstream() {
        return walstream;
    }

    /**
     * @param t the server
     * @param limit stop after this many messages at most
     * @return messages consumed
     * @throws Exception on any failure
     */
    abstract long run(Target t, long limit) throws Exception;

    private static long drain(Target t, long limit, boolean decode) {
        PgConnection conn = connect(t);
        WalStream s = WalStream.startLogical(conn, LogicalStartOptions.of(t.slot(), "bench"), new FeedbackPositions(),
                Duration.ofSeconds(10));
        PgOutputDecoder decoder = new PgOutputDecoder(1);
        RelationCache relations = new RelationCache();
        long[] n = {0, 0};
        boolean[] done = {false};
        XLogDataHandler h = (walStart, walEnd, sendTime, data, offset, length) -> {
            if (done[0]) {
                return; // the rest of the last batch after the limit
            }
            n[0]++;
            if (decode) {
                PgOutputMessage m = decoder.decode(data, offset, length);
                if (m instanceof Insert i) {
                    Row r = relations.newRow(i);
                    n[1] += r.size();
                } else {
                    relations.accept(m);
                }
            } else {
                n[1] += data[offset];
            }
            if (n[0] >= limit || walStart == t.lastWalStart()) {
                done[0] = true;
            }
        };
        try {
            while (!done[0]) {
                if (s.drain(h, java.util.concurrent.TimeUnit.SECONDS.toNanos(30)) == 0) {
                    throw new IllegalStateException("stream ended after " + n[0] + " messages");
                }
            }
        } finally {
            s.close();
        }
        Sink.consume(n[1]);
        return n[0];
    }

    private static ReplicationConfig config(Target t) {
        ReplicationConfig.Builder b = ReplicationConfig.builder(t.connectionString()).slot(t.slot())
                .publications("bench");
        Duration window = coalescing();
        return (window == null ? b : b.readCoalescing(window)).build();
    }

    private static PgConnection connect(Target t) {
        Duration window = coalescing();
        io.walstream.spi.TransportOptions o = io.walstream.spi.TransportOptions.defaults();
        return Connector.connect(io.walstream.conn.ConnectionConfig.parse(t.connectionString()), window == null ? o
                : o.toBuilder().set(io.walstream.spi.TransportOption.READ_COALESCING, window).build());
    }

    /** The {@code bench.readCoalescingMicros} system property (the runners' {@code coalesce} option), or null. */
    private static Duration coalescing() {
        String micros = System.getProperty("bench.readCoalescingMicros", "");
        return micros.isEmpty() ? null : Duration.ofNanos(Long.parseLong(micros) * 1000);
    }

    private static long forEach(Target t, long limit, int columns) {
        try (LogicalReplicationStream s = LogicalReplicationStream.open(config(t))) {
            long[] n = {0, 0};
            s.forEach(e -> {
                n[0]++;
                Row r = e.newRow();
                if (r != null && columns == 1) {
                    for (int i = 0; i < r.size(); i++) {
                        n[1] += r.get(i).utf8Text().length();
                    }
                } else if (r != null && columns == 2) {
                    n[1] += r.get(0).asLong();
                    n[1] += r.get(1).asInt();
                    n[1] += r.get(2).asString().length();
                    n[1] += r.get(3).asInstant().getNano();
                    n[1] += r.get(4).asBigDecimal().scale();
                }
                if (n[0] >= limit || e.walStart().value() == t.lastWalStart()) {
                    s.close();
                }
            });
            Sink.consume(n[1]);
            return n[0];
        }
    }

    /**
     * Where the replay walsender listens and where its stream ends.
     *
     * @param host the host
     * @param port the port
     * @param lastWalStart walStart of the stream's last message
     */
    record Target(String host, int port, long lastWalStart, String user, String database, String slot) {
        Target(String host, int port, long lastWalStart) {
            this(host, port, lastWalStart, "bench", "bench", "bench");
        }

        /** @return the same server, reading from another slot */
        Target withSlot(String otherSlot) {
            return new Target(host, port, lastWalStart, user, database, otherSlot);
        }

        String connectionString() {
            return "postgresql://" + user + "@" + host + ":" + port + "/" + database
                    + "?sslmode=disable&replication=database";
        }
    }

    /** Keeps checksums observable. */
    static final class Sink {
        static volatile long value;

        private Sink() {
        }

        static void consume(long v) {
            value += v;
        }
    }
}
