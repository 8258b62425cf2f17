package io.walstream.pgoutput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.walstream.ProtocolException;
import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/** Every proper prefix of every message type is a typed protocol error, never anything else. */
class PgOutputTruncationTest {

    @TestFactory
    Stream<DynamicNode> everyPrefixOfEveryMessageIsAProtocolError() {
        return Samples.all().stream().map(s -> DynamicContainer.dynamicContainer(s.name(),
                IntStream.range(0, s.payload().length).mapToObj(len -> dynamicTest("length " + len, () -> {
                    PgOutputDecoder d = s.decoder();
                    boolean wasInBlock = d.inStreamBlock();
                    byte[] prefix = Arrays.copyOf(s.payload(), len);
                    ProtocolException e = assertThrows(ProtocolException.class, () -> d.decode(prefix));
                    assertEquals(len == 0 ? -1 : s.payload()[0] & 0xff, e.tag());
                    assertTrue(e.offset() >= 0 && e.offset() <= len, () -> "offset " + e.offset());
                    assertEquals(wasInBlock, d.inStreamBlock());
                }))));
    }
}
