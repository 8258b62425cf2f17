package io.walstream.codec;

import java.util.List;

/**
 * NegotiateProtocolVersion ({@code v}): the server supports an older minor protocol version or did not
 * recognize some {@code _pq_.} startup options.
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param newestMinorVersion the newest minor version the server supports for the requested major
 * @param unrecognizedOptions options the server did not recognize
 */
public record NegotiateProtocolVersion(int newestMinorVersion, List<String> unrecognizedOptions) {
    public NegotiateProtocolVersion {
        unrecognizedOptions = List.copyOf(unrecognizedOptions);
    }
}
