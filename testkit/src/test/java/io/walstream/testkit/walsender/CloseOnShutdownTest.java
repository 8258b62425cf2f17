package io.walstream.testkit.walsender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.Lsn;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Defect 3: a consumer JVM that ends on SIGTERM sends the final status update with the last acknowledged position
 * when it registered {@code closeOnShutdown()}, and (the control) does not when it did not.
 */
class CloseOnShutdownTest {

    @Test
    void sigtermFlushesTheLastAcknowledgedPositionWithCloseOnShutdown() throws Exception {
        assertEquals(Scripts.end(2), flushedAfterSigterm(true));
    }

    @Test
    void withoutTheHookTheFinalPositionIsLost() throws Exception {
        Lsn flushed = flushedAfterSigterm(false);
        assertTrue(flushed.isBefore(Scripts.end(2)), "without closeOnShutdown nothing sends it: " + flushed);
    }

    private static Lsn flushedAfterSigterm(boolean hook) throws Exception {
        try (FakeWalSender server = FakeWalSender.start()) {
            WalSenderScript s = WalSenderScript.create();
            Scripts.tx(s, 1);
            Scripts.tx(s, 2);
            server.enqueue(s.idle(Duration.ofMillis(100)));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    ShutdownHookChild.class.getName(), server.connectionString(), hook ? "hook" : "none")
                    .redirectErrorStream(true).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                        StandardCharsets.UTF_8));
                String want = "HANDLED " + Scripts.end(2);
                StringBuilder seen = new StringBuilder();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                String line;
                while ((line = out.readLine()) != null && System.nanoTime() < deadline) {
                    seen.append(line).append('\n');
                    if (line.equals(want)) {
                        break;
                    }
                }
                assertTrue(seen.toString().contains(want), "child output:\n" + seen);
                Thread.sleep(300); // the handler returned and its commit was acknowledged (in memory)
                child.destroy(); // SIGTERM
                assertTrue(child.waitFor(20, TimeUnit.SECONDS), "the child ended");
                Thread.sleep(200);
            } finally {
                child.destroyForcibly();
            }
            return server.lastStatusUpdate().flushed();
        }
    }
}
