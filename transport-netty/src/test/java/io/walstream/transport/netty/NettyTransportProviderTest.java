package io.walstream.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.spi.Endpoint;
import io.walstream.spi.TransportOption;
import io.walstream.spi.TransportOptions;
import io.walstream.spi.TransportProvider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class NettyTransportProviderTest {

    private static final String SERVICE = "io.walstream.spi.TransportProvider";

    @Test
    void serviceLoaderFindsNetty() {
        List<TransportProvider> netty = ServiceLoader.load(TransportProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("netty"))
                .collect(Collectors.toList());
        assertEquals(1, netty.size());
        assertEquals(5, netty.get(0).priority());
        assertTrue(netty.get(0).isAvailable());
        assertTrue(netty.get(0).supports(TransportOptions.defaults()));
        assertEquals(NettyTransportProvider.class, netty.get(0).getClass());
    }

    @Test
    void moduleDescriptorProvidesTheSameClassAsMetaInfServices() throws IOException {
        ModuleDescriptor descriptor;
        try (InputStream in = Files.newInputStream(Path.of("target", "classes", "module-info.class"))) {
            descriptor = ModuleDescriptor.read(in);
        }
        assertEquals("io.walstream.transport.netty", descriptor.name());
        ModuleDescriptor.Provides provides = descriptor.provides().stream()
                .filter(p -> p.service().equals(SERVICE))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no provides " + SERVICE));
        assertEquals(List.of(NettyTransportProvider.class.getName()), provides.providers());
        assertTrue(descriptor.exports().stream().anyMatch(e -> e.source().equals("io.walstream.transport.netty")));

        ModuleDescriptor.Requires epoll = descriptor.requires().stream()
                .filter(r -> r.name().equals("io.netty.transport.classes.epoll"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no requires for the epoll classes"));
        assertTrue(epoll.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC), "epoll must be optional");

        List<String> services = Files.readAllLines(
                        Path.of("target", "classes", "META-INF", "services", SERVICE), StandardCharsets.UTF_8)
                .stream().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .collect(Collectors.toList());
        assertEquals(provides.providers(), services);
        Set<String> required = descriptor.requires().stream().map(ModuleDescriptor.Requires::name)
                .collect(Collectors.toSet());
        assertTrue(required.containsAll(Set.of("io.walstream.core", "io.netty.transport", "io.netty.buffer",
                "io.netty.common")), required.toString());
    }

    @Test
    void refusedConnectionNamesHostPortAndNetty() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            port = s.getLocalPort();
        }
        Endpoint endpoint = Endpoint.of("127.0.0.1", port);
        TransportOptions options = TransportOptions.builder()
                .set(TransportOption.CONNECT_TIMEOUT, Duration.ofSeconds(5)).build();
        IOException e = assertThrows(IOException.class, () -> new NettyTransportProvider().connect(endpoint, options));
        assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
        assertTrue(e.getMessage().contains("netty"), e.getMessage());
        assertTrue(e.getCause() != null, "original exception kept as cause");
    }

    @Test
    void unresolvableHostIsAnIOExceptionNamingTheEndpoint() {
        Endpoint endpoint = Endpoint.of("no-such-host.invalid", 5432);
        IOException e = assertThrows(IOException.class,
                () -> new NettyTransportProvider().connect(endpoint, TransportOptions.defaults()));
        assertTrue(e.getMessage().contains("no-such-host.invalid:5432"), e.getMessage());
    }

    @Test
    void infoNamesProviderAndEndpoint() throws Exception {
        try (LoopbackPeer peer = new LoopbackPeer();
             NettyTransport t = (NettyTransport) new NettyTransportProvider()
                     .connect(peer.endpoint(), TransportOptions.defaults())) {
            assertEquals("netty", t.info().provider());
            assertEquals(peer.endpoint(), t.info().endpoint());
            assertEquals(peer.socket().getRemoteSocketAddress(), t.info().localAddress());
            assertTrue(t.info().remoteAddress() != null);
            assertTrue(t.source() == t.source() && t.sink() == t.sink());
        }
    }
}
