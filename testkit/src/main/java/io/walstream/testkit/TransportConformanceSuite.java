package io.walstream.testkit;

import io.walstream.spi.TransportProvider;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.Timeout;

/**
 * The transport conformance suite: extend it in your transport's tests with one factory method, declare your
 * optional capabilities, and every rule of {@link ConformanceRule} runs against your provider, each as its own
 * reported test named {@code [ID] level: summary}.
 *
 * <pre>{@code
 * class QuicTransportConformanceTest extends TransportConformanceSuite {
 *     @Override public TransportProvider provider() { return new QuicTransportProvider(); }
 *     @Override public Capabilities capabilities() { return Capabilities.minimal().withHalfClose(true); }
 * }
 * }</pre>
 *
 * <p>The rules live in one interface per family ({@link FixtureReplayRules}, {@link ByteSourceRules},
 * {@link LifecycleRules}, {@link ByteSinkRules}, {@link OptionalRules}); a test class that must extend
 * something else can implement those interfaces directly. Optional rules the transport does not declare are
 * reported as skipped with their reason, never as passed. The random chunking's seed is in the test names and
 * can be fixed with {@code -Dwalstream.testkit.seed=...}. Every failure message starts with the rule's
 * {@code [ID]} and says what was observed; a transport call that never returns fails its rule with the frames it
 * is stuck at. Tests that act "while a read is blocked" wait for the reader to be seen blocked ({@link ReadProbe}),
 * not for a fixed sleep.
 *
 * <p><b>Thread safety:</b> JUnit creates an instance per test method; nothing is shared between tests.
 */
@DisplayNameGeneration(RuleDisplayNames.class)
@Timeout(60)
public abstract class TransportConformanceSuite
        implements FixtureReplayRules, ByteSourceRules, LifecycleRules, ByteSinkRules, OptionalRules {

    /** For subclasses. */
    protected TransportConformanceSuite() {
    }

    @Override
    public abstract TransportProvider provider();
}
