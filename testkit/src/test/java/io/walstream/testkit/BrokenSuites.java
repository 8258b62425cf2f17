package io.walstream.testkit;

import io.walstream.spi.TransportProvider;

/**
 * The catalogue of deliberately broken transports: one conformance suite per breaker, each marked with the rule it
 * violates ({@link Breaks}). Run only through the JUnit Platform Test Kit by {@link BrokenTransportsTest}, which
 * runs each suite's one rule and also checks that every rule has an entry here. (Surefire skips nested classes, and
 * these names match no test pattern.)
 *
 * <p><b>Thread safety:</b> JUnit creates an instance per test method.
 */
final class BrokenSuites {

    private BrokenSuites() {
    }

    // --- FX ---------------------------------------------------------------------------------------------------

    @Breaks(ConformanceRule.FX_01)
    public static class DropsLastChunk extends TransportConformanceSuite {
        @Override
        public TransportProvider provider() {
            return BrokenTransports.provider(BrokenTransports.DropsLastChunk::new);
        }
    }

    @Breaks(ConformanceRule.FX_02)
    public static class WriteIgnoresSourcePosition extends TransportConformanceSuite {
        @Override
        public TransportProvider provider() {
            return BrokenTransports.provider(BrokenWrites.WriteIgnoresSourcePosition::new);
        }
    }

    // --- BS ---------------------------------------------------------------------------------------------------

    @Breaks(ConformanceRule.BS_01)
    public static class NeverEof extends TransportConformanceSuite {
        @Override
        public TransportProvider provider() {
            return BrokenTransports.provider(BrokenTransports.NeverEof::new);
        }
    }

    @Breaks(ConformanceRule.BS_02)
    public static class HoldsBackLastByte extends TransportConformanceSuite {
        @Override
        public TransportProvider provider() {
            return BrokenTransports.provider(BrokenReads.HoldsBackLastByte::new);
        }
    }

    @Breaks(ConformanceRule.BS_03)
    public static class IgnoresDeadline extends TransportConformanceSuite {
        @Override
        public TransportProvider provider() {
            return BrokenTransports.provider(BrokenTransports.IgnoresDeadline::new);
        }
    }

    @Breaks(ConformanceRule.BS_04)
    public static class ZeroTimeoutWaits extends TransportConformanceSuite {
        @Override
        public TransportProvider provider() {
            return BrokenTransports.provider(BrokenReads.ZeroTimeoutWaits::new);
        }
    }

    @Breaks(ConformanceRule.BS_05)
    public static class IgnoresPosition extends TransportConformanceSuite {
        @Override
        public TransportProvider provider() {
            return BrokenTransports.provider(BrokenTransports.IgnoresPosition::new);
        }
    }

    @Breaks(ConformanceRule.BS_06)
    public static class FillsBuffer extends TransportConformanceSuite {
        @Override
        public TransportProvider provider() {
            return BrokenTransports.provider(BrokenTransports.FillsBuffer::new);
        }
    }

    @Breaks(ConformanceRule.BS_07)
    public static class CorruptsPastEightMebibytes extends TransportConformanceSuite {
        @Override
        public TransportProvider provider() {
            return BrokenTransports.provider(BrokenReads.CorruptsPastEightMebibytes::new);
        }
    }

    @Breaks(ConformanceRule.BS_08)
    public static class UnboundedReadAhead extends TransportConformanceSuite {
        @Override
        public TransportProvider provider() {
            return BrokenTransports.provider(BrokenReads.UnboundedReadAhead::new);
        }
    }

    @Breaks(ConformanceRule.BS_09)
    public static class LosesChunkAfterTimeout extends TransportConformanceSuite {
        @Override
        public TransportProvider provider() {
            return BrokenTransports.provider(BrokenReads.LosesChunkAfterTimeout::new);
        }
    }

    // --- LC ---------------------------------------------------------------------------------------------------

    @Breaks(ConformanceRule.LC_01)
    public static class CloseDoesNotWake extends TransportConformanceSuite {
        @Override
        public TransportProvider provider() {
            return BrokenTransports.provider(BrokenTransports.CloseDoesNotWake::new);
        }
    }

    @Breaks(ConformanceRule.LC_02)
    public static class ReadAfterCloseWaits extends TransportConformanceSuite {
        @Override
        public TransportProvider provider() {
            return BrokenTransports.provider(BrokenLifecycles.ReadAfterCloseWaits::new);
        }
    }

    @Breaks(ConformanceRule.LC_03)
    public static class SecondCloseThrows extends TransportConformanceSuite {
        @Override
        public TransportProvider provider() {
            return BrokenTransports.provider(BrokenLifecycles.SecondCloseThrows::new);
        }
    }

    @Breaks(ConformanceRule.LC_04)
    public static class RefusalWithoutEndpoint extends TransportConformanceSuite {
        @Override
        public TransportProvider provider() {
            return BrokenLifecycles.refusalWithoutEndpoint();
        }
    }

    @Breaks(ConformanceRule.LC_05)
    public static class IgnoresConnectTimeout extends TransportConformanceSuite {
        @Override
        public TransportProvider provider() {
            return BrokenLifecycles.ignoresConnectTimeout();
        }
    }

    @Breaks(ConformanceRule.LC_06)
    public static class InfoOfWrappedTransport extends TransportConformanceSuite {
        @Override
        public TransportProvider provider() {
            return BrokenTransports.provider(BrokenLifecycles.InfoOfWrappedTransport::new);
        }
    }

    @Breaks(ConformanceRule.LC_07)
    public static class LateEof extends TransportConformanceSuite {
        @Override
        public TransportProvider provider() {
            return BrokenTransports.provider(BrokenReads.LateEof::new);
        }
    }

    @Breaks(ConformanceRule.LC_08)
    public static class UpperCaseName extends TransportConformanceSuite {
        @Override
        public TransportProvider provider() {
            return BrokenLifecycles.upperCaseName();
        }
    }

    // --- WR ---------------------------------------------------------------------------------------------------

    @Breaks(ConformanceRule.WR_01)
    public static class ReordersWrites extends TransportConformanceSuite {
        @Override
        public TransportProvider provider() {
            return BrokenTransports.provider(BrokenTransports.ReordersWrites::new);
        }
    }

    @Breaks(ConformanceRule.WR_02)
    public static class OneLockForReadAndWrite extends TransportConformanceSuite {
        @Override
        public TransportProvider provider() {
            return BrokenTransports.provider(BrokenWrites.OneLockForReadAndWrite::new);
        }
    }

    @Breaks(ConformanceRule.WR_03)
    public static class UnlockedPiecewiseWrites extends TransportConformanceSuite {
        @Override
        public TransportProvider provider() {
            return BrokenTransports.provider(BrokenTransports.UnlockedPiecewiseWrites::new);
        }
    }

    @Breaks(ConformanceRule.WR_04)
    public static class TakesOneMebibytePerWrite extends TransportConformanceSuite {
        @Override
        public TransportProvider provider() {
            return BrokenTransports.provider(BrokenWrites.TakesOneMebibytePerWrite::new);
        }
    }

    @Breaks(ConformanceRule.WR_05)
    public static class DropsWritesAfterClose extends TransportConformanceSuite {
        @Override
        public TransportProvider provider() {
            return BrokenTransports.provider(BrokenWrites.DropsWritesAfterClose::new);
        }
    }

    // --- OP: each declares the capability it then fails to deliver ---------------------------------------------

    @Breaks(ConformanceRule.OP_01)
    public static class CloseOnEof extends TransportConformanceSuite {
        @Override
        public TransportProvider provider() {
            return BrokenTransports.provider(BrokenLifecycles.CloseOnEof::new);
        }

        @Override
        public Capabilities capabilities() {
            return Capabilities.minimal().withHalfClose(true);
        }
    }

    @Breaks(ConformanceRule.OP_02)
    public static class NoIpv6 extends TransportConformanceSuite {
        @Override
        public TransportProvider provider() {
            return BrokenLifecycles.noIpv6();
        }

        @Override
        public Capabilities capabilities() {
            return Capabilities.minimal().withIpv6(true);
        }
    }

    @Breaks(ConformanceRule.OP_03)
    public static class IgnoresWriteTimeout extends TransportConformanceSuite {
        @Override
        public TransportProvider provider() {
            return BrokenTransports.provider(BrokenWrites.IgnoresWriteTimeout::new);
        }

        @Override
        public Capabilities capabilities() {
            return Capabilities.minimal().with(Capability.WRITE_TIMEOUT, true);
        }
    }
}
