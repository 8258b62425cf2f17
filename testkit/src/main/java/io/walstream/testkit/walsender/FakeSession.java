package io.walstream.testkit.walsender;

import io.walstream.Lsn;
import io.walstream.ServerError;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * One accepted connection of a {@link FakeWalSender}: startup, authentication, commands, then the CopyBoth phase
 * driven by a {@link WalSenderScript}, with a reader thread recording what the client sends meanwhile.
 *
 * <p><b>Thread safety:</b> the connection thread runs everything; the copy-phase reader thread only records
 * (under this object's monitor) and flags.
 */
final class FakeSession {

    /** Thrown to end the session after a fault closed the socket on purpose. */
    static final class Ended extends RuntimeException {
        Ended() {
            super(null, null, false, false);
        }
    }

    private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;

    private final FakeWalSender server;
    private final Socket socket;
    private final int index;
    private final FakeWalSender.Plan plan;
    private final DataInputStream in;
    private final OutputStream out;
    private volatile boolean clientCopyDone;
    private volatile boolean clientGone;
    private int statusSeen;
    private long budget = -1;
    private Duration trickle;
    private Lsn lastWalEnd = Lsn.INVALID;

    FakeSession(FakeWalSender server, Socket socket, int index, FakeWalSender.Plan plan) throws IOException {
        this.server = server;
        this.socket = socket;
        this.index = index;
        this.plan = plan;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    static long nowMicros() {
        return Instant.now().toEpochMilli() * 1000 - PG_EPOCH_MICROS;
    }

    void run() throws Exception {
        try {
            Map<String, String> startup = readStartup();
            if (startup == null) {
                return;
            }
            server.recordStartup(index, startup);
            if (plan.kind() == FakeWalSender.Plan.Kind.SILENT) {
                awaitClientGoneReading();
                return;
            }
            if (plan.kind() == FakeWalSender.Plan.Kind.STARTUP_BYTES) {
                write(plan.bytes(), null);
                if (!plan.closeAfterBytes()) {
                    awaitClientGoneReading();
                }
                return;
            }
            if (plan.kind() == FakeWalSender.Plan.Kind.AUTH_STALL) {
                write(WireOut.auth(3, new byte[0]), null);
                expect('p');
                awaitClientGoneReading();
                return;
            }
            if (plan.kind() == FakeWalSender.Plan.Kind.STARTUP_ERROR) {
                sendError(plan.error(), false);
                return;
            }
            if (!authenticate(startup.getOrDefault("user", ""))) {
                return;
            }
            write(WireOut.auth(0, new byte[0]), null);
            write(WireOut.parameterStatus("server_version", server.serverVersion()), null);
            write(WireOut.parameterStatus("server_encoding", "UTF8"), null);
            write(WireOut.parameterStatus("client_encoding", "UTF8"), null);
            write(WireOut.parameterStatus("standard_conforming_strings", "on"), null);
            write(WireOut.parameterStatus("integer_datetimes", "on"), null);
            write(new WireOut('K').i32(10_000 + index).i32(ThreadLocalRandom.current().nextInt()).frame(), null);
            write(WireOut.readyForQuery(), null);
            commands(startup.getOrDefault("database", ""));
        } catch (Ended | EOFException e) {
            // the fault (or the client) ended the connection
        } catch (IOException e) {
            if (!socket.isClosed() && !clientGone) {
                throw e;
            }
        } finally {
            closeQuietly();
        }
    }

    // --- startup -----------------------------------------------------------------------------------

    private Map<String, String> readStartup() throws IOException {
        while (true) {
            int len = in.readInt();
            int code = in.readInt();
            byte[] body = new byte[len - 8];
            in.readFully(body);
            if (code == 80877103 || code == 80877104) { // SSLRequest, GSSENCRequest: not offered
                write(new byte[] {'N'}, null);
                continue;
            }
            if (code == 80877102) { // CancelRequest
                return null;
            }
            Map<String, String> params = new LinkedHashMap<>();
            int p = 0;
            while (p < body.length && body[p] != 0) {
                int k = p;
                while (body[p] != 0) {
                    p++;
                }
                String key = new String(body, k, p - k, StandardCharsets.UTF_8);
                int v = ++p;
                while (body[p] != 0) {
                    p++;
                }
                params.put(key, new String(body, v, p - v, StandardCharsets.UTF_8));
                p++;
            }
            return params;
        }
    }

    private boolean authenticate(String user) throws IOException {
        FakeAuth auth = server.auth();
        switch (auth.method()) {
            case TRUST:
                return true;
            case CLEARTEXT: {
                write(WireOut.auth(3, new byte[0]), null);
                String answer = cstring(expect('p'));
                return passwordResult(auth.cleartextMatches(answer), user);
            }
            case MD5: {
                byte[] salt = new byte[4];
                ThreadLocalRandom.current().nextBytes(salt);
                write(WireOut.auth(5, salt), null);
                String answer = cstring(expect('p'));
                return passwordResult(auth.md5Matches(user, salt, answer), user);
            }
            case SCRAM_SKIPPING_FINAL:
                write(WireOut.auth(10, "SCRAM-SHA-256\0\0".getBytes(StandardCharsets.US_ASCII)), null);
                expect('p');
                return true; // AuthenticationOk follows, without SASLContinue / SASLFinal
            case SCRAM: {
                write(WireOut.auth(10, "SCRAM-SHA-256\0\0".getBytes(StandardCharsets.US_ASCII)), null);
                byte[] initial = expect('p');
                int nul = 0;
                while (initial[nul] != 0) {
                    nul++;
                }
                int len = ((initial[nul + 1] & 0xff) << 24) | ((initial[nul + 2] & 0xff) << 16)
                        | ((initial[nul + 3] & 0xff) << 8) | (initial[nul + 4] & 0xff);
                String clientFirst = new String(initial, nul + 5, len, StandardCharsets.UTF_8);
                FakeAuth.Scram scram = auth.new Scram();
                write(WireOut.auth(11, scram.first(clientFirst).getBytes(StandardCharsets.UTF_8)), null);
                String clientFinal = new String(expect('p'), StandardCharsets.UTF_8);
                String serverFinal = scram.last(clientFinal);
                if (serverFinal == null) {
                    return passwordResult(false, user);
                }
                write(WireOut.auth(12, serverFinal.getBytes(StandardCharsets.UTF_8)), null);
                return true;
            }
            default:
                throw new IllegalStateException(auth.method().toString());
        }
    }

    private boolean passwordResult(boolean ok, String user) throws IOException {
        if (!ok) {
            sendError(new ServerError("FATAL", "28P01", "password authentication failed for user \"" + user + "\"",
                    Map.of('S', "FATAL", 'V', "FATAL", 'C', "28P01",
                            'M', "password authentication failed for user \"" + user + "\"")), false);
        }
        return ok;
    }

    // --- commands ------------------------------------------------------------------------------------

    private void commands(String database) throws Exception {
        while (true) {
            int tag = in.read();
            if (tag < 0 || tag == 'X') {
                return;
            }
            byte[] body = body();
            if (tag != 'Q') {
                continue;
            }
            String sql = cstring(body).trim();
            server.recordCommand(index, sql);
            String upper = sql.toUpperCase(java.util.Locale.ROOT);
            if (plan.kind() == FakeWalSender.Plan.Kind.SILENT_AT
                    && upper.startsWith(new String(plan.bytes(), StandardCharsets.UTF_8))) {
                awaitClientGoneReading();
                return;
            }
            if (upper.startsWith("IDENTIFY_SYSTEM")) {
                FakeWalSender.Identity id = server.identity();
                write(WireOut.rowDescription(new String[] {"systemid", "timeline", "xlogpos", "dbname"},
                        new int[] {25, 23, 25, 25}), null);
                write(WireOut.dataRow(new String[] {id.systemId(), Long.toString(id.timeline()),
                        id.xlogPos().toString(), database}), null);
                complete("IDENTIFY_SYSTEM");
            } else if (upper.startsWith("START_REPLICATION")) {
                if (plan.kind() == FakeWalSender.Plan.Kind.START_ERROR) {
                    sendError(plan.error(), false);
                    write(WireOut.readyForQuery(), null);
                    continue;
                }
                write(WireOut.copyBothResponse(), null);
                copyPhase();
            } else if (upper.startsWith("CREATE_REPLICATION_SLOT")) {
                String name = sql.split("\\s+")[1].replace("\"", "");
                write(WireOut.rowDescription(new String[] {"slot_name", "consistent_point", "snapshot_name",
                        "output_plugin"}, new int[] {25, 25, 25, 25}), null);
                write(WireOut.dataRow(new String[] {name, server.identity().xlogPos().toString(),
                        "00000003-00000002-1", "pgoutput"}), null);
                complete("CREATE_REPLICATION_SLOT");
            } else {
                FakeWalSender.QueryAnswer answer = server.answer(sql, database);
                if (answer.raw() != null) {
                    write(answer.raw(), null);
                    continue;
                }
                if (answer.error() != null) {
                    sendError(answer.error(), false);
                    write(WireOut.readyForQuery(), null);
                    continue;
                }
                if (answer.columns().length > 0) {
                    int[] oids = new int[answer.columns().length];
                    java.util.Arrays.fill(oids, 25);
                    write(WireOut.rowDescription(answer.columns(), oids), null);
                    for (String[] row : answer.rows()) {
                        write(WireOut.dataRow(row), null);
                    }
                }
                complete(answer.columns().length > 0 ? "SELECT " + answer.rows().size() : "SET");
            }
        }
    }

    private void complete(String tag) throws IOException {
        write(WireOut.commandComplete(tag), null);
        write(WireOut.readyForQuery(), null);
    }

    private void copyPhase() throws Exception {
        clientCopyDone = false;
        Thread reader = new Thread(this::readCopy, "walstream-fake-walsender-reader-" + index);
        reader.setDaemon(true);
        reader.start();
        for (WalSenderScript.Step step : plan.script().steps()) {
            if (clientCopyDone || clientGone) {
                break;
            }
            step.run(this);
        }
        synchronized (this) {
            while (!clientCopyDone && !clientGone) {
                wait(100);
            }
        }
        reader.join(5_000);
        if (clientGone) {
            throw new Ended();
        }
        write(WireOut.copyDone(), null);
        write(WireOut.commandComplete("START_REPLICATION"), null);
        write(WireOut.readyForQuery(), null);
    }

    private void readCopy() {
        try {
            while (true) {
                int tag = in.read();
                if (tag < 0 || tag == 'X') {
                    break;
                }
                byte[] body = body();
                if (tag == 'c') {
                    synchronized (this) {
                        clientCopyDone = true;
                        notifyAll();
                    }
                    return;
                }
                if (tag == 'd' && body.length >= 34 && body[0] == 'r') {
                    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(body, 1, 33);
                    StatusUpdate u = new StatusUpdate(index, Lsn.of(b.getLong()), Lsn.of(b.getLong()),
                            Lsn.of(b.getLong()), b.getLong(), b.get() != 0, System.nanoTime(), Instant.now());
                    server.recordStatus(u);
                    synchronized (this) {
                        notifyAll();
                    }
                }
            }
        } catch (IOException e) {
            // connection gone
        }
        synchronized (this) {
            clientGone = true;
            notifyAll();
        }
    }

    // --- steps ---------------------------------------------------------------------------------------

    void awaitStatus(Predicate<StatusUpdate> condition, String what, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (true) {
                for (StatusUpdate u : server.statusUpdates(index)) {
                    if (condition.test(u)) {
                        return;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || clientGone) {
                    server.fail(new AssertionError("Connection " + index + ": no status update with " + what
                            + " within " + timeout + "; received " + server.statusUpdates(index)));
                    throw new Ended();
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    void awaitNewStatus(Duration timeout) throws InterruptedException {
        int seen = server.statusUpdates(index).size();
        awaitStatus(u -> server.statusUpdates(index).size() > seen, "any new update", timeout);
    }

    void shutdown(Lsn sentPtr, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && !clientGone) {
            int seen = server.statusUpdates(index).size();
            write(WireOut.keepalive(sentPtr.value(), nowMicros(), true), sentPtr);
            synchronized (this) {
                long waitUntil = Math.min(deadline, System.nanoTime() + 100_000_000L);
                while (!clientGone && System.nanoTime() < waitUntil) {
                    List<StatusUpdate> all = server.statusUpdates(index);
                    for (int i = seen; i < all.size(); i++) {
                        if (all.get(i).replicated().equals(sentPtr)) {
                            server.shutdownDone(true); // before the client can see the end
                            write(WireOut.commandComplete("COPY 0"), null);
                            disconnect();
                        }
                    }
                    wait(Math.max(1, (waitUntil - System.nanoTime()) / 1_000_000));
                }
            }
        }
        server.shutdownDone(false);
        disconnect();
    }

    void sleep(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }

    void awaitClientGone() throws InterruptedException {
        synchronized (this) {
            while (!clientGone && !clientCopyDone) {
                wait(100);
            }
        }
    }

    void idle(Duration period) throws IOException, InterruptedException {
        while (true) {
            synchronized (this) {
                if (clientGone || clientCopyDone) {
                    return;
                }
                wait(Math.max(1, period.toMillis()));
                if (clientGone || clientCopyDone) {
                    return;
                }
            }
            write(WireOut.keepalive(lastWalEnd.value(), nowMicros(), false), null);
        }
    }

    private void awaitClientGoneReading() throws IOException {
        while (in.read() >= 0) {
            // discard
        }
    }

    void budget(long bytes) {
        this.budget = bytes;
    }

    void trickle(Duration pause) {
        this.trickle = pause;
    }

    void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
        throw new Ended();
    }

    void disconnect() {
        closeQuietly();
        throw new Ended();
    }

    void sendError(ServerError error, boolean fatal) throws IOException {
        WireOut o = new WireOut('E');
        for (Map.Entry<Character, String> f : error.fields().entrySet()) {
            o.u8(f.getKey()).str(f.getValue());
        }
        o.u8(0);
        write(o.frame(), null);
        if (fatal || "FATAL".equals(error.severity()) || "PANIC".equals(error.severity())) {
            disconnect();
        }
    }

    /** Writes with the configured faults; {@code walEnd} (if any) becomes the idle keepalives' position. */
    synchronized void write(byte[] bytes, Lsn walEnd) throws IOException {
        if (walEnd != null && walEnd.isAfter(lastWalEnd)) {
            lastWalEnd = walEnd;
        }
        int n = bytes.length;
        boolean cut = false;
        if (budget >= 0 && n > budget) {
            n = (int) budget;
            cut = true;
        }
        if (trickle != null) {
            for (int i = 0; i < n; i++) {
                out.write(bytes[i]);
                out.flush();
                try {
                    Thread.sleep(trickle.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Ended();
                }
            }
        } else {
            out.write(bytes, 0, n);
            out.flush();
        }
        server.recordBytes(n);
        if (budget >= 0) {
            budget -= n;
        }
        if (cut) {
            disconnect();
        }
    }

    // --- plumbing ------------------------------------------------------------------------------------

    private byte[] expect(char tag) throws IOException {
        int t = in.read();
        if (t != tag) {
            throw new EOFException("expected '" + tag + "', got " + t);
        }
        return body();
    }

    private byte[] body() throws IOException {
        int len = in.readInt();
        if (len < 4 || len > (1 << 26)) {
            throw new IOException("bad frame length " + len);
        }
        byte[] b = new byte[len - 4];
        in.readFully(b);
        return b;
    }

    private static String cstring(byte[] b) {
        int end = 0;
        while (end < b.length && b[end] != 0) {
            end++;
        }
        return new String(b, 0, end, StandardCharsets.UTF_8);
    }

    private void closeQuietly() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // best effort
        }
    }
}
