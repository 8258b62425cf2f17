package io.walstream.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.AmbiguousTransportException;
import io.walstream.NoTransportException;
import io.walstream.TransportSelectionException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Transports#select}: explicit name, else highest priority; clear errors otherwise. */
class TransportsSelectTest {

    private static final TransportOptions DEFAULTS = TransportOptions.defaults();

    private static TransportOptions named(String name) {
        return TransportOptions.builder().set(TransportOption.PROVIDER, name).build();
    }

    @Test
    void noProviderNamesBothArtifacts() {
        NoTransportException e = assertThrows(NoTransportException.class,
                () -> Transports.select(DEFAULTS, List.of(), null));

        assertTrue(e.getMessage().contains("walstream-transport-nio"), e.getMessage());
        assertTrue(e.getMessage().contains("walstream-transport-netty"), e.getMessage());
        assertTrue(e instanceof TransportSelectionException);
        assertEquals(false, e.isTransient());
    }

    @Test
    void singleProviderIsChosen() {
        FakeProvider nio = FakeProvider.usable("nio", 0);
        assertSame(nio, Transports.select(DEFAULTS, List.of(nio), null));
    }

    @Test
    void highestPriorityWins() {
        FakeProvider nio = FakeProvider.usable("nio", 10);
        FakeProvider netty = FakeProvider.usable("netty", 20);
        FakeProvider low = FakeProvider.usable("low", -5);

        assertSame(netty, Transports.select(DEFAULTS, List.of(nio, netty, low), null));
        assertSame(netty, Transports.select(DEFAULTS, List.of(low, netty, nio), null));
    }

    @Test
    void explicitNameByOptionWinsOverPriority() {
        FakeProvider nio = FakeProvider.usable("nio", 10);
        FakeProvider netty = FakeProvider.usable("netty", 20);

        assertSame(nio, Transports.select(named("nio"), List.of(nio, netty), null));
    }

    @Test
    void explicitNameByPropertyWinsOverPriority() {
        FakeProvider nio = FakeProvider.usable("nio", 10);
        FakeProvider netty = FakeProvider.usable("netty", 20);

        assertSame(nio, Transports.select(DEFAULTS, List.of(nio, netty), "nio"));
        assertSame(nio, Transports.select(DEFAULTS, List.of(nio, netty), "  NIO "), "trimmed, case-insensitive");
    }

    @Test
    void optionTakesPrecedenceOverProperty() {
        FakeProvider nio = FakeProvider.usable("nio", 10);
        FakeProvider netty = FakeProvider.usable("netty", 10);

        assertSame(netty, Transports.select(named("netty"), List.of(nio, netty), "nio"));
    }

    @Test
    void explicitNameBreaksATie() {
        FakeProvider nio = FakeProvider.usable("nio", 10);
        FakeProvider netty = FakeProvider.usable("netty", 10);

        assertSame(netty, Transports.select(DEFAULTS, List.of(nio, netty), "netty"));
    }

    @Test
    void unknownExplicitNameListsWhatWasFound() {
        List<TransportProvider> found = List.of(FakeProvider.usable("nio", 10), FakeProvider.usable("netty", 20));

        NoTransportException e = assertThrows(NoTransportException.class,
                () -> Transports.select(named("quic"), found, null));

        assertTrue(e.getMessage().contains("'quic'"), e.getMessage());
        assertTrue(e.getMessage().contains("nio (priority 10"), e.getMessage());
        assertTrue(e.getMessage().contains("netty (priority 20"), e.getMessage());
        assertTrue(e.getMessage().contains("TransportOption.PROVIDER"), e.getMessage());
    }

    @Test
    void unknownNameFromPropertyNamesTheProperty() {
        NoTransportException e = assertThrows(NoTransportException.class,
                () -> Transports.select(DEFAULTS, List.of(FakeProvider.usable("nio", 0)), "epoll"));

        assertTrue(e.getMessage().contains("-Dwalstream.transport"), e.getMessage());
        assertTrue(e.getMessage().contains("nio"), e.getMessage());
    }

    @Test
    void tieIsAmbiguousAndNamesCandidatesAndProperty() {
        List<TransportProvider> found = List.of(FakeProvider.usable("nio", 10), FakeProvider.usable("netty", 10),
                FakeProvider.usable("slow", 1));

        AmbiguousTransportException e = assertThrows(AmbiguousTransportException.class,
                () -> Transports.select(DEFAULTS, found, null));

        assertTrue(e.getMessage().contains("nio"), e.getMessage());
        assertTrue(e.getMessage().contains("netty"), e.getMessage());
        assertTrue(e.getMessage().contains("walstream.transport"), e.getMessage());
        assertTrue(!e.getMessage().contains("slow"), "only the tied candidates: " + e.getMessage());
    }

    @Test
    void providerThatFailsToLoadIsSkipped() {
        FakeProvider nio = FakeProvider.usable("nio", 0);
        FaultyIterable found = new FaultyIterable().broken("com.example.BrokenProvider").provider(nio);

        assertSame(nio, Transports.select(DEFAULTS, found, null));
    }

    @Test
    void providerThatFailsToLoadIsNamedInTheError() {
        FaultyIterable found = new FaultyIterable().broken("com.example.BrokenProvider");

        NoTransportException e = assertThrows(NoTransportException.class,
                () -> Transports.select(DEFAULTS, found, null));

        assertTrue(e.getMessage().contains("com.example.BrokenProvider"), e.getMessage());
    }

    @Test
    void providerThatFailsToLoadIsNamedWhenTheRequestedOneIsMissing() {
        FaultyIterable found = new FaultyIterable().provider(FakeProvider.usable("nio", 0))
                .broken("com.example.NettyProvider");

        NoTransportException e = assertThrows(NoTransportException.class,
                () -> Transports.select(DEFAULTS, found, "netty"));

        assertTrue(e.getMessage().contains("com.example.NettyProvider"), e.getMessage());
    }

    @Test
    void unsupportedProviderIsSkipped() {
        FakeProvider nio = FakeProvider.usable("nio", 0);
        FakeProvider picky = new FakeProvider("picky", 100, false);

        assertSame(nio, Transports.select(DEFAULTS, List.of(picky, nio), null));
    }

    @Test
    void unavailableProviderIsSkippedAndReported() {
        NoTransportException e = assertThrows(NoTransportException.class,
                () -> Transports.select(DEFAULTS, List.of(new FakeProvider.Unavailable("epoll")), null));

        assertTrue(e.getMessage().contains("not usable here: epoll"), e.getMessage());
    }

    @Test
    void explicitlyNamedButUnsupportedProviderIsAnError() {
        List<TransportProvider> found = List.of(new FakeProvider("netty", 10, false), FakeProvider.usable("nio", 0));

        NoTransportException e = assertThrows(NoTransportException.class,
                () -> Transports.select(named("netty"), found, null));

        assertTrue(e.getMessage().contains("not usable here: netty"), e.getMessage());
    }

    @Test
    void serviceLoaderSelectionFindsNoProviderInProtocolCoreAlone() {
        assertThrows(NoTransportException.class, () -> Transports.select(DEFAULTS));
    }
}
