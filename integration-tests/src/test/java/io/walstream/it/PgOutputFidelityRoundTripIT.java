package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.it.PgOutputWorkload.Captured;
import io.walstream.it.PgOutputWorkload.OptionSet;
import io.walstream.it.PgOutputWorkload.Stream;
import io.walstream.pgoutput.PgOutputDecoder;
import io.walstream.pgoutput.PgOutputMessage;
import io.walstream.testkit.pgoutput.PgOutputWriter;
import io.walstream.testkit.postgres.PostgresConfig;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every message the server produced for the workload, under every option set the version supports, decodes and
 * re-encodes byte-for-byte with {@link PgOutputWriter} (encode(decode(bytes)) == bytes), and each option set
 * produced the message types it must.
 */
@PostgresTest
class PgOutputFidelityRoundTripIT {

    static PostgresConfig postgresConfig() {
        return PgOutputWorkload.config();
    }

    @Test
    void everyServerMessageReEncodesByteForByte(PostgresServer server) {
        PgOutputWorkload w = PgOutputWorkload.on(server);
        StringBuilder summary = new StringBuilder("PostgreSQL " + w.major + ":");
        for (OptionSet set : w.supportedSets()) {
            Stream s = w.stream(set);
            assertFalse(s.captured.isEmpty(), set + " produced nothing");
            // a fresh decoder, independent of the one used while capturing
            PgOutputDecoder decoder = set.decoder();
            Map<Character, Integer> counts = new TreeMap<>();
            for (Captured c : s.captured) {
                PgOutputMessage m = decoder.decode(c.payload());
                assertEquals(c.message(), m, set + " decodes deterministically");
                assertArrayEquals(c.payload(), PgOutputWriter.encode(m), () -> set + ": " + m.describe());
                counts.merge(m.tag(), 1, Integer::sum);
            }
            assertFalse(decoder.inStreamBlock());
            summary.append("\n  ").append(set).append(' ').append(counts);
            Set<Character> tags = counts.keySet();
            for (char t : new char[] {'B', 'C', 'R', 'Y', 'I', 'U', 'D'}) {
                if (set != OptionSet.V1_VIA_ROOT || t == 'B' || t == 'C' || t == 'R' || t == 'I' || t == 'U') {
                    assertTrue(tags.contains(t), set + " has '" + t + "': " + counts);
                }
            }
            if (set.publication.equals(PgOutputWorkload.PUB)) {
                assertTrue(tags.contains('T'), set + " has Truncate: " + counts);
                assertTrue(tags.contains('O') != (set == OptionSet.V4_ORIGIN_NONE), set + " Origin: " + counts);
            }
            assertEquals(set.messages(), tags.contains('M'), set + " Message iff messages=true: " + counts);
            assertEquals(set.streaming(), tags.contains('S') && tags.contains('E') && tags.contains('A'),
                    set + " stream blocks and aborts iff streaming: " + counts);
            assertEquals(set.streaming(), tags.contains('c'), set + " Stream Commit: " + counts);
            assertEquals(set.twoPhase(), tags.contains('K') && tags.contains('r'), set + " 2PC: " + counts);
            assertEquals(set.twoPhase(), tags.contains('b') && tags.contains('P'), set + " prepare: " + counts);
            assertEquals(set == OptionSet.V3_TWO_PHASE_STREAMING, tags.contains('p'), set + " Stream Prepare: " + counts);
        }
        System.out.println(summary);
    }
}
