package io.walstream.transport.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.spi.TransportLayer;
import io.walstream.spi.TransportLayers;
import io.walstream.spi.TransportOption;
import io.walstream.spi.TransportOptions;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The module descriptor and the class-path service file declare the same layer, and ServiceLoader finds it. */
class ModuleDescriptorTest {

    private static final String SERVICE = TransportLayer.class.getName();

    private static Path classesDir() throws Exception {
        return Path.of(BcTlsLayer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void moduleProvidesTheLayerAndExportsOnlyItsPackage() throws Exception {
        ModuleDescriptor module;
        try (InputStream in = Files.newInputStream(classesDir().resolve("module-info.class"))) {
            module = ModuleDescriptor.read(in);
        }
        assertEquals("io.walstream.transport.tls", module.name());
        List<ModuleDescriptor.Provides> provides = module.provides().stream()
                .filter(p -> p.service().equals(SERVICE)).collect(Collectors.toList());
        assertEquals(1, provides.size());
        assertEquals(List.of(BcTlsLayer.class.getName()), provides.get(0).providers());
        assertEquals(Set.of("io.walstream.transport.tls"),
                module.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
        assertTrue(module.requires().stream().anyMatch(r -> r.name().equals("io.walstream.core")));
    }

    @Test
    void serviceFileListsTheSameLayerAndServiceLoaderFindsIt() throws Exception {
        List<String> listed = Files.readAllLines(classesDir().resolve("META-INF/services/" + SERVICE),
                StandardCharsets.UTF_8).stream().map(String::trim).filter(l -> !l.isEmpty()).collect(Collectors.toList());
        assertEquals(List.of(BcTlsLayer.class.getName()), listed);
        assertEquals(BcTlsLayer.NAME, TransportLayers.select(TransportOptions.defaults()).orElseThrow().name());
        assertTrue(TransportLayers.select(TransportOptions.builder().set(TransportOption.TLS_LAYER, "none").build())
                .isEmpty());
    }
}
