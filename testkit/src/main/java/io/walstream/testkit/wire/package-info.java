/**
 * Wire fixtures and the peers that replay them: the {@code .pgw} format ({@link
 * io.walstream.testkit.wire.FixtureParser}), the shipped fixtures ({@link io.walstream.testkit.wire.Fixtures}),
 * chunking strategies, the loopback {@link io.walstream.testkit.wire.ScriptedPeer}, and in-memory sources.
 */
package io.walstream.testkit.wire;
