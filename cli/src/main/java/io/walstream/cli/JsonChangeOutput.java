package io.walstream.cli;

import io.walstream.Transaction;
import io.walstream.json.JsonEventWriter;
import io.walstream.pgoutput.RelationCache;

/**
 * {@code --format json}: one JSON object per change (docs/json.md), with begin/commit objects when
 * {@code --transactions} is given.
 *
 * <p><b>Thread safety:</b> used by the streaming thread only.
 */
final class JsonChangeOutput implements ChangeOutput {
    private final JsonEventWriter writer;
    private final boolean boundaries;

    JsonChangeOutput(OutputTarget target, boolean boundaries) {
        this.writer = new JsonEventWriter(target.stream());
        this.boundaries = boundaries;
    }

    @Override
    public int write(Transaction transaction, RelationCache relations) {
        return writer.writeTransaction(transaction, relations, boundaries);
    }

    @Override
    public void flush() {
        writer.flush();
    }
}
