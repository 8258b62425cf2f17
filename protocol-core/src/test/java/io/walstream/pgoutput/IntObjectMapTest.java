package io.walstream.pgoutput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The OID map agrees with a HashMap over growth, replacement, zero and negative keys, and clear. */
class IntObjectMapTest {

    @Test
    void agreesWithHashMap() {
        IntObjectMap<String> map = new IntObjectMap<>();
        Map<Integer, String> reference = new HashMap<>();
        Random random = new Random(3);
        for (int i = 0; i < 5_000; i++) {
            int key = i % 7 == 0 ? random.nextInt() : random.nextInt(300) - 20; // collisions, 0, negatives
            String value = "v" + i;
            map.put(key, value);
            reference.put(key, value);
        }
        assertEquals(reference.size(), map.size());
        for (int key = -50; key < 400; key++) {
            assertEquals(reference.get(key), map.get(key), "key " + key);
        }
        for (Map.Entry<Integer, String> e : reference.entrySet()) {
            assertEquals(e.getValue(), map.get(e.getKey()));
        }
        map.clear();
        assertEquals(0, map.size());
        assertNull(map.get(0));
        map.put(0, "zero");
        assertEquals("zero", map.get(0));
    }
}
