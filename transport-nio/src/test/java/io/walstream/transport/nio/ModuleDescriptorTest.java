package io.walstream.transport.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.spi.TransportProvider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The module descriptor and the class-path service file declare the same provider. */
class ModuleDescriptorTest {

    private static final String SERVICE = TransportProvider.class.getName();
    private static final String PROVIDER = NioTransportProvider.class.getName();

    private static Path classesDir() throws URISyntaxException {
        return Path.of(NioTransportProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static ModuleDescriptor descriptor() throws IOException, URISyntaxException {
        try (InputStream in = Files.newInputStream(classesDir().resolve("module-info.class"))) {
            return ModuleDescriptor.read(in);
        }
    }

    @Test
    void moduleProvidesTheNioProvider() throws Exception {
        ModuleDescriptor module = descriptor();
        assertEquals("io.walstream.transport.nio", module.name());
        List<ModuleDescriptor.Provides> provides = module.provides().stream()
                .filter(p -> p.service().equals(SERVICE))
                .collect(Collectors.toList());
        assertEquals(1, provides.size(), "one provides clause for " + SERVICE);
        assertEquals(List.of(PROVIDER), provides.get(0).providers());
    }

    @Test
    void moduleRequiresCoreAndExportsOnlyItsPackage() throws Exception {
        ModuleDescriptor module = descriptor();
        assertTrue(module.requires().stream().anyMatch(r -> r.name().equals("io.walstream.core")));
        Set<String> exported = module.exports().stream()
                .map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toSet());
        assertEquals(Set.of("io.walstream.transport.nio"), exported);
    }

    @Test
    void serviceFileListsTheSameProvider() throws Exception {
        Path file = classesDir().resolve("META-INF/services/" + SERVICE);
        List<String> listed = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .map(line -> line.replaceAll("#.*", "").trim())
                .filter(line -> !line.isEmpty())
                .collect(Collectors.toList());
        assertEquals(descriptor().provides().stream()
                .filter(p -> p.service().equals(SERVICE))
                .flatMap(p -> p.providers().stream())
                .collect(Collectors.toList()), listed);
        assertEquals(List.of(PROVIDER), listed);
    }
}
