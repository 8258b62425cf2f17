package io.walstream.cli;

import io.walstream.FlushMode;
import io.walstream.LogicalReplicationStream;
import io.walstream.Lsn;
import io.walstream.ReplicationConfig;
import io.walstream.replication.StreamingMode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code walstream stream}: every committed change of a slot's publications to stdout or a file, as JSON lines,
 * test_decoding-like text or raw pgoutput; option names follow pg_recvlogical where it has them.
 *
 * <p><b>Thread safety:</b> used by picocli on the main thread; progress runs on its own thread.
 */
@Command(name = "stream", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Stream committed changes from a logical replication slot (pgoutput).",
            "Each transaction is written whole; it is acknowledged to the server once written (stdout: flushed, "
                + "file: fsynced). Ctrl-C or SIGTERM stops cleanly after the current transaction (exit 0).", ""},
        footer = {"", "Example:",
            "  walstream stream -d 'postgresql://repl@db.example.com/app' --slot app_slot --publication app_pub \\",
            "      --create-slot --format json > changes.jsonl"})
final class StreamCommand implements Callable<Integer> {

    /** Output formats. */
    enum Format { json, text, raw }

    /** When positions are reported as flushed. */
    enum Flush { on_commit, on_commit_and_idle, manual }

    @Mixin
    ConnectionOptions connection;

    @Option(names = {"-S", "--slot"}, required = true, paramLabel = "NAME", description = "Logical replication slot.")
    String slot;

    @Option(names = {"-P", "--publication"}, required = true, paramLabel = "NAME",
            description = "Publication to stream (repeatable).")
    List<String> publications = new ArrayList<>();

    @Option(names = "--create-slot", description = "Create the slot (pgoutput) if it does not exist.")
    boolean createSlot;

    @Option(names = "--temporary", description = "With --create-slot: a temporary slot, dropped when the stream ends.")
    boolean temporary;

    @Option(names = {"-I", "--start"}, paramLabel = "LSN",
            description = "Start at this position (default: the slot's confirmed_flush_lsn).")
    String start;

    @Option(names = {"-E", "--endpos"}, paramLabel = "LSN",
            description = "Stop once the transaction committing at or after LSN is written (pg_recvlogical --endpos).")
    String endpos;

    @Option(names = "--proto-version", paramLabel = "1-4",
            description = "pgoutput protocol version (default: the newest the server speaks).")
    int protoVersion;

    @Option(names = "--binary", description = "Ask for binary column values (PostgreSQL 14+).")
    boolean binary;

    @Option(names = "--streaming", paramLabel = "off|on|parallel",
            description = "Stream large in-progress transactions (default: on, off with --proto-version 1); they "
                    + "are assembled (spilling to disk past 64 MiB) and written at commit.")
    String streaming;

    @Option(names = "--two-phase", description = "Decode prepared transactions at PREPARE (PostgreSQL 15+).")
    boolean twoPhase;

    @Option(names = "--messages", description = "Include logical decoding messages (pg_logical_emit_message).")
    boolean messages;

    @Option(names = "--flush-mode", paramLabel = "MODE", defaultValue = "on_commit",
            description = {"on_commit (default): acknowledge each transaction once written;",
                "on_commit_and_idle: also acknowledge the server's WAL end while idle;",
                "manual: never acknowledge (the slot does not advance)."})
    Flush flushMode;

    @Option(names = {"-s", "--status-interval"}, paramLabel = "SECONDS", defaultValue = "10",
            description = "Seconds between status updates to the server (default: ${DEFAULT-VALUE}).")
    double statusInterval;

    @Option(names = {"-f", "--file"}, paramLabel = "PATH", description = "Append output to PATH ('-' for stdout).")
    String file;

    @Option(names = {"-F", "--fsync-interval"}, paramLabel = "SECONDS", defaultValue = "10",
            description = "With --file: fsync (then acknowledge) every SECONDS; 0 after every transaction "
                    + "(default: ${DEFAULT-VALUE}).")
    double fsyncInterval;

    @Option(names = "--format", paramLabel = "json|text|raw",
            description = "Output format (default: text when stdout is a terminal, json otherwise).")
    Format format;

    @Option(names = "--transactions", description = "Also write begin and commit lines/objects.")
    boolean transactions;

    @Option(names = "--progress", description = "Print progress on stderr (default: when stderr is a terminal).")
    Boolean progress;

    @Option(names = {"-q", "--quiet"}, description = "No progress and no summary on stderr.")
    boolean quiet;

    @Override
    public Integer call() {
        PrintStream err = System.err;
        boolean toFile = file != null && !file.equals("-");
        boolean stdoutTerminal = !toFile && Terminal.stdout();
        boolean stderrTerminal = Terminal.stderr();
        Format fmt = format != null ? format : stdoutTerminal ? Format.text : Format.json;
        ReplicationConfig config = config();
        Preflight.check(connection, slot, publications, createSlot);
        StopSignal stop = StopSignal.install();
        Counters counters = new Counters();
        boolean readerGone;
        try (OutputTarget target = toFile ? OutputTarget.file(Path.of(file)) : OutputTarget.stdout();
             LogicalReplicationStream stream = LogicalReplicationStream.open(config)) {
            boolean showProgress = !quiet && (progress != null ? progress : stderrTerminal);
            Progress p = showProgress ? new Progress(stream, counters, err, stderrTerminal) : null;
            if (p != null) {
                p.start();
            }
            try {
                boolean ack = flushMode != Flush.manual;
                Duration fsync = Duration.ofMillis(Math.round(fsyncInterval * 1000));
                if (fmt == Format.raw) {
                    new RawStreamLoop(stream, target, stop, ack, fsync, counters).run();
                } else {
                    ChangeOutput out = fmt == Format.json ? new JsonChangeOutput(target, transactions)
                            : new TextChangeOutput(target, transactions, Integer.MAX_VALUE);
                    new StreamLoop(stream, out, target, stop, ack, fsync, counters)
                            .withProgress(stdoutTerminal ? p : null).run();
                }
            } finally {
                if (p != null) {
                    p.stop();
                }
            }
            readerGone = target.readerGone();
        }
        if (!quiet) {
            err.printf(java.util.Locale.ROOT, "walstream: %s; %,d changes in %,d transactions; acknowledged up to %s%n",
                    readerGone ? "stopped (output closed by its reader)"
                            : stop.requested() ? "stopped (" + stop.reason() + ")" : "reached --endpos",
                    counters.changes.get(), counters.transactions.get(), counters.lastAcknowledged);
        }
        return ExitCode.OK;
    }

    ReplicationConfig config() {
        if (temporary && !createSlot) {
            throw new CliException(ExitCode.USAGE, "--temporary needs --create-slot");
        }
        if (flushMode == Flush.on_commit_and_idle && file != null && !file.equals("-") && fsyncInterval > 0) {
            throw new CliException(ExitCode.USAGE, "--flush-mode on_commit_and_idle acknowledges a written transaction"
                    + " before it is fsynced; with --file use --fsync-interval 0 or --flush-mode on_commit");
        }
        if (fsyncInterval < 0 || statusInterval <= 0) {
            throw new CliException(ExitCode.USAGE, "--fsync-interval must be >= 0 and --status-interval > 0");
        }
        ReplicationConfig.Builder b = ReplicationConfig.builder(connection.replicationConfig())
                .transportOptions(connection.transportOptions())
                .slot(slot)
                .publications(publications.toArray(String[]::new))
                .protoVersion(protoVersion)
                .binary(binary)
                .messages(messages)
                .streaming(streaming == null ? (protoVersion == 1 ? StreamingMode.OFF : StreamingMode.ON)
                        : streamingMode(streaming))
                .twoPhase(twoPhase)
                .flushMode(flushMode == Flush.on_commit_and_idle ? FlushMode.ON_COMMIT_AND_IDLE : FlushMode.MANUAL)
                .statusInterval(Duration.ofMillis(Math.round(statusInterval * 1000)))
                .createSlot(!createSlot ? ReplicationConfig.SlotCreation.NEVER
                        : temporary ? ReplicationConfig.SlotCreation.TEMPORARY
                        : ReplicationConfig.SlotCreation.IF_MISSING);
        if (start != null) {
            b.startLsn(lsn("--start", start));
        }
        if (endpos != null) {
            b.stopAt(lsn("--endpos", endpos));
        }
        return b.build();
    }

    static Lsn lsn(String option, String text) {
        try {
            return Lsn.parse(text);
        } catch (RuntimeException e) {
            throw new CliException(ExitCode.USAGE, option + ": not an LSN (X/X): " + text);
        }
    }

    static StreamingMode streamingMode(String text) {
        for (StreamingMode m : StreamingMode.values()) {
            if (m.value().equalsIgnoreCase(text)) {
                return m;
            }
        }
        throw new CliException(ExitCode.USAGE, "--streaming must be off, on or parallel, not " + text);
    }
}
