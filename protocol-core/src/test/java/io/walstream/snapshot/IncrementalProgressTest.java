package io.walstream.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.walstream.Lsn;
import io.walstream.StreamMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncrementalProgressTest {

    @Test
    void describesStateChunksRowsAndRate() {
        IncrementalProgress running = new IncrementalProgress("public.orders", 1000, 3, 3000,
                IncrementalProgress.State.RUNNING, Duration.ofSeconds(2));
        assertFalse(running.done());
        assertEquals(1500.0, running.rowsPerSecond());
        assertEquals("public.orders running: 3 chunks of 1000, 3000 rows, 1500 rows/s, PT2S", running.describe());
        IncrementalProgress waiting = new IncrementalProgress("public.items", 10, 0, 0,
                IncrementalProgress.State.WAITING, Duration.ZERO);
        assertEquals(0.0, waiting.rowsPerSecond(), "no division by a zero duration");
        assertTrue(new IncrementalProgress("t", 1, 1, 0, IncrementalProgress.State.DONE, Duration.ZERO).done());
    }

    @Test
    void streamMetricsCarryACopyOfTheListAndNoneByDefault() {
        StreamMetrics m = new StreamMetrics(Lsn.INVALID, Lsn.INVALID, Lsn.INVALID, Lsn.INVALID, 0, 0, 0, 0, null);
        assertEquals(List.of(), m.incrementalSnapshots());
        List<IncrementalProgress> list = new ArrayList<>();
        list.add(new IncrementalProgress("t", 1, 1, 1, IncrementalProgress.State.DONE, Duration.ofMillis(5)));
        StreamMetrics with = m.withIncrementalSnapshots(list);
        list.clear();
        assertEquals(1, with.incrementalSnapshots().size(), "a copy, not the caller's list");
        assertEquals(with.incrementalSnapshots(), with.withSnapshot(null).incrementalSnapshots(),
                "kept when the initial snapshot's progress is set");
    }
}
