package io.walstream.cli;

import io.walstream.LogicalReplicationStream;
import io.walstream.Lsn;
import io.walstream.RawEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * {@code --format raw}: each pgoutput message undecoded, one line {@code <wal_start> <wal_end> <tag> <hex payload>}.
 * A stop request is honoured outside transactions: no Begin without its Commit (or Prepare) and no streamed
 * transaction without its Stream Commit, Stream Prepare or top-level Stream Abort, so a later run neither repeats
 * nor misses a line; commit-like messages are acknowledged once their line is flushed or fsynced, as in
 * {@link StreamLoop}.
 *
 * <p><b>Thread safety:</b> runs on one thread.
 */
final class RawStreamLoop {
    private static final Duration POLL = Duration.ofMillis(200);
    private static final HexFormat HEX = HexFormat.of();
    private static final Instant PG_EPOCH = Instant.parse("2000-01-01T00:00:00Z");

    private final LogicalReplicationStream stream;
    private final OutputTarget target;
    private final StopSignal stop;
    private final boolean acknowledge;
    private final Duration fsyncInterval;
    private final Counters counters;
    private long lastSyncNanos = System.nanoTime();

    RawStreamLoop(LogicalReplicationStream stream, OutputTarget target, StopSignal stop, boolean acknowledge,
                  Duration fsyncInterval, Counters counters) {
        this.stream = stream;
        this.target = target;
        this.stop = stop;
        this.acknowledge = acknowledge;
        this.fsyncInterval = fsyncInterval;
        this.counters = counters;
    }

    void run() {
        OutputStream out = target.stream();
        boolean inTransaction = false;
        Set<Integer> openStreams = new HashSet<>();
        try {
            while (!stream.isEnded() && !(stop.requested() && !inTransaction && openStreams.isEmpty())) {
                RawEvent e = stream.nextRaw(POLL);
                if (e == null) {
                    if (!inTransaction && openStreams.isEmpty()) {
                        counters.idle();
                    }
                    sync(false);
                    continue;
                }
                String line = e.walStart() + " " + e.walEnd() + " " + e.tag() + " " + HEX.formatHex(e.payloadBytes())
                        + "\n";
                out.write(line.getBytes(StandardCharsets.US_ASCII));
                ByteBuffer payload = e.payload();
                switch (e.tag()) {
                    case 'B', 'b' -> inTransaction = true;
                    case 'S' -> openStreams.add(payload.getInt(payload.position() + 1));
                    case 'c' -> openStreams.remove(payload.getInt(payload.position() + 1));
                    // Stream Prepare: tag, flags, prepare_lsn, end_lsn, prepare_time, then the xid
                    case 'p' -> openStreams.remove(payload.getInt(payload.position() + 1 + 1 + 8 + 8 + 8));
                    case 'A' -> {
                        int xid = payload.getInt(payload.position() + 1);
                        if (xid == payload.getInt(payload.position() + 5)) {
                            openStreams.remove(xid); // a top-level abort; else a subtransaction's
                        }
                    }
                    case 'I', 'U', 'D', 'T', 'M' -> counters.wrote(1, null, null);
                    default -> { }
                }
                if (e.isCommitLike()) {
                    inTransaction = false;
                    target.flush(); // before counting it written: a broken pipe here leaves it unacknowledged
                    counters.wrote(0, e.ackLsn(), commitTime(e.tag(), payload));
                    if (target.isFile()) {
                        sync(fsyncInterval.isZero());
                    } else {
                        ack(e.ackLsn());
                    }
                }
            }
            target.sync();
            ack(counters.lastWrittenEnd);
        } catch (IOException | RuntimeException e) {
            if (!target.readerGone()) {
                throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
            }
            // the reader of stdout is gone (EPIPE): stop quietly; only transactions flushed whole count
            if (!target.isFile()) {
                ack(counters.lastWrittenEnd);
            }
        } finally {
            stream.close();
        }
    }

    /**
     * The time of a commit-like message, µs since 2000-01-01: Commit, Prepare, Commit Prepared and Stream Prepare
     * carry it after tag, flags and two LSNs; Stream Commit after tag, xid, flags and two LSNs; Rollback Prepared
     * after tag, flags, two LSNs and the prepare time.
     */
    static Instant commitTime(char tag, ByteBuffer payload) {
        int at = switch (tag) {
            case 'C', 'P', 'K', 'p' -> 1 + 1 + 8 + 8;
            case 'c' -> 1 + 4 + 1 + 8 + 8;
            case 'r' -> 1 + 1 + 8 + 8 + 8;
            default -> -1;
        };
        if (at < 0 || payload.remaining() < at + 8) {
            return null;
        }
        long micros = payload.getLong(payload.position() + at);
        return PG_EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    private void sync(boolean now) {
        target.flush();
        if (target.isFile() && (now || System.nanoTime() - lastSyncNanos >= fsyncInterval.toNanos())) {
            target.sync();
            lastSyncNanos = System.nanoTime();
            ack(counters.lastWrittenEnd);
        }
    }

    private void ack(Lsn lsn) {
        if (acknowledge && lsn.isValid()) {
            stream.acknowledge(lsn);
            counters.lastAcknowledged = lsn;
        }
    }
}
