package io.walstream.transport.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.spi.Endpoint;
import io.walstream.spi.TransportOption;
import io.walstream.spi.TransportOptions;
import io.walstream.spi.TransportProvider;
import io.walstream.spi.Transports;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class NioTransportProviderTest {

    @Test
    void hasStableLowerCaseNameAndPriorityTen() {
        NioTransportProvider provider = new NioTransportProvider();
        assertEquals("nio", provider.name());
        assertEquals(provider.name().toLowerCase(Locale.ROOT), provider.name());
        assertEquals(10, provider.priority());
        assertTrue(provider.isAvailable());
    }

    @Test
    void supportsDefaultOptions() {
        assertTrue(new NioTransportProvider().supports(TransportOptions.defaults()));
    }

    @Test
    void ignoresOptionsItDoesNotKnow() {
        TransportOption<String> foreign = new TransportOption<>("eventLoop", String.class, null);
        TransportOptions options = TransportOptions.builder().set(foreign, "x").build();
        assertTrue(new NioTransportProvider().supports(options));
    }

    @Test
    void rejectsOutOfRangeOptionsInSupportsAndConnect() {
        NioTransportProvider provider = new NioTransportProvider();
        TransportOptions negativeBuffer = TransportOptions.builder()
                .set(TransportOption.RECEIVE_BUFFER_SIZE, -1).build();
        TransportOptions zeroTimeout = TransportOptions.builder()
                .set(TransportOption.CONNECT_TIMEOUT, Duration.ZERO).build();
        assertFalse(provider.supports(negativeBuffer));
        assertFalse(provider.supports(zeroTimeout));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> provider.connect(Endpoint.of("127.0.0.1", 1), negativeBuffer));
        assertTrue(e.getMessage().contains("receiveBufferSize"), e.getMessage());
    }

    @Test
    void serviceLoaderFindsNioOnTheClassPath() {
        List<TransportProvider> found = ServiceLoader.load(TransportProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("nio"))
                .collect(Collectors.toList());
        assertEquals(1, found.size(), "exactly one provider named nio");
        assertInstanceOf(NioTransportProvider.class, found.get(0));
    }

    @Test
    void transportsSelectsNioByName() {
        TransportOptions options = TransportOptions.builder().set(TransportOption.PROVIDER, "nio").build();
        assertInstanceOf(NioTransportProvider.class, Transports.select(options));
    }
}
