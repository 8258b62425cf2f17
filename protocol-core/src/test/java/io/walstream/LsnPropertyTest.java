package io.walstream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** {@link Lsn} text round trip and ordering for every 64-bit value. */
class LsnPropertyTest {

    @Property
    void parseOfFormatIsIdentity(@ForAll long value) {
        Lsn lsn = Lsn.of(value);
        assertEquals(lsn, Lsn.parse(lsn.toString()));
        assertEquals(lsn, Lsn.parse(lsn.toString().toLowerCase(Locale.ROOT)));
    }

    @Property
    void paddedLowHalfParsesTheSame(@ForAll long value) {
        String padded = String.format("%X/%08X", value >>> 32, value & 0xFFFFFFFFL);
        assertEquals(Lsn.of(value), Lsn.parse(padded));
    }

    @Property
    void compareMatchesUnsignedLongCompare(@ForAll long a, @ForAll long b) {
        assertEquals(Integer.signum(Long.compareUnsigned(a, b)), Integer.signum(Lsn.of(a).compareTo(Lsn.of(b))));
    }
}
