package io.walstream.pgoutput;

import io.walstream.pgoutput.types.MalformedTextException;
import io.walstream.pgoutput.types.ValueSource;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.LongAdder;

/**
 * How text with invalid UTF-8 is decoded. {@link #lenient()} (the default) replaces each malformed sequence
 * with U+FFFD, as {@code new String(bytes, UTF_8)} does, and counts what needed it; {@link #strict()} refuses
 * it with a typed error naming where. Valid text costs one scan for U+FFFD after the JDK's decoding; only text
 * containing U+FFFD is checked byte by byte.
 *
 * <p>It applies to
 * <ul>
 *   <li>text-format column values ({@link ColumnValue#utf8Text()} and every accessor built on it): counted in
 *       {@link #replacements()}; strict throws {@link MalformedTextException} naming the column and the byte
 *       offset within the value;</li>
 *   <li>the names and strings of pgoutput messages — relation, namespace, column and type names, origin
 *       names, logical-message prefixes, two-phase gids — when the policy is given to the
 *       {@link PgOutputDecoder.Builder#utf8Policy decoder} (a stream does that with the same policy as its
 *       relation cache): counted in {@link #nameReplacements()}; strict throws
 *       {@link io.walstream.MalformedFrameException} naming the field, the message type and the payload
 *       offset.</li>
 * </ul>
 * PostgreSQL itself does not send invalid UTF-8 to a UTF8 session: its output conversion checks the bytes, and
 * a walsender meeting stored bytes that are not UTF-8 (possible in a {@code SQL_ASCII} database) ends the stream
 * with SQLSTATE 22021 (verified on PostgreSQL 14 and 18). The policy matters for peers that are not PostgreSQL:
 * proxies, replays, recorded streams.
 *
 * <p><b>Thread safety:</b> safe for concurrent use; the counter is a {@link LongAdder}.
 */
public final class Utf8Policy {
    private final boolean strict;
    private final LongAdder replacements = new LongAdder();
    private final LongAdder nameReplacements = new LongAdder();

    private Utf8Policy(boolean strict) {
        this.strict = strict;
    }

    /** @return a new lenient policy with its own counter */
    public static Utf8Policy lenient() {
        return new Utf8Policy(false);
    }

    /** @return a new strict policy */
    public static Utf8Policy strict() {
        return new Utf8Policy(true);
    }

    /** @return whether malformed values are refused */
    public boolean isStrict() {
        return strict;
    }

    /** @return how many text values were decoded with replacement characters (lenient only) */
    public long replacements() {
        return replacements.sum();
    }

    /**
     * @return how many message names and strings (relation, namespace, column, type, origin names, message
     *         prefixes, gids) were decoded with replacement characters (lenient only)
     */
    public long nameReplacements() {
        return nameReplacements.sum();
    }

    /**
     * Checks a name the decoder just decoded leniently from {@code a[off, off + len)}.
     *
     * @return {@code decoded}
     * @throws io.walstream.MalformedFrameException if strict and the bytes are not valid UTF-8
     */
    String checkName(String decoded, byte[] a, int off, int len, PayloadReader in, String what) {
        if (decoded.indexOf('\uFFFD') < 0) {
            return decoded;
        }
        int bad = firstMalformed(ByteBuffer.wrap(a, off, len));
        if (bad < 0) {
            return decoded;
        }
        if (strict) {
            throw in.malformed(what + " is not valid UTF-8 at byte " + bad + " of the name (strict UTF-8 is on)",
                    in.offsetOf(off + bad));
        }
        nameReplacements.increment();
        return decoded;
    }

    /**
     * @param decoded the value decoded leniently
     * @param tuple the tuple holding the value's bytes
     * @param index the column index
     * @param column the column, for the error
     * @return {@code decoded}
     * @throws MalformedTextException if strict and the bytes are not valid UTF-8
     */
    String check(String decoded, TupleData tuple, int index, ValueSource column) {
        if (decoded.indexOf('\uFFFD') < 0) {
            return decoded;
        }
        int bad = firstMalformed(tuple.data(index));
        if (bad < 0) {
            return decoded; // a genuine U+FFFD in valid UTF-8
        }
        if (strict) {
            throw new MalformedTextException(column, bad);
        }
        replacements.increment();
        return decoded;
    }

    /** @return the byte offset of the first malformed sequence, or -1 if the bytes are valid UTF-8 */
    static int firstMalformed(ByteBuffer bytes) {
        ByteBuffer in = bytes.duplicate();
        int start = in.position();
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer out = CharBuffer.allocate(Math.max(16, in.remaining()));
        CoderResult r = d.decode(in, out, true);
        if (r.isError()) {
            return in.position() - start;
        }
        return -1;
    }

    @Override
    public String toString() {
        return strict ? "strict UTF-8" : "lenient UTF-8 (" + replacements() + " values and " + nameReplacements()
                + " names with replacements)";
    }
}
