package io.walstream.snapshot;

import io.walstream.ReplicationEvent;

/**
 * Receives, in order, the stream's events and the chunk rows of an {@link IncrementalSnapshot}, interleaved so
 * that a chunk row never arrives after a change to the same row that it predates: apply events as usual and chunk
 * rows as upserts ({@link SnapshotRow#isSnapshotRead()}).
 *
 * <p><b>Thread safety:</b> called on the thread that calls {@link IncrementalSnapshot#process}.
 */
public interface IncrementalHandler extends SnapshotHandler {

    /**
     * @param event a stream event (watermark messages of the snapshot itself are not passed on)
     */
    void onEvent(ReplicationEvent event);
}
