package io.walstream.testkit.pgoutput;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.walstream.pgoutput.Origin;
import io.walstream.pgoutput.PgOutputDecoder;
import io.walstream.pgoutput.PgOutputMessage;
import io.walstream.pgoutput.StreamStart;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** decode(encode(m)) == m for every message type and protocol version, alone and in streamed blocks. */
class PgOutputRoundTripPropertyTest {

    /** A decoder configuration and a message valid for it. */
    record Case(int version, boolean parallel, boolean skipUnknown, PgOutputMessage message) {
        PgOutputDecoder decoder() {
            return PgOutputDecoder.builder(version).parallelStreaming(parallel).skipUnknownTypes(skipUnknown)
                    .build();
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        return Combinators.combine(Arbitraries.integers().between(1, 4), Arbitraries.of(true, false),
                Arbitraries.of(true, false)).flatAs((v, par, skip) -> {
                    boolean parallel = par && v == 4;
                    return PgOutputArbitraries.outsideBlock(v, parallel, skip)
                            .map(m -> new Case(v, parallel, skip, m));
                });
    }

    @Property(tries = 2000)
    void everyMessageRoundTrips(@ForAll("cases") Case c) {
        byte[] encoded = PgOutputWriter.encode(c.message());
        PgOutputMessage decoded = c.decoder().decode(encoded);
        assertEquals(c.message(), decoded);
        assertEquals(c.message().describe(), decoded.describe());
        assertArrayEquals(encoded, PgOutputWriter.encode(decoded));
        assertEquals(c.message(), c.decoder().decode(ByteBuffer.wrap(encoded).asReadOnlyBuffer()));
    }

    /** A session: regular messages with streamed blocks (Stream Start, [Origin], changes with xid, Stop). */
    @Provide
    Arbitrary<List<List<PgOutputMessage>>> sessions() {
        Arbitrary<List<PgOutputMessage>> block = Combinators.combine(PgOutputArbitraries.xids(),
                Arbitraries.of(true, false), Arbitraries.of(true, false),
                Arbitraries.oneOf(PgOutputArbitraries.changes(PgOutputArbitraries.noXid())).list().ofMaxSize(6))
                .as((xid, first, origin, changes) -> {
                    List<PgOutputMessage> inner = new ArrayList<>();
                    if (origin) {
                        inner.add(new Origin(io.walstream.Lsn.INVALID, "node"));
                    }
                    inner.addAll(changes);
                    return PgOutputWriter.streamBlock(xid, first, inner);
                });
        Arbitrary<List<PgOutputMessage>> single = PgOutputArbitraries.outsideBlock(4, false, false)
                .filter(m -> !(m instanceof StreamStart)).map(List::of);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, block), net.jqwik.api.Tuple.of(3, single)).list().ofMaxSize(8);
    }

    @Property(tries = 500)
    void streamedBlocksRoundTripThroughOneDecoder(@ForAll("sessions") List<List<PgOutputMessage>> session) {
        PgOutputDecoder decoder = new PgOutputDecoder(4);
        List<PgOutputMessage> expected = new ArrayList<>();
        session.forEach(expected::addAll);
        List<PgOutputMessage> decoded = new ArrayList<>();
        for (byte[] payload : PgOutputWriter.encodeAll(expected)) {
            decoded.add(decoder.decode(payload));
        }
        assertEquals(PgOutputWriter.asDecoded(expected), decoded);
        assertFalse(decoder.inStreamBlock());
    }
}
