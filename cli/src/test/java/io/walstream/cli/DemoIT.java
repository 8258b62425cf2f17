package io.walstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.testkit.postgres.LiveServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code walstream demo} as a separate process: starts its own embedded PostgreSQL (the newest version by
 * default), exits 0 and prints the workload's changes (readable by default, JSON lines with --format json; Ctrl-C
 * (SIGINT) stops it cleanly, exit 0), never
 * the rolled-back row, and a summary; the server's directory is gone afterwards.
 */
@LiveServer
class DemoIT {

    @Test
    void demoPrintsTheWorkloadsChangesAndExitsZero() throws Exception {
        CliProcess p = CliProcess.run(180, "demo", "--duration", "5");
        String out = p.stdout();
        String err = p.stderr();
        assertEquals(0, p.exitCode(), err);
        for (String expected : List.of("INSERT:", "UPDATE:", "unchanged-toast-datum", "DELETE:", "TRUNCATE:",
                "message: transactional: 1 prefix: walstream-demo", "(streamed)", "COMMIT ")) {
            assertTrue(out.contains(expected), "output shows " + expected + ":\n" + out);
        }
        assertFalse(out.contains("rolled back"), "a rolled-back transaction never appears");
        assertTrue(err.contains("first change"), err);
        assertTrue(err.contains("confirmed_flush_lsn"), err);
        java.util.regex.Matcher files = java.util.regex.Pattern.compile("\\(files in ([^)]+)\\)").matcher(err);
        assertTrue(files.find(), err);
        assertFalse(java.nio.file.Files.exists(java.nio.file.Path.of(files.group(1))), "removed: " + files.group(1));
        assertTrue(err.contains("PostgreSQL 18."), "the newest version by default: " + err);
    }

    @Test
    void theJarCarriesNoJUnit() throws Exception {
        try (java.util.zip.ZipFile jar = new java.util.zip.ZipFile(CliProcess.jar().toFile())) {
            assertFalse(jar.stream().anyMatch(e -> e.getName().startsWith("org/junit/")),
                    "the PostgreSQL launcher is used without JUnit");
            assertTrue(jar.getEntry("io/walstream/testkit/postgres/PostgresServer.class") != null);
        }
    }

    @Test
    void demoInJsonOnAnOlderVersionStopsCleanlyOnCtrlC() throws Exception {
        CliProcess p = CliProcess.start("demo", "--duration", "120", "--pg-version", "14", "--format", "json");
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (p.isAlive() && System.nanoTime() < deadline && !p.stdout().contains("\"unchanged_toast\":[\"")) {
            Thread.sleep(100);
        }
        p.signal("INT");
        assertEquals(0, p.waitFor(60), p.stderr());
        assertTrue(p.stderr().contains("stopping PostgreSQL"), p.stderr());
        List<String> lines = p.stdoutLines();
        assertTrue(lines.size() >= 3, p.stdout());
        boolean sawUnchangedToast = false;
        for (String line : lines) {
            Map<String, Object> o = Json.object(line);
            assertTrue(List.of("insert", "update", "delete", "truncate", "message").contains(o.get("op")), line);
            sawUnchangedToast |= o.get("unchanged_toast") instanceof List<?> l && !l.isEmpty();
        }
        assertTrue(sawUnchangedToast, "an update left the TOASTed body unchanged");
        assertTrue(p.stderr().contains("PostgreSQL 14."), p.stderr());
    }
}
