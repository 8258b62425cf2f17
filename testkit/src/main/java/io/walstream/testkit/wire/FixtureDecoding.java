package io.walstream.testkit.wire;

import io.walstream.ConnectionClosedException;
import io.walstream.ProtocolException;
import io.walstream.ServerError;
import io.walstream.ServerErrorException;
import io.walstream.codec.Frame;
import io.walstream.codec.FrameDecoder;
import io.walstream.replication.CopyBothDecoder;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders what walstream's decoders make of a fixture's server bytes, one canonical line per event, in the
 * form of the {@code .expect} files:
 *
 * <pre>
 * XLogData walStart=0/16B3F28 walEnd=0/16B3F60 sendTime=... len=19    a CopyData frame, decoded
 * PrimaryKeepalive walEnd=0/16B3F28 sendTime=... reply=true
 * CopyDone
 * Frame C len=13                                   any other frame
 * Notice severity=WARNING sqlState=01000 message="..."
 * ServerError severity=ERROR sqlState=XX000 message="..."
 * End offset=120 skipped=1                         clean end of stream, unknown frames skipped
 * !error FrameTooLarge offset=0                    decoding stopped with this protocol error
 * </pre>
 *
 * <p><b>Thread safety:</b> stateless.
 */
public final class FixtureDecoding {

    private FixtureDecoding() {
    }

    /**
     * @param fixture the fixture
     * @param chunking how to cut the server bytes into reads
     * @return the rendered events
     */
    public static List<String> render(WireFixture fixture, Chunking chunking) {
        List<String> lines = new ArrayList<>();
        ChunkedByteSource source = ChunkedByteSource.of(fixture.serverBytes(), chunking, fixture.frameBoundaries());
        // One frame per batch: notices are reported by the listener while parsing, so this keeps stream order.
        FrameDecoder decoder = FrameDecoder.builder(source).maxBatch(1)
                .noticeListener(n -> lines.add("Notice " + describe(n))).build();
        while (true) {
            try {
                Frame f = decoder.next(Long.MAX_VALUE);
                if (f.tag() == 'd') {
                    lines.add(CopyBothDecoder.decode(f).describe());
                } else if (f.tag() == 'c') {
                    lines.add("CopyDone");
                } else {
                    lines.add(f.describe());
                }
            } catch (ServerErrorException e) {
                lines.add("ServerError " + describe(e.error()));
            } catch (ConnectionClosedException e) {
                lines.add("End offset=" + e.offset() + " skipped=" + decoder.framesSkipped());
                return lines;
            } catch (ProtocolException e) {
                String type = e.getClass().getSimpleName().replaceFirst("Exception$", "");
                lines.add("!error " + type + " offset=" + e.offset());
                return lines;
            }
        }
    }

    /**
     * @param error error or notice fields
     * @return {@code severity=... sqlState=... message="..."}
     */
    public static String describe(ServerError error) {
        return "severity=" + error.severity() + " sqlState=" + error.sqlState() + " message=\"" + error.message() + "\"";
    }
}
