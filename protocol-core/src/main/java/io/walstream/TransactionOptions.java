package io.walstream;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How {@link TransactionStream} buffers transactions until their commit: changes are kept in memory up to
 * {@code memoryBudgetBytes} in total (all open transactions together, approximately: payload bytes plus a fixed
 * overhead per change); beyond it, further changes of an open transaction go to a file of its own in
 * {@code spillDirectory}, deleted when the transaction is aborted, released after delivery, or discarded (reconnect,
 * close).
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param memoryBudgetBytes the in-memory budget; 0 spills every change
 * @param spillDirectory where spill files are created; it must exist
 */
public record TransactionOptions(long memoryBudgetBytes, Path spillDirectory) {

    /** The default budget, 64 MiB. */
    public static final long DEFAULT_MEMORY_BUDGET = 64L << 20;

    /**
     * @throws IllegalArgumentException if the budget is negative
     */
    public TransactionOptions {
        if (memoryBudgetBytes < 0) {
            throw new IllegalArgumentException("memoryBudgetBytes must not be negative: " + memoryBudgetBytes);
        }
        Objects.requireNonNull(spillDirectory, "spillDirectory");
    }

    /** @return 64 MiB in memory, spilling to {@code java.io.tmpdir} */
    public static TransactionOptions defaults() {
        return new TransactionOptions(DEFAULT_MEMORY_BUDGET, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** @param bytes the in-memory budget @return a copy with it */
    public TransactionOptions withMemoryBudget(long bytes) {
        return new TransactionOptions(bytes, spillDirectory);
    }

    /** @param directory the spill directory @return a copy with it */
    public TransactionOptions withSpillDirectory(Path directory) {
        return new TransactionOptions(memoryBudgetBytes, directory);
    }
}
