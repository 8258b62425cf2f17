package io.walstream.testkit.pgoutput;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.Lsn;
import io.walstream.pgoutput.PgOutputDecoder;
import io.walstream.pgoutput.PgOutputMessage;
import io.walstream.testkit.wire.FixtureParser;
import io.walstream.testkit.wire.WireFixture;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden files for pgoutput decoding, captured from real PostgreSQL 14–18 by the integration test
 * {@code PgOutputFidelityCaptureIT}: each {@code fixtures/pgoutput/<name>.pgw} holds CopyData/XLogData frames around
 * the server's payloads, and {@code <name>.expect} the canonical {@link PgOutputMessage#describe()} line of each.
 * The fixtures come from {@code fixtures/pgoutput/index.txt} (never a directory listing), which also gives each
 * stream's decoder options; they are not part of the transport fixture index.
 */
class PgOutputGoldenTest {

    private static final String ROOT = "/io/walstream/testkit/fixtures/pgoutput/";

    /** One index line: {@code <name> <proto_version> [parallel]}. */
    record Entry(String name, int protoVersion, boolean parallel) {
    }

    static List<Entry> index() {
        String text = read(ROOT + "index.txt");
        assertNotNull(text, "missing " + ROOT + "index.txt");
        List<Entry> out = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] f = t.split("\\s+");
            out.add(new Entry(f[0], Integer.parseInt(f[1]), f.length > 2 && f[2].equals("parallel")));
        }
        return out;
    }

    @Test
    void indexCoversEveryVersionAndStreamKind() {
        List<String> names = index().stream().map(Entry::name).toList();
        for (int major = 14; major <= 18; major++) {
            assertTrue(names.contains("pg" + major + "-v1-text"), names.toString());
            assertTrue(names.contains("pg" + major + "-v2-streamed"), names.toString());
            if (major >= 16) {
                assertTrue(names.contains("pg" + major + "-v4-parallel-abort"), names.toString());
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> decodesToGoldenLinesAndReEncodesByteExact() {
        return index().stream().map(e -> DynamicTest.dynamicTest(e.name(), () -> check(e)));
    }

    private static void check(Entry e) {
        String pgw = read(ROOT + e.name() + ".pgw");
        String expect = read(ROOT + e.name() + ".expect");
        assertNotNull(pgw, e.name() + ".pgw");
        assertNotNull(expect, e.name() + ".expect");
        WireFixture fixture = FixtureParser.parse(e.name(), null, pgw, expect);
        byte[] bytes = fixture.serverBytes();
        PgOutputDecoder decoder = PgOutputDecoder.builder(e.protoVersion()).parallelStreaming(e.parallel()).build();
        List<String> lines = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            int start = b.position();
            assertEquals('d', (char) b.get(), "CopyData at " + start);
            int len = b.getInt();
            int end = start + 1 + len;
            assertEquals('w', (char) b.get(), "XLogData at " + start);
            Lsn walStart = Lsn.of(b.getLong());
            Lsn walEnd = Lsn.of(b.getLong());
            long sendTime = b.getLong();
            byte[] payload = Arrays.copyOfRange(bytes, b.position(), end);
            b.position(end);
            PgOutputMessage m = decoder.decode(payload);
            lines.add(m.describe());
            assertArrayEquals(payload, PgOutputWriter.encode(m), m.describe());
            assertArrayEquals(Arrays.copyOfRange(bytes, start, end), PgOutputWriter.copyData(walStart, walEnd,
                    sendTime, m), "frame at " + start + " re-encodes byte-exact");
        }
        assertFalse(decoder.inStreamBlock(), "the stream ends outside a stream block");
        assertEquals(fixture.expected(), lines);
    }

    private static String read(String resource) {
        try (InputStream in = PgOutputGoldenTest.class.getResourceAsStream(resource)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}
