package io.walstream.testkit.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ChunkedByteSource} serves exactly the pieces its cuts define, never merging two. */
class ChunkedByteSourceTest {

    private static byte[] data(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    /** Reads until -1 with a buffer of {@code room} bytes; returns the size of every read. */
    private static List<Integer> readAll(ChunkedByteSource source, int room, ByteBuffer into) {
        List<Integer> sizes = new ArrayList<>();
        while (true) {
            ByteBuffer dst = ByteBuffer.allocate(room);
            int n = source.read(dst, 0);
            if (n < 0) {
                return sizes;
            }
            assertEquals(n, dst.position(), "returned count matches bytes put");
            into.put(dst.flip());
            sizes.add(n);
        }
    }

    @Test
    void oneByteServesOneByteReadThenEnd() {
        byte[] data = data(37);
        ChunkedByteSource source = ChunkedByteSource.of(data, Chunking.ONE_BYTE, new int[0]);
        ByteBuffer got = ByteBuffer.allocate(data.length);
        List<Integer> sizes = readAll(source, 4096, got);
        assertEquals(37, sizes.size());
        assertEquals(List.of(1), sizes.stream().distinct().toList());
        assertEquals(38, source.reads(), "37 one-byte reads plus the one that saw the end");
        assertArrayEquals(data, got.array());
    }

    @Test
    void servesExactlyTheCutPieces() {
        byte[] data = data(100);
        ChunkedByteSource source = new ChunkedByteSource(data, new int[] {3, 4, 50, 99});
        ByteBuffer got = ByteBuffer.allocate(data.length);
        assertEquals(List.of(3, 1, 46, 49, 1), readAll(source, 4096, got));
        assertArrayEquals(data, got.array());
    }

    @Test
    void frameBoundaryChunkingServesOneFramePerRead() {
        WireFixture f = Fixtures.load("replication/xlogdata");
        byte[] data = f.serverBytes();
        ChunkedByteSource source = ChunkedByteSource.of(data, Chunking.frameBoundary(0), f.frameBoundaries());
        ByteBuffer got = ByteBuffer.allocate(data.length);
        assertEquals(List.of(51, 60, 56), readAll(source, 4096, got));
        assertArrayEquals(data, got.array());
    }

    @Test
    void aSmallBufferSplitsAPieceButNeverJoinsTwo() {
        byte[] data = data(20);
        ChunkedByteSource source = new ChunkedByteSource(data, new int[] {7, 9});
        ByteBuffer got = ByteBuffer.allocate(data.length);
        assertEquals(List.of(4, 3, 2, 4, 4, 3), readAll(source, 4, got));
        assertArrayEquals(data, got.array());
    }

    @Test
    void wholeServesEverythingAtOnceAndEmptyDataEndsImmediately() {
        byte[] data = data(300);
        ByteBuffer got = ByteBuffer.allocate(data.length);
        assertEquals(List.of(300), readAll(ChunkedByteSource.of(data, Chunking.WHOLE, new int[0]), 4096, got));
        ChunkedByteSource empty = ChunkedByteSource.of(new byte[0], Chunking.ONE_BYTE, new int[0]);
        assertEquals(-1, empty.read(ByteBuffer.allocate(8), 0));
        assertEquals(1, empty.reads());
    }

    @Test
    void closeEndsTheStream() {
        ChunkedByteSource source = ChunkedByteSource.of(data(10), Chunking.ONE_BYTE, new int[0]);
        assertEquals(1, source.read(ByteBuffer.allocate(8), 0));
        source.close();
        assertEquals(-1, source.read(ByteBuffer.allocate(8), 0));
    }

    @Test
    void theSourceKeepsItsOwnCopy() {
        byte[] data = data(4);
        byte[] original = Arrays.copyOf(data, 4);
        ChunkedByteSource source = ChunkedByteSource.of(data, Chunking.WHOLE, new int[0]);
        data[0] = 0;
        ByteBuffer got = ByteBuffer.allocate(4);
        readAll(source, 16, got);
        assertArrayEquals(original, got.array());
    }
}
