package io.walstream.transport.netty;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;

/**
 * The inbound buffers of one {@link NettyByteSource}: a single-producer single-consumer linked queue. The event
 * loop appends with one volatile write and no lock or compare-and-set; the reader copies from the head into the
 * caller's buffer and releases each buffer it empties.
 *
 * <p>Every queued buffer carries a cost: its readable bytes plus an overhead that makes tiny buffers count as
 * at least {@link NettyByteSource#MIN_COST}. {@link #drainInto} reports how much cost it took (the bytes copied,
 * and the overhead of each buffer it emptied), so that the source's count falls as bytes are read.
 *
 * <p><b>Thread safety:</b> {@link #add} from one producer thread at a time (the event loop); every other method
 * from one consumer at a time (the source serialises the reader and {@code close} with its lock).
 * {@link #hasData} may be called by the consumer without that lock.
 */
final class ReadQueue {

    /** One queued buffer. {@code buf} is {@code null} once the consumer released it. */
    private static final class Node {
        ByteBuf buf;
        final int overhead;
        volatile Node next;

        Node(ByteBuf buf, int overhead) {
            this.buf = buf;
            this.overhead = overhead;
        }
    }

    /** Consumer side: the node before the first unread one (initially an empty stub). */
    private Node head = new Node(null, 0);
    /** Producer side: the last node appended. */
    private Node tail = head;
    /** Consumer side: cost taken by the last {@link #drainInto}. */
    private long taken;

    /**
     * Appends {@code buf}, which must have readable bytes; producer only.
     *
     * @param cost what it counts for: at least its readable bytes
     */
    void add(ByteBuf buf, int cost) {
        Node n = new Node(buf, cost - buf.readableBytes());
        tail.next = n; // the publishing write
        tail = n;
    }

    /** @return whether a buffer is queued; consumer only */
    boolean hasData() {
        return head.next != null;
    }

    /**
     * Copies queued bytes into {@code dst} from its position, as many as fit, and releases every buffer it
     * empties; consumer only.
     *
     * @return the bytes copied; {@link #taken()} then says the cost they represent
     */
    int drainInto(ByteBuffer dst) {
        int total = 0;
        long cost = 0;
        Node n;
        while (dst.hasRemaining() && (n = head.next) != null) {
            ByteBuf b = n.buf;
            int k = Math.min(b.readableBytes(), dst.remaining());
            int pos = dst.position();
            if (dst.hasArray()) {
                b.readBytes(dst.array(), dst.arrayOffset() + pos, k);
                dst.position(pos + k);
            } else {
                int limit = dst.limit();
                dst.limit(pos + k); // no window object per read: narrow dst, copy, restore
                try {
                    b.readBytes(dst);
                } finally {
                    dst.limit(limit);
                }
            }
            total += k;
            cost += k;
            if (!b.isReadable()) {
                b.release();
                n.buf = null;
                cost += n.overhead;
                head = n;
            }
        }
        taken = cost;
        return total;
    }

    /** @return the cost taken by the last {@link #drainInto}; consumer only */
    long taken() {
        return taken;
    }

    /**
     * Releases every queued buffer; consumer only.
     *
     * @return the cost they represented
     */
    long releaseAll() {
        long cost = 0;
        Node n;
        while ((n = head.next) != null) {
            cost += n.buf.readableBytes() + n.overhead;
            n.buf.release();
            n.buf = null;
            head = n;
        }
        return cost;
    }

    /** @return the readable bytes queued; consumer only */
    long readableBytes() {
        long sum = 0;
        for (Node n = head.next; n != null; n = n.next) {
            sum += n.buf.readableBytes();
        }
        return sum;
    }
}
