package io.walstream.cli;

import io.walstream.FlushMode;
import io.walstream.LogicalReplicationStream;
import io.walstream.Lsn;
import io.walstream.ReplicationConfig;
import io.walstream.conn.ConnectionConfig;
import io.walstream.conn.Connector;
import io.walstream.conn.Environment;
import io.walstream.conn.PgConnection;
import io.walstream.replication.StreamingMode;
import io.walstream.testkit.postgres.PostgresConfig;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresVersion;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code walstream demo}: a throw-away PostgreSQL from the embedded binaries, a schema, a publication, a slot,
 * a live workload, and the stream of its changes as they arrive; then a summary, and the server and its files
 * are removed.
 *
 * <p><b>Thread safety:</b> used by picocli on the main thread; the workload and progress run on their own.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Stream a live workload from a throw-away embedded PostgreSQL (start here).",
            "Starts PostgreSQL from the embedded binaries, creates a schema, a publication and a slot, runs a live "
                + "workload (inserts, updates with and without changed TOAST values, deletes, a truncate, a "
                + "streamed large transaction, a logical message, a rollback that never appears) and prints its "
                + "changes as they arrive. Ctrl-C stops early; the server and its files are removed at the end.",
            ""})
final class DemoCommand implements Callable<Integer> {
    static final String SLOT = "walstream_demo";
    static final String PUBLICATION = "walstream_demo";

    @Option(names = "--pg-version", paramLabel = "14..18",
            description = "PostgreSQL major version (default: the newest, 18).")
    Integer pgVersion;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "20",
            description = "How long the workload runs (default: ${DEFAULT-VALUE}).")
    int durationSeconds;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "text: readable lines (long values and transactions shortened); json: JSON lines.")
    String format;

    @Option(names = "--transport", paramLabel = "nio|netty", description = "Byte transport (default: nio).")
    String transport;

    @Option(names = {"-q", "--quiet"}, description = "No progress line.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        PrintStream err = System.err;
        PostgresVersion version;
        try {
            PostgresVersion[] known = PostgresVersion.values();
            version = pgVersion == null ? known[known.length - 1] : PostgresVersion.ofMajor(pgVersion);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, "--pg-version must be 14 to 18, not " + pgVersion);
        }
        if (durationSeconds < 1) {
            throw new CliException(ExitCode.USAGE, "--duration must be at least 1 second");
        }
        boolean json = "json".equalsIgnoreCase(format);
        StopSignal stop = StopSignal.install();
        err.println("walstream demo: starting PostgreSQL " + version.major() + " from the embedded binaries...");
        PostgresConfig pg = PostgresConfig.builder().setting("logical_decoding_work_mem", "64kB").build();
        Lsn confirmed;
        Counters counters;
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        try (PostgresServer server = PostgresServer.start(version, pg)) {
            String base = "host=" + server.host() + " port=" + server.port() + " user=" + PostgresServer.SUPERUSER
                    + " dbname=" + PostgresServer.DATABASE;
            Environment clean = Environment.of(Map.of(), "walstream", Path.of("/nonexistent"));
            ConnectionConfig sqlConfig = ConnectionConfig.parse(base, clean);
            try (PgConnection sql = Connector.connect(sqlConfig)) {
                sql.queryAll(DemoWorkload.SCHEMA_SQL);
                sql.query(DemoWorkload.SLOT_SQL);
            }
            err.println("walstream demo: PostgreSQL " + server.serverVersion() + " on " + server.host() + ":"
                    + server.port() + " (files in " + server.dataDirectory().getParent() + "); publication "
                    + PUBLICATION + ", slot " + SLOT + "; streaming for " + durationSeconds + " s (Ctrl-C stops)");
            ConnectionOptions conn = new ConnectionOptions();
            conn.transport = transport;
            ReplicationConfig config = ReplicationConfig.builder(ConnectionConfig.parse(base + " replication=database",
                            clean))
                    .transportOptions(conn.transportOptions())
                    .slot(SLOT).publications(PUBLICATION)
                    .streaming(StreamingMode.ON).messages(true)
                    .flushMode(FlushMode.MANUAL).statusInterval(Duration.ofSeconds(1))
                    .build();
            DemoWorkload workload = new DemoWorkload(sqlConfig);
            counters = new Counters();
            try (OutputTarget target = OutputTarget.stdout();
                 LogicalReplicationStream stream = LogicalReplicationStream.open(config)) {
                ChangeOutput out = json ? new JsonChangeOutput(target, false)
                        : new TextChangeOutput(target, true, 6, 48);
                Thread director = director(workload, counters, stop, err);
                workload.start();
                director.start();
                Progress progress = !quiet && Terminal.stderr()
                        ? new Progress(stream, counters, err, true) : null;
                if (progress != null) {
                    progress.start();
                }
                try {
                    new StreamLoop(stream, out, target, stop, true, Duration.ZERO, counters)
                            .withProgress(progress).run();
                } finally {
                    if (progress != null) {
                        progress.stop();
                    }
                    workload.stop();
                    director.interrupt();
                }
            }
            if (workload.failure() != null) {
                err.println("walstream demo: the workload failed: " + Failure.of(workload.failure()).line());
            }
            try (PgConnection sql = Connector.connect(sqlConfig)) {
                String c = sql.query("SELECT confirmed_flush_lsn FROM pg_replication_slots WHERE slot_name = '"
                        + SLOT + "'").getString(0, 0);
                confirmed = c == null ? Lsn.INVALID : Lsn.parse(c);
            }
            err.println("walstream demo: stopping PostgreSQL and removing its files...");
        }
        double secs = counters.elapsedSeconds();
        err.printf(Locale.ROOT, "walstream demo: %,d changes in %,d transactions in %.1f s (%,.0f changes/s);"
                        + " slot confirmed_flush_lsn %s%n", counters.changes.get(), counters.transactions.get(), secs,
                counters.changes.get() / Math.max(secs, 1e-3), confirmed);
        if (counters.firstChangeNanos != 0) {
            long firstChangeWall = counters.startWallMillis
                    + (counters.firstChangeNanos - counters.startNanos) / 1_000_000;
            err.printf(Locale.ROOT, "walstream demo: first change %.1f s after the command started%n",
                    (firstChangeWall - jvmStart) / 1000.0);
        }
        return ExitCode.OK;
    }

    /** Ends the workload after the duration (or at Ctrl-C), lets the stream catch up for up to 5 s, then stops. */
    private Thread director(DemoWorkload workload, Counters counters, StopSignal stop, PrintStream err) {
        Thread t = new Thread(() -> {
            try {
                if (!stop.await(durationSeconds * 1000L)) {
                    workload.stop();
                    Lsn last = workload.lastCommitLsn();
                    long deadline = System.nanoTime() + 5_000_000_000L;
                    long idleSince = System.nanoTime();
                    Lsn seen = counters.lastWrittenEnd;
                    while (System.nanoTime() < deadline && counters.lastWrittenEnd.isBefore(last)
                            && System.nanoTime() - idleSince < 1_500_000_000L) {
                        Thread.sleep(50);
                        if (!counters.lastWrittenEnd.equals(seen)) {
                            seen = counters.lastWrittenEnd;
                            idleSince = System.nanoTime();
                        }
                    }
                    stop.request("--duration " + durationSeconds + " s elapsed");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "walstream-demo-director");
        t.setDaemon(true);
        return t;
    }
}
