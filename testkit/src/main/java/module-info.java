/**
 * walstream testkit: wire fixtures, a scripted loopback peer, the transport conformance suite that every
 * transport (ours and third parties') runs in its own tests, and a real PostgreSQL harness
 * ({@code io.walstream.testkit.postgres}).
 */
module io.walstream.testkit {
    requires transitive io.walstream.core;
    requires transitive org.junit.jupiter.api;
    requires org.apache.commons.compress;
    requires org.tukaani.xz;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.provider;

    exports io.walstream.testkit;
    exports io.walstream.testkit.wire;
    exports io.walstream.testkit.pgoutput;
    exports io.walstream.testkit.postgres;
    exports io.walstream.testkit.walsender;
}
