package io.walstream.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link TransportOptions}: typed keys with defaults. */
class TransportOptionsTest {

    @Test
    void unsetKeysReadAsTheirDefault() {
        TransportOptions o = TransportOptions.defaults();

        assertEquals(Duration.ofSeconds(10), o.get(TransportOption.CONNECT_TIMEOUT));
        assertEquals(Boolean.TRUE, o.get(TransportOption.TCP_NODELAY));
        assertNull(o.get(TransportOption.PROVIDER));
        assertFalse(o.isSet(TransportOption.PROVIDER));
    }

    @Test
    void setValuesAreReturnedAndNullResets() {
        TransportOptions o = TransportOptions.builder().set(TransportOption.RECEIVE_BUFFER_SIZE, 1 << 20).build();
        assertEquals(1 << 20, o.get(TransportOption.RECEIVE_BUFFER_SIZE));
        assertTrue(o.isSet(TransportOption.RECEIVE_BUFFER_SIZE));

        TransportOptions reset = o.toBuilder().set(TransportOption.RECEIVE_BUFFER_SIZE, null).build();
        assertEquals(0, reset.get(TransportOption.RECEIVE_BUFFER_SIZE));
        assertEquals(1 << 20, o.get(TransportOption.RECEIVE_BUFFER_SIZE), "the original is unchanged");
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void valuesAreTypeChecked() {
        TransportOption raw = TransportOption.TCP_NODELAY;
        assertThrows(ClassCastException.class, () -> TransportOptions.builder().set(raw, "yes"));
    }

    @Test
    void providerKeysAreIndependent() {
        TransportOption<String> mine = new TransportOption<>("eventLoop", String.class, "default-loop");
        TransportOption<String> sameName = new TransportOption<>("eventLoop", String.class, "other");
        TransportOptions o = TransportOptions.builder().set(mine, "custom").build();

        assertEquals("custom", o.get(mine));
        assertEquals("other", o.get(sameName), "keys compare by identity");
        assertEquals("TransportOptions{eventLoop=custom}", o.toString());
    }
}
