package io.walstream.conn;

import io.walstream.ConnectionStringException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Percent-decoding of URI components as libpq's {@code conninfo_uri_decode} does it.
 *
 * <ul>
 *   <li>{@code %XX} (hex digits in either case) is the byte XX; the bytes are read as UTF-8.</li>
 *   <li>{@code +} is a plus sign, not a space.</li>
 *   <li>A {@code %} not followed by two hex digits, and {@code %00}, are errors.</li>
 *   <li>Leading and trailing spaces are dropped; a space inside the component is an error ("use
 *       percent-encoded spaces (%20) instead"), as in current libpq.</li>
 * </ul>
 *
 * <p>libpq quotes the raw component in its errors; for secret components this class names the component
 * instead.
 *
 * <p><b>Thread safety:</b> stateless.
 */
final class PercentDecoder {
    private PercentDecoder() {
    }

    /**
     * @param raw the component as it appears in the URI
     * @param what the component's description for messages, e.g. {@code "the password"}
     * @param secret whether {@code raw} must not appear in messages
     * @return the decoded text
     */
    static String decode(String raw, String what, boolean secret) {
        byte[] in = raw.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        int n = in.length;
        int q = 0;
        while (q < n && in[q] == ' ') {
            q++;
        }
        while (q < n && in[q] != ' ') {
            byte b = in[q++];
            if (b != '%') {
                out.write(b);
                continue;
            }
            int hi = q < n ? hexDigit(in[q]) : -1;
            int lo = q + 1 < n ? hexDigit(in[q + 1]) : -1;
            if (hi < 0 || lo < 0) {
                throw new ConnectionStringException("invalid percent-encoded token: " + quote(raw, what, secret));
            }
            q += 2;
            int c = (hi << 4) | lo;
            if (c == 0) {
                throw new ConnectionStringException(
                        "forbidden value %00 in percent-encoded value: " + quote(raw, what, secret));
            }
            out.write(c);
        }
        while (q < n && in[q] == ' ') {
            q++;
        }
        if (q < n) {
            throw new ConnectionStringException("unexpected spaces found in " + quote(raw, what, secret)
                    + ", use percent-encoded spaces (%20) instead");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ConnectionStringException("percent-decoded bytes are not valid UTF-8 in " + what);
        }
    }

    private static String quote(String raw, String what, boolean secret) {
        return secret ? what + " (not shown)" : "\"" + raw + "\"";
    }

    private static int hexDigit(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }
}
