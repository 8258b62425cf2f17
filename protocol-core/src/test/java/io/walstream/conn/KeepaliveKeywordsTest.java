package io.walstream.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.walstream.ConnectionStringException;
import io.walstream.spi.TransportOption;
import io.walstream.spi.TransportOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The libpq keepalive keywords become transport options; options the caller set explicitly win. */
class KeepaliveKeywordsTest {

    private static ConnectionConfig config(String s) {
        return ConnectionConfig.parse("host=h user=u dbname=d " + s, TestEnv.empty());
    }

    @Test
    void everyKeywordReachesTheTransportOptions() {
        TransportOptions o = Connector.withKeepalives(config("keepalives=1 keepalives_idle=17 keepalives_interval=3 "
                + "keepalives_count=4 tcp_user_timeout=9000"), TransportOptions.defaults());
        assertEquals(Boolean.TRUE, o.get(TransportOption.KEEPALIVE));
        assertEquals(Duration.ofSeconds(17), o.get(TransportOption.KEEPALIVE_IDLE));
        assertEquals(Duration.ofSeconds(3), o.get(TransportOption.KEEPALIVE_INTERVAL));
        assertEquals(4, o.get(TransportOption.KEEPALIVE_COUNT));
        assertEquals(Duration.ofMillis(9000), o.get(TransportOption.TCP_USER_TIMEOUT));
    }

    @Test
    void keepalivesZeroTurnsThemOffAndNothingSetChangesNothing() {
        assertEquals(Boolean.FALSE, Connector.withKeepalives(config("keepalives=0"), TransportOptions.defaults())
                .get(TransportOption.KEEPALIVE));
        TransportOptions defaults = TransportOptions.defaults();
        assertSame(defaults, Connector.withKeepalives(config(""), defaults));
    }

    @Test
    void explicitTransportOptionsWin() {
        TransportOptions explicit = TransportOptions.builder().set(TransportOption.KEEPALIVE_IDLE,
                Duration.ofSeconds(99)).build();
        assertEquals(Duration.ofSeconds(99), Connector.withKeepalives(config("keepalives_idle=17"), explicit)
                .get(TransportOption.KEEPALIVE_IDLE));
    }

    @Test
    void aNonNumberIsRefusedInLibpqsWords() {
        ConnectionStringException e = assertThrows(ConnectionStringException.class,
                () -> Connector.withKeepalives(config("keepalives_idle=soon"), TransportOptions.defaults()));
        assertEquals("invalid integer value \"soon\" for connection option \"keepalives_idle\"", e.getMessage());
    }
}
