package io.walstream.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** server_version strings as servers report them. */
class ServerVersionTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "14.22|140022|14",
        "16.10 (Debian 16.10-1.pgdg)|160010|16",
        "17beta1|170000|17",
        "18rc1|180000|18",
        "18.1|180001|18",
        "9.6.24|90624|9",
        "10.0|100000|10",
        "15devel|150000|15"})
    void parses(String display, int number, int major) {
        ServerVersion v = ServerVersion.parse(display);
        assertEquals(number, v.number());
        assertEquals(major, v.major());
        assertEquals(display, v.display());
    }

    @Test
    void atLeast() {
        assertTrue(ServerVersion.parse("17beta1").atLeast(17));
        assertFalse(ServerVersion.parse("17beta1").atLeast(18));
        assertTrue(ServerVersion.parse("18rc1").atLeast(18));
        assertFalse(ServerVersion.parse("9.6.24").atLeast(10));
        assertTrue(ServerVersion.parse("14.22").compareTo(ServerVersion.parse("16.10 (Debian 16.10-1.pgdg)")) < 0);
    }

    @Test
    void rejectsNonNumbers() {
        assertThrows(IllegalArgumentException.class, () -> ServerVersion.parse("devel"));
        assertThrows(IllegalArgumentException.class, () -> ServerVersion.parse(""));
    }
}
