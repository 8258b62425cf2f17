package io.walstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The compiled {@code module-info.class}: what protocol-core exports, uses and requires. */
class ModuleDescriptorTest {

    private static ModuleDescriptor descriptor;

    @BeforeAll
    static void readDescriptor() throws IOException, URISyntaxException {
        Path classes = Path.of(Lsn.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
            descriptor = ModuleDescriptor.read(in);
        }
    }

    @Test
    void isNamedIoWalstreamCore() {
        assertEquals("io.walstream.core", descriptor.name());
    }

    @Test
    void exportsTheApiPackagesUnqualified() {
        Set<String> exported = descriptor.exports().stream()
                .peek(e -> assertFalse(e.isQualified(), "qualified export of " + e.source()))
                .map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toSet());

        assertEquals(Set.of("io.walstream", "io.walstream.spi", "io.walstream.codec", "io.walstream.replication",
                "io.walstream.conn", "io.walstream.pgoutput", "io.walstream.pgoutput.types", "io.walstream.snapshot"),
                exported);
    }

    @Test
    void doesNotExportInternal() {
        assertTrue(descriptor.exports().stream().noneMatch(e -> e.source().startsWith("io.walstream.internal")));
        assertTrue(descriptor.opens().isEmpty());
    }

    @Test
    void usesTransportProviderAndTransportLayer() {
        assertEquals(Set.of("io.walstream.spi.TransportProvider", "io.walstream.spi.TransportLayer"),
                descriptor.uses());
    }

    @Test
    void requiresOnlySlf4jBesidesTheJdk() {
        Set<String> nonJdk = descriptor.requires().stream()
                .map(ModuleDescriptor.Requires::name)
                .filter(n -> !n.startsWith("java."))
                .collect(Collectors.toSet());

        assertEquals(Set.of("org.slf4j"), nonJdk);
    }
}
