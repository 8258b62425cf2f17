package io.walstream.testkit.walsender;

import io.walstream.Lsn;
import io.walstream.ServerError;
import io.walstream.spi.Endpoint;
import io.walstream.testkit.wire.ErrorCollector;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake PostgreSQL walsender on a loopback port, for testing replication consumers without a server (OkHttp's
 * {@code MockWebServer} idea). Each accepted connection takes the next queued plan — a {@link WalSenderScript}
 * to stream after {@code START_REPLICATION}, an error at startup or at {@code START_REPLICATION}, silence after
 * the StartupMessage, during authentication or at a given command, or raw start-up bytes for hostile-server tests
 * — and the last plan is reused once the queue is empty, so reconnecting clients keep being served.
 *
 * <pre>{@code
 * try (FakeWalSender server = FakeWalSender.start()) {
 *     server.enqueue(WalSenderScript.create()
 *             .xlogAll(Lsn.of(0x100), List.of(begin, insert, commit))
 *             .awaitFlush(commit.endLsn(), Duration.ofSeconds(5)));
 *     ReplicationConfig config = ReplicationConfig.builder(server.connectionString())
 *             .slot("s").publications("p").build();
 *     try (LogicalReplicationStream stream = LogicalReplicationStream.open(config)) { ... }
 *     server.await(Duration.ofSeconds(5));                 // rethrows what went wrong on the server side
 *     assertEquals(commit.endLsn(), server.lastStatusUpdate().flushed());
 * }
 * }</pre>
 *
 * <p>It answers: startup with the configured {@link FakeAuth} (an SSLRequest gets {@code N}); IDENTIFY_SYSTEM
 * with {@link #identity()}; CREATE_REPLICATION_SLOT; START_REPLICATION; the slot and publication checks a stream
 * runs before streaming (any query naming {@code pg_replication_slots} or {@code pg_publication}), from
 * {@link #slot} and {@link #publication} or, if none were declared, as if every name asked for existed; other
 * queries through {@link #onQuery} (rows), {@link #onCopyOut} (a {@code COPY ... TO STDOUT}) or
 * {@link #onQueryBytes} (exact bytes, for hostile answers), else with an empty result. It records every command, every standby status
 * update with its arrival time ({@link StatusUpdate}), and the startup parameters of each connection.
 *
 * <p><b>Thread safety:</b> thread-safe; each connection runs on its own daemon thread.
 */
public final class FakeWalSender implements AutoCloseable {

    /** What IDENTIFY_SYSTEM answers. @param systemId the cluster's id @param timeline the timeline
     *  @param xlogPos the current WAL position */
    public record Identity(String systemId, long timeline, Lsn xlogPos) {
    }

    /** One connection's plan. */
    record Plan(Kind kind, WalSenderScript script, ServerError error, byte[] bytes, boolean closeAfterBytes) {
        enum Kind { SCRIPT, STARTUP_ERROR, START_ERROR, SILENT, AUTH_STALL, SILENT_AT, STARTUP_BYTES }

        Plan(Kind kind, WalSenderScript script, ServerError error) {
            this(kind, script, error, null, false);
        }
    }

    /**
     * An answer to a query: rows, an error, or (when {@code raw} is set) exactly those bytes.
     */
    record QueryAnswer(String[] columns, List<String[]> rows, ServerError error, byte[] raw) {
        QueryAnswer(String[] columns, List<String[]> rows, ServerError error) {
            this(columns, rows, error, null);
        }
    }

    /** A declared slot. */
    private record Slot(String name, String type, String plugin, String database, String activePid) {
    }

    private static final Pattern QUOTED = Pattern.compile("'((?:[^']|'')*)'");

    private final ServerSocket serverSocket;
    private final Thread acceptor;
    private final ErrorCollector errors = new ErrorCollector();
    private final Deque<Plan> plans = new ArrayDeque<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final List<StatusUpdate> statusUpdates = new ArrayList<>();
    private final List<String> commands = new ArrayList<>();
    private final List<Map<String, String>> startups = new ArrayList<>();
    private final Map<String, Slot> slots = new LinkedHashMap<>();
    private final List<String> publications = new ArrayList<>();
    private final List<BiFunction<String, String, QueryAnswer>> queryHandlers = new CopyOnWriteArrayList<>();
    private volatile FakeAuth auth = FakeAuth.trust();
    private volatile String serverVersion = "16.4";
    private volatile Identity identity = new Identity("7000000000000000001", 1, Lsn.of(0x1000000));
    private Plan lastPlan = new Plan(Plan.Kind.SCRIPT, WalSenderScript.create(), null);
    private int connections;
    private long bytesSent;
    private volatile Boolean shutdownCompleted;

    private FakeWalSender(ServerSocket serverSocket) {
        this.serverSocket = serverSocket;
        this.acceptor = new Thread(this::acceptLoop, "walstream-fake-walsender-" + serverSocket.getLocalPort());
        acceptor.setDaemon(true);
    }

    /**
     * Binds a free port on the loopback address and starts accepting.
     *
     * @return the running server
     * @throws IOException if no port could be bound
     */
    public static FakeWalSender start() throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        FakeWalSender f = new FakeWalSender(s);
        f.acceptor.start();
        return f;
    }

    // --- configuration ---------------------------------------------------------------------------------

    /** @param auth how to authenticate from the next connection on @return this */
    public FakeWalSender auth(FakeAuth auth) {
        this.auth = auth;
        return this;
    }

    /** @param version the {@code server_version} reported, e.g. {@code "14.12"} @return this */
    public FakeWalSender serverVersion(String version) {
        this.serverVersion = version;
        return this;
    }

    /** @param identity what IDENTIFY_SYSTEM answers from now on (change it to simulate a failover) @return this */
    public FakeWalSender identity(Identity identity) {
        this.identity = identity;
        return this;
    }

    /**
     * Declares a logical slot for the stream's checks; once one is declared, others do not exist.
     *
     * @param name the slot
     * @param plugin its output plugin
     * @param database its database
     * @param activePid the pid holding it, or {@code null}
     * @return this
     */
    public synchronized FakeWalSender slot(String name, String plugin, String database, Integer activePid) {
        slots.put(name, new Slot(name, "logical", plugin, database, activePid == null ? null : activePid.toString()));
        return this;
    }

    /** @param name a publication that exists; once one is declared, others do not exist @return this */
    public synchronized FakeWalSender publication(String name) {
        publications.add(name);
        return this;
    }

    /**
     * Answers queries containing {@code fragment} (case-insensitive) with text columns.
     *
     * @param fragment part of the SQL
     * @param columns the column names
     * @param rows the rows; {@code null} values are SQL NULL
     * @return this
     */
    public FakeWalSender onQuery(String fragment, List<String> columns, List<List<String>> rows) {
        String f = fragment.toLowerCase(java.util.Locale.ROOT);
        List<String[]> r = new ArrayList<>();
        for (List<String> row : rows) {
            r.add(row.toArray(new String[0]));
        }
        QueryAnswer a = new QueryAnswer(columns.toArray(new String[0]), r, null);
        queryHandlers.add(0, (sql, db) -> sql.toLowerCase(java.util.Locale.ROOT).contains(f) ? a : null);
        return this;
    }

    /**
     * Answers queries containing {@code fragment} (case-insensitive) like a {@code COPY ... TO STDOUT}:
     * CopyOutResponse, one CopyData per row, CopyDone, CommandComplete {@code COPY n}, ReadyForQuery.
     *
     * @param fragment part of the SQL
     * @param binary whether the CopyOutResponse announces binary format (the rows are sent as given either way)
     * @param columns the column count announced
     * @param rows the CopyData payloads, in order
     * @return this
     */
    public FakeWalSender onCopyOut(String fragment, boolean binary, int columns, List<byte[]> rows) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(WireOut.copyOutResponse(binary, columns));
        for (byte[] row : rows) {
            out.writeBytes(WireOut.copyData(row));
        }
        out.writeBytes(WireOut.copyDone());
        out.writeBytes(WireOut.commandComplete("COPY " + rows.size()));
        out.writeBytes(WireOut.readyForQuery());
        return onQueryBytes(fragment, out.toByteArray());
    }

    /**
     * Answers queries containing {@code fragment} (case-insensitive) with exactly {@code bytes} and nothing else:
     * for hostile or unusual answers (a COPY broken off by an error, a message the protocol does not allow there).
     * The bytes must include the ReadyForQuery, if any, that ends the answer.
     *
     * @param fragment part of the SQL
     * @param bytes the backend messages to send, already framed
     * @return this
     */
    public FakeWalSender onQueryBytes(String fragment, byte[] bytes) {
        String f = fragment.toLowerCase(java.util.Locale.ROOT);
        QueryAnswer a = new QueryAnswer(new String[0], List.of(), null, bytes.clone());
        queryHandlers.add(0, (sql, db) -> sql.toLowerCase(java.util.Locale.ROOT).contains(f) ? a : null);
        return this;
    }

    /**
     * @param script streamed on the next connection that is not yet planned
     * @return this
     */
    public synchronized FakeWalSender enqueue(WalSenderScript script) {
        plans.add(new Plan(Plan.Kind.SCRIPT, script, null));
        return this;
    }

    /**
     * The next connection gets {@code error} right after its StartupMessage (e.g. 53300 too many connections,
     * 57P03 the database system is starting up).
     *
     * @param error the error; sent with the fields as given
     * @return this
     */
    public synchronized FakeWalSender enqueueStartupError(ServerError error) {
        plans.add(new Plan(Plan.Kind.STARTUP_ERROR, null, error));
        return this;
    }

    /**
     * The next connection authenticates, then gets {@code error} in answer to START_REPLICATION (e.g. 55006
     * replication slot is active), followed by ReadyForQuery.
     *
     * @param error the error
     * @return this
     */
    public synchronized FakeWalSender enqueueStartError(ServerError error) {
        plans.add(new Plan(Plan.Kind.START_ERROR, null, error));
        return this;
    }

    /** @return this; the next connection reads the StartupMessage and then never answers (TCP stays up) */
    public synchronized FakeWalSender enqueueSilence() {
        plans.add(new Plan(Plan.Kind.SILENT, null, null));
        return this;
    }

    /**
     * The next connection gets {@code bytes} as they are in answer to its StartupMessage — anything, for
     * hostile-server tests (a peer that is not PostgreSQL, a hostile frame length, an authentication method
     * walstream does not offer) — after which the server reads until the client leaves or, with {@code close},
     * closes the connection at once (possibly inside a frame).
     *
     * @param bytes the raw answer
     * @param close whether to close right after sending
     * @return this
     */
    public synchronized FakeWalSender enqueueStartupBytes(byte[] bytes, boolean close) {
        plans.add(new Plan(Plan.Kind.STARTUP_BYTES, null, null, bytes.clone(), close));
        return this;
    }

    /**
     * The next connection is asked for a cleartext password (whatever {@link #auth} says), and after the client
     * sent it the server never answers (TCP stays up): a server stalled during authentication.
     *
     * @return this
     */
    public synchronized FakeWalSender enqueueAuthStall() {
        plans.add(new Plan(Plan.Kind.AUTH_STALL, null, null));
        return this;
    }

    /**
     * The next connection authenticates and answers IDENTIFY_SYSTEM and queries, but never answers
     * {@code START_REPLICATION} (TCP stays up): a walsender stuck before COPY starts.
     *
     * @return this
     */
    public synchronized FakeWalSender enqueueStartSilence() {
        return enqueueSilenceAt("START_REPLICATION");
    }

    /**
     * The next connection authenticates and answers every command until one that starts with {@code command}
     * (case-insensitive, e.g. {@code "IDENTIFY_SYSTEM"} or {@code "SELECT"}), which it never answers (TCP stays up).
     *
     * @param command the start of the command left unanswered
     * @return this
     */
    public synchronized FakeWalSender enqueueSilenceAt(String command) {
        plans.add(new Plan(Plan.Kind.SILENT_AT, null, null,
                command.toUpperCase(java.util.Locale.ROOT).getBytes(java.nio.charset.StandardCharsets.UTF_8), false));
        return this;
    }

    // --- where to connect ----------------------------------------------------------------------------

    /** @return the loopback endpoint */
    public Endpoint endpoint() {
        return Endpoint.of(serverSocket.getInetAddress().getHostAddress(), serverSocket.getLocalPort());
    }

    /** @return a libpq URI for user {@code walstream}, database {@code app}, {@code sslmode=disable} */
    public String connectionString() {
        return connectionString("walstream", null);
    }

    /**
     * @param user the user
     * @param password the password, or {@code null}
     * @return a libpq URI for database {@code app}, {@code replication=database}, {@code sslmode=disable}
     */
    public String connectionString(String user, String password) {
        return "postgresql://" + user + (password == null ? "" : ":" + password) + "@" + endpoint().host() + ":"
                + endpoint().port() + "/app?replication=database&sslmode=disable";
    }

    // --- recordings ----------------------------------------------------------------------------------

    /** @return every status update received so far, in arrival order */
    public synchronized List<StatusUpdate> statusUpdates() {
        return List.copyOf(statusUpdates);
    }

    /** @return the last status update received, or {@code null} */
    public synchronized StatusUpdate lastStatusUpdate() {
        return statusUpdates.isEmpty() ? null : statusUpdates.get(statusUpdates.size() - 1);
    }

    /** @return every simple-query command received so far (all connections), in order */
    public synchronized List<String> commands() {
        return List.copyOf(commands);
    }

    /** @return the StartupMessage parameters of each connection, in order */
    public synchronized List<Map<String, String>> startups() {
        return List.copyOf(startups);
    }

    /** @return connections accepted so far */
    public synchronized int connections() {
        return connections;
    }

    /** @return bytes sent to clients so far */
    public synchronized long bytesSent() {
        return bytesSent;
    }

    /**
     * @return after a {@link WalSenderScript#shutdownLikePostgres} step: {@code false} if it completed, {@code true}
     *         if the client never reported everything as replicated; {@code null} before
     */
    public Boolean shutdownBlocked() {
        Boolean done = shutdownCompleted;
        return done == null ? null : !done;
    }

    /**
     * Waits until {@code condition} holds for the status updates, at most {@code timeout}.
     *
     * @param condition tested against every update received
     * @param timeout how long
     * @return the first update that satisfied it
     * @throws AssertionError on timeout
     */
    public StatusUpdate awaitStatus(java.util.function.Predicate<StatusUpdate> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (true) {
                for (StatusUpdate u : statusUpdates) {
                    if (condition.test(u)) {
                        return u;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("No matching status update within " + timeout + "; got " + statusUpdates);
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("Interrupted", e);
                }
            }
        }
    }

    /**
     * Waits for every connection thread to end (the client closed or the script cut it) and rethrows failures
     * raised on the server side (a script's await that timed out, a protocol error from the client).
     *
     * @param timeout how long to wait
     * @throws AssertionError if something failed or a connection is still open
     */
    public void await(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread t : threads) {
            try {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted", e);
            }
            if (t.isAlive()) {
                errors.add(new AssertionError(t.getName() + " still open after " + timeout));
            }
        }
        errors.assertEmpty("FakeWalSender on " + endpoint());
    }

    /** Stops accepting and closes every connection. Idempotent. */
    @Override
    public void close() {
        try {
            serverSocket.close();
        } catch (IOException ignored) {
            // best effort
        }
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    // --- internals ---------------------------------------------------------------------------------

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            Socket s;
            try {
                s = serverSocket.accept();
            } catch (IOException e) {
                return;
            }
            sockets.add(s);
            int index;
            Plan plan;
            synchronized (this) {
                index = ++connections;
                Plan next = plans.poll();
                plan = next != null ? next : lastPlan;
                lastPlan = plan;
            }
            Thread t = new Thread(() -> {
                try {
                    s.setTcpNoDelay(true);
                    new FakeSession(this, s, index, plan).run();
                } catch (Throwable e) {
                    if (!serverSocket.isClosed()) {
                        errors.add(e);
                    }
                }
            }, "walstream-fake-walsender-conn-" + index);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    FakeAuth auth() {
        return auth;
    }

    String serverVersion() {
        return serverVersion;
    }

    /** @return what IDENTIFY_SYSTEM answers now */
    public Identity identity() {
        return identity;
    }

    void fail(Throwable t) {
        errors.add(t);
    }

    synchronized void recordStartup(int index, Map<String, String> params) {
        startups.add(Map.copyOf(params));
    }

    synchronized void recordCommand(int index, String sql) {
        commands.add(sql);
    }

    synchronized void recordBytes(long n) {
        bytesSent += n;
    }

    synchronized void recordStatus(StatusUpdate u) {
        statusUpdates.add(u);
        notifyAll();
    }

    synchronized List<StatusUpdate> statusUpdates(int connection) {
        List<StatusUpdate> out = new ArrayList<>();
        for (StatusUpdate u : statusUpdates) {
            if (u.connection() == connection) {
                out.add(u);
            }
        }
        return out;
    }

    void shutdownDone(boolean completed) {
        if (shutdownCompleted == null) {
            shutdownCompleted = completed;
        }
    }

    synchronized QueryAnswer answer(String sql, String database) {
        for (BiFunction<String, String, QueryAnswer> h : queryHandlers) {
            QueryAnswer a = h.apply(sql, database);
            if (a != null) {
                return a;
            }
        }
        String lower = sql.toLowerCase(java.util.Locale.ROOT);
        List<String> names = new ArrayList<>();
        Matcher m = QUOTED.matcher(sql);
        while (m.find()) {
            names.add(m.group(1).replace("''", "'"));
        }
        if (lower.contains("pg_replication_slots")) {
            List<String[]> rows = new ArrayList<>();
            for (String n : names) {
                Slot s = slots.isEmpty() ? new Slot(n, "logical", "pgoutput", database, null) : slots.get(n);
                if (s != null) {
                    rows.add(new String[] {s.name(), s.type(), s.plugin(), s.database(), s.activePid()});
                }
            }
            return new QueryAnswer(new String[] {"slot_name", "slot_type", "plugin", "database", "active_pid"}, rows,
                    null);
        }
        if (lower.contains("pg_publication")) {
            List<String[]> rows = new ArrayList<>();
            for (String n : names) {
                if (publications.isEmpty() || publications.contains(n)) {
                    rows.add(new String[] {n});
                }
            }
            return new QueryAnswer(new String[] {"pubname"}, rows, null);
        }
        return new QueryAnswer(new String[0], List.of(), null);
    }
}
