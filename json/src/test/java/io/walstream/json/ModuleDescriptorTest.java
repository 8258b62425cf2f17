package io.walstream.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The module exports its one package and passes core and jackson-core on to its users (both are in its API). */
class ModuleDescriptorTest {

    @Test
    void exportsTheJsonPackageAndRequiresCoreAndJacksonTransitively() throws Exception {
        Path classes = Path.of(JsonEventWriter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleDescriptor module;
        try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
            module = ModuleDescriptor.read(in);
        }
        assertEquals("io.walstream.json", module.name());
        assertEquals(Set.of("io.walstream.json"),
                module.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
        Map<String, Set<ModuleDescriptor.Requires.Modifier>> requires = module.requires().stream()
                .filter(r -> !r.name().equals("java.base"))
                .collect(Collectors.toMap(ModuleDescriptor.Requires::name, ModuleDescriptor.Requires::modifiers));
        assertEquals(Map.of("io.walstream.core", Set.of(ModuleDescriptor.Requires.Modifier.TRANSITIVE),
                "com.fasterxml.jackson.core", Set.of(ModuleDescriptor.Requires.Modifier.TRANSITIVE)), requires);
    }
}
