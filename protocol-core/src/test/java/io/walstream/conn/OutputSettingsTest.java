package io.walstream.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutputSettingsTest {

    @Test
    void everySettingIsSentWhenOptionsAreEmpty() {
        Map<String, String> p = new LinkedHashMap<>();
        OutputSettings.addTo(p, "");
        assertEquals(Map.of("DateStyle", "ISO", "IntervalStyle", "postgres", "extra_float_digits", "1",
                "TimeZone", "UTC", "lc_monetary", "C", "bytea_output", "hex"), p);
    }

    @Test
    void aSettingTheUserPutsInOptionsIsLeftToThem() {
        Map<String, String> p = new LinkedHashMap<>();
        OutputSettings.addTo(p, "-c timezone=Europe/Paris --DateStyle=SQL,DMY -cIntervalStyle=iso_8601 "
                + "-c wal_sender_timeout=0");
        assertFalse(p.containsKey("TimeZone"));
        assertFalse(p.containsKey("DateStyle"));
        assertFalse(p.containsKey("IntervalStyle"));
        assertEquals("1", p.get("extra_float_digits"));
        assertEquals("C", p.get("lc_monetary"));
    }

    @Test
    void onlyWholeNamesFollowedByEqualsCount() {
        assertTrue(OutputSettings.setIn("-c extra_float_digits=3", "extra_float_digits"));
        assertTrue(OutputSettings.setIn("--extra-float-digits=3", "extra_float_digits"));
        assertFalse(OutputSettings.setIn("-c my.timezone=x", "timezone"), "a custom GUC with a prefix");
        assertFalse(OutputSettings.setIn("-c application_name=timezone", "timezone"), "a value, not a name");
        assertFalse(OutputSettings.setIn("", "timezone"));
    }
}
