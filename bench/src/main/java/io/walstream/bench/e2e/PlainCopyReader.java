package io.walstream.bench.e2e;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * The floor of the end-to-end benchmark: a blocking {@link SocketChannel} reader that does the startup
 * exchange by hand and then only splits CopyData frames and reads each XLogData header (walStart), with one
 * 64 KiB buffer compacted in place. Nothing a library could do on the read path is cheaper than this.
 *
 * <p><b>Thread safety:</b> stateless; a run is confined to the calling thread.
 */
final class PlainCopyReader {

    private PlainCopyReader() {
    }

    static long run(ClientMode.Target t, long limit) throws IOException {
        try (SocketChannel ch = SocketChannel.open(new InetSocketAddress(t.host(), t.port()))) {
            ch.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
            ByteBuffer out = ByteBuffer.allocate(512);
            byte[] params = ("user\0" + t.user() + "\0database\0" + t.database() + "\0replication\0database\0\0")
                    .getBytes(StandardCharsets.UTF_8);
            out.putInt(8 + params.length).putInt(196_608).put(params).flip();
            write(ch, out);
            ByteBuffer in = ByteBuffer.allocate(64 * 1024);
            awaitTag(ch, in, 'Z');
            query(ch, out, "START_REPLICATION SLOT " + t.slot()
                    + " LOGICAL 0/0 (proto_version '1', publication_names 'bench')");
            awaitTag(ch, in, 'W');
            long n = 0;
            long sum = 0;
            boolean done = false;
            while (!done) {
                in.flip();
                while (in.remaining() >= 5) {
                    int p = in.position();
                    int len = in.getInt(p + 1);
                    if (in.remaining() < len + 1) {
                        break;
                    }
                    if (in.get(p) == 'd' && in.get(p + 5) == 'w') {
                        long walStart = in.getLong(p + 6);
                        n++;
                        sum += walStart;
                        if (n >= limit || walStart == t.lastWalStart()) {
                            done = true;
                            break;
                        }
                    }
                    in.position(p + 1 + len);
                }
                in.compact();
                if (!done && ch.read(in) < 0) {
                    throw new EOFException("server closed after " + n + " messages");
                }
            }
            ClientMode.Sink.consume(sum);
            out.clear();
            out.put((byte) 'c').putInt(4).put((byte) 'X').putInt(4).flip();
            write(ch, out);
            return n;
        }
    }

    private static void query(SocketChannel ch, ByteBuffer out, String sql) throws IOException {
        byte[] q = sql.getBytes(StandardCharsets.UTF_8);
        out.clear();
        out.put((byte) 'Q').putInt(4 + q.length + 1).put(q).put((byte) 0).flip();
        write(ch, out);
    }

    private static void write(SocketChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /** Reads and discards whole messages up to and including the first with {@code tag}; leaves the rest. */
    private static void awaitTag(SocketChannel ch, ByteBuffer in, char tag) throws IOException {
        while (true) {
            in.flip();
            while (in.remaining() >= 5 && in.remaining() >= 1 + in.getInt(in.position() + 1)) {
                int p = in.position();
                byte got = in.get(p);
                in.position(p + 1 + in.getInt(p + 1));
                if (got == 'E') {
                    throw new IOException("server error during startup");
                }
                if (got == tag) {
                    in.compact();
                    return;
                }
            }
            in.compact();
            if (ch.read(in) < 0) {
                throw new EOFException("server closed before " + tag);
            }
        }
    }
}
