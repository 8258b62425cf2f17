/**
 * walstream testkit: wire fixtures, a scripted loopback peer, and the transport conformance suite that every
 * transport (ours and third parties') runs in its own tests.
 */
module io.walstream.testkit {
    requires transitive io.walstream.core;
    requires transitive org.junit.jupiter.api;

    exports io.walstream.testkit;
    exports io.walstream.testkit.wire;
}
