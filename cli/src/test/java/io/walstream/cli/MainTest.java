package io.walstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Errors are one line on stderr, with the stack trace only under --verbose; usage errors exit 2. */
class MainTest {

    private static String[] run(String... args) {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(args);
            return new String[] {String.valueOf(code), captured.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setErr(err);
        }
    }

    @Test
    void oneLineWithoutVerbose() {
        String[] r = run("stream", "-d", "host=127.0.0.1 port=notaport", "-S", "s", "-P", "p");
        assertEquals("2", r[0]);
        assertEquals(1, r[1].strip().lines().count(), r[1]);
        assertTrue(r[1].startsWith("walstream stream: invalid connection string: "), r[1]);
    }

    @Test
    void stackTraceWithVerbose() {
        String[] r = run("stream", "--verbose", "-d", "host=127.0.0.1 port=notaport", "-S", "s", "-P", "p");
        assertEquals("2", r[0]);
        assertTrue(r[1].contains("\tat io.walstream."), r[1]);
    }

    @Test
    void usageErrorsExitTwo() {
        String[] r = run("stream", "--slot", "s");
        assertEquals("2", r[0]);
        assertTrue(r[1].contains("--publication"), r[1]);
        assertTrue(r[1].contains("walstream stream --help"), r[1]);
        assertFalse(run("demo", "--pg-version", "13")[1].isEmpty());
        assertEquals("2", run("demo", "--pg-version", "13")[0]);
        assertEquals("2", run("stream", "-S", "s", "-P", "p", "--endpos", "nonsense")[0]);
        assertEquals("2", run("stream", "-S", "s", "-P", "p", "-f", "out.jsonl", "--flush-mode", "on_commit_and_idle")[0]);
    }
}
