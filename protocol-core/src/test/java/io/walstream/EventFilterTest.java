package io.walstream;

import static io.walstream.PgWire.begin;
import static io.walstream.PgWire.commit;
import static io.walstream.PgWire.insert;
import static io.walstream.PgWire.message;
import static io.walstream.PgWire.relation;
import static io.walstream.PgWire.truncate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** changesOnly and tables: which events reach the consumer. */
class EventFilterTest {
    private static final int USERS = 16_384;
    private static final int ORDERS = 16_390;

    private final List<ReplicationEvent> events = new ArrayList<>();

    EventFilterTest() {
        Feed feed = new Feed();
        for (byte[] p : List.of(begin(0x5000, 1, 10), relation(null, USERS, "public", "users", "id", 23),
                relation(null, ORDERS, "sales", "orders", "id", 23), insert(null, USERS, "1"),
                insert(null, ORDERS, "2"), truncate(null, USERS, ORDERS), truncate(null, USERS),
                message(null, true, 0x10, "p", "x"), commit(0x5000, 0x5010, 1))) {
            events.add(feed.polled(p).event());
        }
    }

    private List<String> accepted(EventFilter f) {
        List<String> out = new ArrayList<>();
        for (ReplicationEvent e : events) {
            if (f.accepts(e)) {
                out.add(e.operation() + (e.table() != null ? " " + e.table() : ""));
            }
        }
        return out;
    }

    @Test
    void allByDefault() {
        assertEquals(9, accepted(EventFilter.ALL).size());
        assertFalse(EventFilter.ALL.changesOnly());
    }

    @Test
    void onlyAFilterWithoutRulesIsSkippedByTheDeliveryLoop() {
        assertTrue(EventFilter.ALL.acceptsAll());
        assertTrue(EventFilter.of(false, List.of()).acceptsAll());
        assertFalse(EventFilter.of(true, List.of()).acceptsAll());
        assertFalse(EventFilter.of(false, List.of("users")).acceptsAll());
    }

    @Test
    void changesOnlyDropsFramingAndMetadata() {
        assertEquals(List.of("INSERT users", "INSERT orders", "TRUNCATE users", "TRUNCATE users", "MESSAGE"),
                accepted(EventFilter.of(true, List.of())));
    }

    @Test
    void tablesKeepOnlyTheirChanges() {
        // other events pass; a TRUNCATE passes if any of its tables is listed (its table() is the first one)
        assertEquals(List.of("BEGIN", "RELATION", "RELATION", "INSERT orders", "TRUNCATE users", "MESSAGE",
                "COMMIT"), accepted(EventFilter.of(false, List.of("sales.orders"))));
        assertEquals(List.of("INSERT orders", "TRUNCATE users", "MESSAGE"),
                accepted(EventFilter.of(true, List.of("orders"))), "a bare name matches any schema");
        assertEquals(List.of("INSERT users", "TRUNCATE users", "TRUNCATE users", "MESSAGE"),
                accepted(EventFilter.of(true, List.of("public.users"))));
        assertTrue(accepted(EventFilter.of(true, List.of("Public.users"))).stream().noneMatch(s -> s.contains("INSERT")),
                "names are case-sensitive");
    }
}
