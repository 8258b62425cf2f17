package io.walstream.internal.auth;

/**
 * The RFC 3454 (stringprep) tables that SASLprep (RFC 4013) uses, as sorted inclusive code point ranges
 * {@code {first0, last0, first1, last1, ...}}. Tables A.1 (unassigned in Unicode 3.2) and D.2 (bidi
 * category L) are too large to copy here and are approximated with the JDK's Unicode data; see
 * {@link #isUnassigned(int)} and {@link #isLCat(int)}.
 *
 * <p><b>Thread safety:</b> stateless; the tables are never modified.
 */
final class StringPrepTables {

    /** C.1.2 Non-ASCII space characters (mapped to SPACE by SASLprep, and prohibited in its output). */
    private static final int[] C_1_2 = {
        0x00A0, 0x00A0, 0x1680, 0x1680, 0x2000, 0x200B, 0x202F, 0x202F, 0x205F, 0x205F, 0x3000, 0x3000,
    };

    /** B.1 Commonly mapped to nothing. */
    private static final int[] B_1 = {
        0x00AD, 0x00AD, 0x034F, 0x034F, 0x1806, 0x1806, 0x180B, 0x180D, 0x200B, 0x200D, 0x2060, 0x2060,
        0xFE00, 0xFE0F, 0xFEFF, 0xFEFF,
    };

    /** C.2.1 ASCII control characters. */
    private static final int[] C_2_1 = {0x0000, 0x001F, 0x007F, 0x007F};

    /** C.2.2 Non-ASCII control characters. */
    private static final int[] C_2_2 = {
        0x0080, 0x009F, 0x06DD, 0x06DD, 0x070F, 0x070F, 0x180E, 0x180E, 0x200C, 0x200D, 0x2028, 0x2029,
        0x2060, 0x2063, 0x206A, 0x206F, 0xFEFF, 0xFEFF, 0xFFF9, 0xFFFC, 0x1D173, 0x1D17A,
    };

    /** C.3 Private use. */
    private static final int[] C_3 = {0xE000, 0xF8FF, 0xF0000, 0xFFFFD, 0x100000, 0x10FFFD};

    /** C.5 Surrogate codes. */
    private static final int[] C_5 = {0xD800, 0xDFFF};

    /** C.6 Inappropriate for plain text. */
    private static final int[] C_6 = {0xFFF9, 0xFFFD};

    /** C.7 Inappropriate for canonical representation. */
    private static final int[] C_7 = {0x2FF0, 0x2FFB};

    /** C.8 Change display properties or are deprecated. */
    private static final int[] C_8 = {0x0340, 0x0341, 0x200E, 0x200F, 0x202A, 0x202E, 0x206A, 0x206F};

    /** C.9 Tagging characters. */
    private static final int[] C_9 = {0xE0001, 0xE0001, 0xE0020, 0xE007F};

    /** D.1 Characters with bidirectional property "R" or "AL" (Unicode 3.2, exact). */
    private static final int[] D_1 = {
        0x05BE, 0x05BE, 0x05C0, 0x05C0, 0x05C3, 0x05C3, 0x05D0, 0x05EA, 0x05F0, 0x05F4, 0x061B, 0x061B,
        0x061F, 0x061F, 0x0621, 0x063A, 0x0640, 0x064A, 0x066D, 0x066F, 0x0671, 0x06D5, 0x06DD, 0x06DD,
        0x06E5, 0x06E6, 0x06FA, 0x06FE, 0x0700, 0x070D, 0x0710, 0x0710, 0x0712, 0x072C, 0x0780, 0x07A5,
        0x07B1, 0x07B1, 0x200F, 0x200F, 0xFB1D, 0xFB1D, 0xFB1F, 0xFB28, 0xFB2A, 0xFB36, 0xFB38, 0xFB3C,
        0xFB3E, 0xFB3E, 0xFB40, 0xFB41, 0xFB43, 0xFB44, 0xFB46, 0xFBB1, 0xFBD3, 0xFD3D, 0xFD50, 0xFD8F,
        0xFD92, 0xFDC7, 0xFDF0, 0xFDFC, 0xFE70, 0xFE74, 0xFE76, 0xFEFC,
    };

    private static final int[][] PROHIBITED = {C_1_2, C_2_1, C_2_2, C_3, C_5, C_6, C_7, C_8, C_9};

    private StringPrepTables() {
    }

    /** @return whether {@code cp} is in C.1.2 (non-ASCII space) */
    static boolean isNonAsciiSpace(int cp) {
        return in(C_1_2, cp);
    }

    /** @return whether {@code cp} is in B.1 (commonly mapped to nothing) */
    static boolean isMappedToNothing(int cp) {
        return in(B_1, cp);
    }

    /**
     * The SASLprep prohibited output: C.1.2, C.2.1, C.2.2, C.3, C.4, C.5, C.6, C.7, C.8 and C.9.
     *
     * @return whether {@code cp} must not appear in a prepared string
     */
    static boolean isProhibited(int cp) {
        if (isNonCharacter(cp)) {
            return true;
        }
        for (int[] table : PROHIBITED) {
            if (in(table, cp)) {
                return true;
            }
        }
        return false;
    }

    /** C.4 Non-character code points: U+FDD0..U+FDEF and the last two code points of every plane. */
    private static boolean isNonCharacter(int cp) {
        return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
    }

    /**
     * A.1 Unassigned code points in Unicode 3.2, <em>approximated</em> by the JDK's (newer) Unicode data:
     * {@code Character.getType(cp) == UNASSIGNED}. Characters assigned after Unicode 3.2 (emoji, newer
     * scripts) are therefore accepted here, where PostgreSQL's exact table rejects them and falls back to
     * the raw password bytes. The two only disagree for passwords that contain such a character
     * <em>and</em> are changed by mapping or NFKC normalisation.
     *
     * @return whether {@code cp} is treated as unassigned
     */
    static boolean isUnassigned(int cp) {
        return Character.getType(cp) == Character.UNASSIGNED;
    }

    /** @return whether {@code cp} is in D.1 (bidi category R or AL) */
    static boolean isRandALCat(int cp) {
        return in(D_1, cp);
    }

    /**
     * D.2 Characters with bidi property "L", <em>approximated</em> by the JDK's Unicode data
     * ({@code DIRECTIONALITY_LEFT_TO_RIGHT}). Only consulted for strings that contain a D.1 character.
     *
     * @return whether {@code cp} is treated as bidi category L
     */
    static boolean isLCat(int cp) {
        return Character.getDirectionality(cp) == Character.DIRECTIONALITY_LEFT_TO_RIGHT;
    }

    /** Binary search over sorted, non-overlapping inclusive ranges. */
    private static boolean in(int[] ranges, int cp) {
        int lo = 0;
        int hi = ranges.length / 2 - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (cp < ranges[2 * mid]) {
                hi = mid - 1;
            } else if (cp > ranges[2 * mid + 1]) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }
}
