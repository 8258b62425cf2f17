package io.walstream;

import io.walstream.EventSource.Polled;
import io.walstream.pgoutput.PgOutputDecoder;
import io.walstream.pgoutput.PgOutputMessage;
import io.walstream.pgoutput.RelationCache;
import io.walstream.replication.XLogData;
import java.nio.ByteBuffer;

/** Decodes hand-built payloads the way LogicalReplicationStream does: one session's decoder and relation cache. */
final class Feed {
    private final PgOutputDecoder decoder = PgOutputDecoder.builder(4).build();
    private final RelationCache relations = new RelationCache();
    private EventFactory events = new EventFactory(relations);
    private long walStart = 0x10_0000;

    /** @return the payload as the stream would return it, with its XLogData at the next position */
    Polled polled(byte[] payload) {
        walStart += 0x100;
        return polled(walStart, payload);
    }

    Polled polled(long at, byte[] payload) {
        XLogData x = new XLogData(Lsn.of(at), Lsn.of(at + 0x80), 1_000L, ByteBuffer.wrap(payload).asReadOnlyBuffer());
        PgOutputMessage m = decoder.decodeOwned(x.copyPayload());
        relations.accept(m);
        ReplicationEvent e = events.create(m, x.walStart(), x.walEnd(), x.sendTimeMicros());
        return new Polled(x, m, e, CommitLedger.endOf(m), false, m.streamXid().isPresent());
    }

    /** @return a duplicate Stream Commit as the stream reports it after a reconnect */
    Polled duplicate(byte[] payload) {
        Polled p = polled(payload);
        return new Polled(p.data(), p.message(), null, null, true, false);
    }

    /** Forgets the session state, as after a reconnect. */
    void reconnect() {
        decoder.reset();
        relations.clear();
        events = new EventFactory(relations);
    }
}
