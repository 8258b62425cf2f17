package io.walstream.bench.e2e;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A minimal walsender for the end-to-end benchmark: on loopback, one thread per connection, it speaks enough of
 * the protocol for walstream and pgjdbc to connect and stream — SSLRequest/GSSENCRequest refused with {@code N},
 * trust authentication, the usual ParameterStatus set, {@code IDENTIFY_SYSTEM}, {@code SHOW}, any other simple
 * query acknowledged empty, and {@code START_REPLICATION}, which replays the pre-encoded {@link ReplayStream}
 * from the start with plain socket writes of a direct buffer (no per-message work on the server).
 *
 * <p>After the last frame it waits for the client's CopyDone, answers CopyDone, CommandComplete and
 * ReadyForQuery, as a walsender does, and goes back to reading commands; a CopyDone that arrives earlier stops
 * the replay at the next transaction boundary. Standby status updates are read and ignored.
 *
 * <p>Run: {@code java -cp benchmarks.jar io.walstream.bench.e2e.ReplayWalsender [messages] [port]}; it prints
 * {@code READY port messages lastWalStart} once listening.
 *
 * <p><b>Thread safety:</b> a process entry point; each connection is confined to its own threads.
 */
public final class ReplayWalsender {

    private static final int SSL_REQUEST = 80_877_103;
    private static final int GSSENC_REQUEST = 80_877_104;
    private static final int CANCEL_REQUEST = 80_877_102;

    private final ReplayStream stream;
    private final ServerSocketChannel server;

    private ReplayWalsender(ReplayStream stream, int port) throws IOException {
        this.stream = stream;
        this.server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress("127.0.0.1", port));
    }

    /**
     * @param args {@code [messages] [port]}: at least this many messages (default 5,000,000), port (0 = any)
     * @throws IOException if the port cannot be bound
     */
    public static void main(String[] args) throws IOException {
        long messages = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 5_000_000L;
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        ReplayStream stream = ReplayStream.build(messages);
        ReplayWalsender s = new ReplayWalsender(stream, port);
        int bound = ((InetSocketAddress) s.server.getLocalAddress()).getPort();
        System.out.println("READY " + bound + " " + stream.messages() + " " + stream.lastWalStart() + " "
                + stream.bytes().remaining());
        System.out.flush();
        s.acceptLoop();
    }

    private void acceptLoop() throws IOException {
        while (true) {
            SocketChannel ch = server.accept();
            Thread t = new Thread(() -> serve(ch), "replay-" + ch.socket().getPort());
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(SocketChannel ch) {
        try (ch) {
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            Conn c = new Conn(ch);
            if (!c.startup()) {
                return;
            }
            while (true) {
                int tag = c.readTag();
                ByteBuffer body = c.readBody();
                if (tag == 'X') {
                    return;
                }
                if (tag != 'Q') {
                    c.error("08P01", "unexpected message " + (char) tag);
                    continue;
                }
                String sql = cstring(body).trim();
                String upper = sql.toUpperCase(java.util.Locale.ROOT);
                if (upper.startsWith("IDENTIFY_SYSTEM")) {
                    c.row(new String[] {"systemid", "timeline", "xlogpos", "dbname"},
                            new String[] {"7400000000000000001", "1", "16/B374D848", "bench"}, "IDENTIFY_SYSTEM");
                } else if (upper.startsWith("SHOW ")) {
                    String name = sql.substring(5).trim();
                    c.row(new String[] {name}, new String[] {showValue(name)}, "SHOW");
                } else if (upper.contains("FROM PG_CATALOG.PG_REPLICATION_SLOTS")) {
                    // the stream's pre-flight check: the slot exists, is logical, uses pgoutput and is free
                    c.rows(new String[] {"slot_name", "slot_type", "plugin", "database", "active_pid", "wal_status"},
                            List.<String[]>of(new String[] {quoted(sql).get(0), "logical", "pgoutput", "bench", null,
                                "reserved"}), "SELECT 1");
                } else if (upper.contains("FROM PG_CATALOG.PG_PUBLICATION")) {
                    List<String[]> found = new java.util.ArrayList<>();
                    for (String name : quoted(sql)) {
                        found.add(new String[] {name});
                    }
                    c.rows(new String[] {"pubname"}, found, "SELECT " + found.size());
                } else if (upper.startsWith("START_REPLICATION")) {
                    replicate(c);
                } else {
                    c.complete(upper.startsWith("SET") ? "SET" : "SELECT 0");
                }
            }
        } catch (EOFException e) {
            // client went away
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("reset") && !String.valueOf(e.getMessage()).contains("pipe")) {
                System.err.println("replay connection ended: " + e);
            }
        }
    }

    /** The single-quoted literals of a query, in order (the names a pre-flight check asks about). */
    private static List<String> quoted(String sql) {
        List<String> out = new java.util.ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("'((?:[^']|'')*)'").matcher(sql);
        while (m.find()) {
            out.add(m.group(1).replace("''", "'"));
        }
        return out;
    }

    private static String showValue(String name) {
        switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "wal_sender_timeout":
                return "60s";
            case "server_version_num":
                return "160004";
            default:
                return "";
        }
    }

    private void replicate(Conn c) throws IOException {
        c.out.clear();
        c.out.put((byte) 'W').putInt(7).put((byte) 0).putShort((short) 0);
        c.flush();
        CountDownLatch clientDone = new CountDownLatch(1);
        Thread writer = new Thread(() -> {
            try {
                ByteBuffer all = stream.bytes();
                int from = 0;
                for (int end : stream.chunkEnds()) {
                    if (clientDone.getCount() == 0) {
                        break;
                    }
                    all.limit(end).position(from);
                    while (all.hasRemaining()) {
                        c.ch.write(all);
                    }
                    from = end;
                }
                clientDone.await();
                synchronized (c) {
                    c.out.clear();
                    c.out.put((byte) 'c').putInt(4);
                    c.putComplete("START_REPLICATION");
                    c.out.put((byte) 'Z').putInt(5).put((byte) 'I');
                    c.flush();
                }
            } catch (IOException | InterruptedException e) {
                // client closed the connection
            }
        }, Thread.currentThread().getName() + "-w");
        writer.setDaemon(true);
        writer.start();
        try {
            while (true) {
                int tag = c.readTag();
                c.readBody();
                if (tag == 'c') {
                    clientDone.countDown();
                    break;
                }
                if (tag != 'd') {
                    throw new EOFException("unexpected " + (char) tag + " in CopyBoth");
                }
            }
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            clientDone.countDown();
        }
    }

    private static String cstring(ByteBuffer b) {
        int start = b.position();
        int end = start;
        while (end < b.limit() && b.get(end) != 0) {
            end++;
        }
        byte[] s = new byte[end - start];
        b.get(s);
        if (b.hasRemaining()) {
            b.get();
        }
        return new String(s, StandardCharsets.UTF_8);
    }

    /** One client connection's framing. */
    private static final class Conn {
        final SocketChannel ch;
        final ByteBuffer out = ByteBuffer.allocate(8192);
        private final ByteBuffer head = ByteBuffer.allocate(5);

        Conn(SocketChannel ch) {
            this.ch = ch;
        }

        boolean startup() throws IOException {
            while (true) {
                ByteBuffer len = readFully(4);
                ByteBuffer body = readFully(len.getInt(0) - 4);
                int code = body.getInt(0);
                if (code == SSL_REQUEST || code == GSSENC_REQUEST) {
                    ch.write(ByteBuffer.wrap(new byte[] {'N'}));
                    continue;
                }
                if (code == CANCEL_REQUEST) {
                    return false;
                }
                break;
            }
            out.clear();
            out.put((byte) 'R').putInt(8).putInt(0);
            param("server_version", "16.4");
            param("server_encoding", "UTF8");
            param("client_encoding", "UTF8");
            param("DateStyle", "ISO, MDY");
            param("integer_datetimes", "on");
            param("standard_conforming_strings", "on");
            param("TimeZone", "UTC");
            param("IntervalStyle", "postgres");
            param("application_name", "bench");
            param("is_superuser", "on");
            param("session_authorization", "bench");
            out.put((byte) 'K').putInt(12).putInt(4242).putInt(1234);
            out.put((byte) 'Z').putInt(5).put((byte) 'I');
            flush();
            return true;
        }

        private void param(String name, String value) {
            byte[] n = name.getBytes(StandardCharsets.UTF_8);
            byte[] v = value.getBytes(StandardCharsets.UTF_8);
            out.put((byte) 'S').putInt(4 + n.length + 1 + v.length + 1).put(n).put((byte) 0).put(v).put((byte) 0);
        }

        void row(String[] names, String[] values, String tag) throws IOException {
            rows(names, List.<String[]>of(values), tag);
        }

        /** A RowDescription (all text), one DataRow per entry ({@code null} is SQL NULL), CommandComplete, ReadyForQuery. */
        void rows(String[] names, List<String[]> rows, String tag) throws IOException {
            out.clear();
            int len = 4 + 2;
            for (String n : names) {
                len += n.getBytes(StandardCharsets.UTF_8).length + 1 + 18;
            }
            out.put((byte) 'T').putInt(len).putShort((short) names.length);
            for (String n : names) {
                out.put(n.getBytes(StandardCharsets.UTF_8)).put((byte) 0).putInt(0).putShort((short) 0)
                        .putInt(25).putShort((short) -1).putInt(-1).putShort((short) 0);
            }
            for (String[] values : rows) {
                len = 4 + 2;
                for (String v : values) {
                    len += 4 + (v == null ? 0 : v.getBytes(StandardCharsets.UTF_8).length);
                }
                out.put((byte) 'D').putInt(len).putShort((short) values.length);
                for (String v : values) {
                    if (v == null) {
                        out.putInt(-1);
                    } else {
                        byte[] b = v.getBytes(StandardCharsets.UTF_8);
                        out.putInt(b.length).put(b);
                    }
                }
            }
            putComplete(tag);
            out.put((byte) 'Z').putInt(5).put((byte) 'I');
            flush();
        }

        void complete(String tag) throws IOException {
            out.clear();
            putComplete(tag);
            out.put((byte) 'Z').putInt(5).put((byte) 'I');
            flush();
        }

        void error(String code, String message) throws IOException {
            out.clear();
            byte[] m = message.getBytes(StandardCharsets.UTF_8);
            out.put((byte) 'E').putInt(4 + 7 + 7 + 2 + m.length + 1 + 1)
                    .put((byte) 'S').put("ERROR".getBytes(StandardCharsets.US_ASCII)).put((byte) 0)
                    .put((byte) 'C').put(code.getBytes(StandardCharsets.US_ASCII)).put((byte) 0)
                    .put((byte) 'M').put(m).put((byte) 0).put((byte) 0);
            out.put((byte) 'Z').putInt(5).put((byte) 'I');
            flush();
        }

        void putComplete(String tag) {
            byte[] t = tag.getBytes(StandardCharsets.UTF_8);
            out.put((byte) 'C').putInt(4 + t.length + 1).put(t).put((byte) 0);
        }

        void flush() throws IOException {
            out.flip();
            while (out.hasRemaining()) {
                ch.write(out);
            }
            out.clear();
        }

        int readTag() throws IOException {
            head.clear();
            fill(head);
            return head.get(0) & 0xff;
        }

        ByteBuffer readBody() throws IOException {
            return readFully(head.getInt(1) - 4);
        }

        private ByteBuffer readFully(int n) throws IOException {
            if (n < 0 || n > 1 << 20) {
                throw new EOFException("bad length " + n);
            }
            ByteBuffer b = ByteBuffer.allocate(n);
            fill(b);
            b.flip();
            return b;
        }

        private void fill(ByteBuffer b) throws IOException {
            while (b.hasRemaining()) {
                if (ch.read(b) < 0) {
                    throw new EOFException();
                }
            }
        }
    }
}
