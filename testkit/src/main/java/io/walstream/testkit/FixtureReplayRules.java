package io.walstream.testkit;

import static io.walstream.testkit.SuiteSupport.IO_BUDGET;

import io.walstream.spi.Transport;
import io.walstream.testkit.wire.Chunking;
import io.walstream.testkit.wire.Direction;
import io.walstream.testkit.wire.FixtureStep;
import io.walstream.testkit.wire.Fixtures;
import io.walstream.testkit.wire.LoopbackPeer;
import io.walstream.testkit.wire.ScriptedPeer;
import io.walstream.testkit.wire.WireFixture;
import java.nio.ByteBuffer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * FX rules: the shipped wire fixtures replayed through the transport by a {@link ScriptedPeer}. Each fixture
 * under each chunking is its own reported test.
 *
 * <p><b>Thread safety:</b> JUnit runs each test on one thread; the peer runs on its own.
 */
public interface FixtureReplayRules extends TransportContract {

    /**
     * FX-01. If this fails, check: bytes held back when the peer closes, a read that reports more than it
     * copied, a buffer reused before the reader saw it.
     *
     * @return one test per fixture and chunking
     */
    @TestFactory
    default Stream<DynamicNode> required_fx01_replaysEveryFixtureUnderEveryChunking() {
        long seed = Chunking.seed();
        return Fixtures.all().stream().map(f -> DynamicContainer.dynamicContainer(f.name(), f.source(),
                Chunking.standard(seed).stream().map(c -> DynamicTest.dynamicTest("server " + c.describe(),
                        () -> SuiteSupport.verify(ConformanceRule.FX_01,
                                () -> replay(ConformanceRule.FX_01, f, c, Chunking.WHOLE))))));
    }

    /**
     * FX-02: the client's bytes, written in pieces cut by each chunking, reach the peer byte-exact. If this
     * fails, check: partial writes, write ordering, flush.
     *
     * @return one test per fixture with client bytes and chunking
     */
    @TestFactory
    default Stream<DynamicNode> required_fx02_deliversClientBytesOfEveryFixture() {
        long seed = Chunking.seed();
        return Fixtures.all().stream().filter(WireFixture::hasClientBytes)
                .map(f -> DynamicContainer.dynamicContainer(f.name(), f.source(),
                        Chunking.standard(seed).stream().map(c -> DynamicTest.dynamicTest("client " + c.describe(),
                                () -> SuiteSupport.verify(ConformanceRule.FX_02,
                                        () -> replay(ConformanceRule.FX_02, f, Chunking.WHOLE, c))))));
    }

    private void replay(ConformanceRule rule, WireFixture fixture, Chunking server, Chunking client) throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.start(ScriptedPeer.replay(fixture, server))) {
            try {
                replay(rule, fixture, client, peer);
            } catch (AssertionError seen) {
                // the peer stops at the first client byte that differs and closes: its finding is the cause, and
                // what the client then saw (an early end of stream) is only the consequence
                peer.join(SuiteSupport.PROMPT);
                java.util.List<Throwable> peerSaw = peer.errors().errors();
                if (!peerSaw.isEmpty()) {
                    throw SuiteSupport.fail(rule, "the peer saw: " + peerSaw.get(0).getMessage() + " (server chunking "
                            + server.describe() + ", client chunking " + client.describe() + "; then the client saw: "
                            + seen.getMessage() + ")");
                }
                throw seen;
            }
        }
    }

    private void replay(ConformanceRule rule, WireFixture fixture, Chunking client, LoopbackPeer peer) throws Exception {
        try (Transport transport = SuiteSupport.connect(this, peer.endpoint())) {
            int stepNo = 0;
            for (FixtureStep step : fixture.steps()) {
                stepNo++;
                if (step.direction() == Direction.SERVER_TO_CLIENT) {
                    byte[] got;
                    try {
                        got = SuiteSupport.readExactly(rule, transport.source(), step.length(), IO_BUDGET);
                    } catch (AssertionError e) {
                        throw SuiteSupport.fail(rule, fixture.name() + " step " + stepNo + " (<<): "
                                + e.getMessage().substring(rule.id().length() + 3));
                    }
                    SuiteSupport.assertBytes(rule, fixture.name() + " step " + stepNo + " (<<)", step.bytes(), got);
                } else {
                    byte[] bytes = step.bytes();
                    int[] cuts = client.cutPoints(bytes.length, new int[0]);
                    int from = 0;
                    for (int i = 0; i <= cuts.length; i++) {
                        int to = i < cuts.length ? cuts[i] : bytes.length;
                        ByteBuffer src = ByteBuffer.wrap(bytes, from, to - from);
                        transport.sink().write(src);
                        SuiteSupport.check(rule, !src.hasRemaining(), "write() left " + src.remaining()
                                + " bytes of its buffer unconsumed");
                        from = to;
                    }
                    transport.sink().flush();
                }
            }
            byte[] rest = SuiteSupport.readToEnd(rule, transport.source(), 0, IO_BUDGET);
            SuiteSupport.check(rule, rest.length == 0, rest.length + " unexpected bytes after the fixture's last byte");
            transport.close();
            peer.await(IO_BUDGET);
        }
    }
}
