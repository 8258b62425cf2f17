package io.walstream.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy in front of a real server for the live fault tests: {@link #cutAll()} drops every proxied
 * connection (both sides see a reset), {@link #stallAll()} stops forwarding on the current connections while
 * keeping TCP up (a half-dead peer). New connections are forwarded normally.
 */
final class FaultProxy implements AutoCloseable {

    /** One proxied connection. */
    private static final class Pair {
        final Socket client;
        final Socket server;
        volatile boolean stalled;

        Pair(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void close() {
            for (Socket s : new Socket[] {client, server}) {
                try {
                    s.setSoLinger(true, 0);
                    s.close();
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    private final ServerSocket listener;
    private final String targetHost;
    private final int targetPort;
    private final List<Pair> pairs = new CopyOnWriteArrayList<>();

    FaultProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread t = new Thread(this::accept, "fault-proxy-" + listener.getLocalPort());
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(targetHost, targetPort);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                Pair p = new Pair(client, server);
                pairs.add(p);
                pump(p, client.getInputStream(), server.getOutputStream());
                pump(p, server.getInputStream(), client.getOutputStream());
            } catch (IOException e) {
                // closed
            }
        }
    }

    private static void pump(Pair p, InputStream in, OutputStream out) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            try {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    while (p.stalled) {
                        Thread.sleep(20); // hold the bytes: the peer sees silence with TCP up
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // a side closed
            } finally {
                p.close();
            }
        }, "fault-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    /** Drops every current connection with a reset. */
    void cutAll() {
        for (Pair p : pairs) {
            pairs.remove(p);
            p.close();
        }
    }

    /** Current connections stop forwarding (both directions) but stay open. */
    void stallAll() {
        for (Pair p : pairs) {
            p.stalled = true;
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        cutAll();
    }
}
