package io.walstream.internal.auth;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;

/**
 * SASLprep (RFC 4013, a stringprep profile from RFC 3454) for SCRAM passwords, with PostgreSQL's
 * fallback: a password that is not valid UTF-8, or that SASLprep prohibits, is used as raw bytes
 * unchanged. That is what libpq's {@code pg_saslprep} does and what the server did when it stored the
 * verifier, so both sides derive the same key.
 *
 * <p>Steps, in PostgreSQL's order:
 * <ol>
 *   <li>Pure ASCII input is returned as is (no ASCII character is mapped or changed by NFKC; the
 *       prohibited ones would fall back to the raw bytes anyway).</li>
 *   <li>Map: C.1.2 non-ASCII space to U+0020, then B.1 "commonly mapped to nothing" to nothing. An empty
 *       result counts as prohibited.</li>
 *   <li>Normalise with NFKC ({@link Normalizer}).</li>
 *   <li>Prohibit C.1.2, C.2.1, C.2.2, C.3–C.9 and A.1 (unassigned, approximated, see
 *       {@link StringPrepTables#isUnassigned(int)}).</li>
 *   <li>Bidi (RFC 3454 section 6): if any D.1 (R/AL) character is present, no D.2 (L) character may be,
 *       and the first and last characters must both be D.1.</li>
 * </ol>
 * Like PostgreSQL, steps 4 and 5 examine the mapped string from step 2 rather than the normalised one;
 * RFC 3454 checks the normalised output, but matching the server's key derivation is what matters here.
 *
 * <p><b>Thread safety:</b> stateless; safe to call from any thread.
 */
public final class SaslPrep {

    private SaslPrep() {
    }

    /**
     * @param passwordUtf8 the password as typed, normally UTF-8 (not modified, not retained)
     * @return a new array: the SASLprep'd password as UTF-8, or a copy of the input if it is not valid
     *     UTF-8 or SASLprep prohibits it. The caller may wipe it when done.
     */
    public static byte[] prepare(byte[] passwordUtf8) {
        if (isAscii(passwordUtf8)) {
            return passwordUtf8.clone();
        }
        char[] chars = decodeUtf8(passwordUtf8);
        if (chars == null) {
            return passwordUtf8.clone();
        }
        String prepared = prepareString(CharBuffer.wrap(chars));
        Arrays.fill(chars, '\0');
        if (prepared == null) {
            return passwordUtf8.clone();
        }
        return prepared.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Steps 2–5 on decoded text.
     *
     * @param input the password text
     * @return the prepared text, or {@code null} if SASLprep prohibits the input
     */
    static String prepareString(CharSequence input) {
        StringBuilder mapped = new StringBuilder(input.length());
        input.codePoints().forEach(cp -> {
            if (StringPrepTables.isNonAsciiSpace(cp)) {
                mapped.append(' ');
            } else if (!StringPrepTables.isMappedToNothing(cp)) {
                mapped.appendCodePoint(cp);
            }
        });
        if (mapped.length() == 0) {
            return null;
        }
        String normalized = Normalizer.normalize(mapped, Normalizer.Form.NFKC);
        int[] cps = mapped.codePoints().toArray();
        mapped.setLength(0);
        boolean ok = passesProhibitionAndBidi(cps);
        Arrays.fill(cps, 0);
        return ok ? normalized : null;
    }

    private static boolean passesProhibitionAndBidi(int[] cps) {
        boolean hasRandAL = false;
        for (int cp : cps) {
            if (StringPrepTables.isProhibited(cp) || StringPrepTables.isUnassigned(cp)) {
                return false;
            }
            hasRandAL |= StringPrepTables.isRandALCat(cp);
        }
        if (!hasRandAL) {
            return true;
        }
        for (int cp : cps) {
            if (StringPrepTables.isLCat(cp)) {
                return false;
            }
        }
        return StringPrepTables.isRandALCat(cps[0]) && StringPrepTables.isRandALCat(cps[cps.length - 1]);
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /** Strict UTF-8 decoding (rejects overlong forms, surrogates, values above U+10FFFF); null if invalid. */
    private static char[] decodeUtf8(byte[] bytes) {
        try {
            CharBuffer decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            char[] chars = new char[decoded.remaining()];
            decoded.get(chars);
            if (decoded.hasArray()) {
                Arrays.fill(decoded.array(), '\0');
            }
            return chars;
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
